"""Nothing is final by accident, in a real browser (issue 14, item 6): the back button and a
second click on the request wizard and the event form create nothing twice; a wrongly
recorded entry is undone from the timeline; the confirmation pages pass axe at 390 px."""

from __future__ import annotations

import re

import pytest

from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest, RequestEvent
from tests.browser_support import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} is {width} px wide"


def test_going_back_and_sending_again_creates_nothing_twice(new_page, owner, patient):
    clinic = Provider.objects.create(owner=owner, name="Springfield Synthetic Clinic",
                                     address="400 Sample Avenue", city="Springfield",
                                     state="IL", zip_code="62701")
    clinic.patients.add(patient)
    page = new_page(user=owner)

    # The wizard, sent, then the back button and "Create" again.
    page.goto(f"/requests/new/{patient.pk}/")
    page.get_by_label("Springfield Synthetic Clinic").check()
    page.get_by_label("A paper copy").check()
    page.get_by_label("Mail", exact=True).check()
    page.get_by_role("button", name="Create the request").click()
    page.get_by_role("heading", name="Where it stands").wait_for()
    request_url = page.url
    page.go_back()
    page.get_by_role("button", name="Create the request").wait_for()
    page.get_by_role("button", name="Create the request").click()
    page.get_by_text("This page was already sent, so nothing new was made.").wait_for()
    assert page.url == request_url
    assert RecordsRequest.objects.filter(patient=patient).count() == 1
    req = RecordsRequest.objects.get(patient=patient)

    # The event form: "Follow-up letter sent", then back and "Save" again.
    page.locator("#id_type").select_option("letter_sent")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved: Follow-up letter sent.").wait_for()
    page.go_back()
    page.get_by_role("button", name="Save").wait_for()
    page.locator("#id_type").select_option("letter_sent")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("This page was already sent, so nothing new was made.").wait_for()
    assert RequestEvent.objects.filter(request=req).count() == 1

    # The entry was wrong after all: undo it from the timeline.
    page.get_by_role("link", name=re.compile(r"^Undo\W+Follow-up letter sent")).click()
    page.get_by_role("heading", name="Undo", exact=True).wait_for()
    assert_accessible(page, "undo-entry")
    _fits(page)
    page.get_by_role("button", name="Undo the entry").click()
    page.get_by_role("heading", name="Undone entries").wait_for()
    assert RequestEvent.objects.filter(request=req).count() == 0
    assert_accessible(page, "request-with-undone-entry")
    _fits(page)


def test_the_archive_and_delete_pages_are_plain_and_fit(new_page, owner, patient):
    page = new_page(user=owner)
    page.goto(f"/patients/{patient.pk}/")
    page.get_by_role("link", name="Archive or delete").click()
    page.get_by_role("heading", name="Delete for good").wait_for()
    assert_accessible(page, "patient-remove")
    _fits(page)
    text = page.locator("main").inner_text()
    assert "2 people with access" in text and "This cannot be undone" in text
    page.get_by_role("button", name="Archive Sam Synthetic").click()
    page.get_by_text("Sam Synthetic is archived.").wait_for()
    assert_accessible(page, "patients-after-archive")
    page.get_by_role("link", name="Show archived (1)").click()
    page.get_by_role("link", name="Sam Synthetic").click()
    page.get_by_role("link", name="Restore").click()
    page.get_by_role("button", name="Restore Sam Synthetic").click()
    page.get_by_text("Sam Synthetic is restored.").wait_for()
