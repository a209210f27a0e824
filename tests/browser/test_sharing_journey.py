"""Review the emergency summary, print it, make a share link, and open it on a phone."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from recordright.audit.models import AuditEntry
from recordright.sharing.models import ShareOpening, SummaryEdit
from tests.browser_support import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def store_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def test_review_print_share_and_open_on_a_phone(new_page, owner, patient, tmp_path):
    page = new_page(user=owner)
    page.goto(f"/patients/{patient.pk}/")
    page.get_by_role("link", name="Emergency summary").click()
    page.get_by_role("heading", name="Emergency summary", level=1).wait_for()
    page.get_by_text("other people cannot reach").wait_for()  # the site is 127.0.0.1
    assert_accessible(page, "summary-review")

    page.get_by_label("Section").select_option("allergies")
    page.get_by_label("What:", exact=True).fill("Latex")
    page.get_by_label("Detail (dose, reaction").fill("rash")
    page.get_by_role("button", name="Add to the summary").click()
    page.get_by_text("Added to the summary").wait_for()
    assert page.locator(".summary-item", has_text="Latex").count() == 1
    assert "Reported by the patient" in page.locator(".summary-item", has_text="Latex").inner_text()
    page.get_by_role("button", name="I have checked it: mark as reviewed").click()
    page.get_by_text("Marked as reviewed today").wait_for()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Print the one-page summary (PDF)").click()
    pdf = Path(download_info.value.path()).read_bytes()
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1 and "Latex" in reader.pages[0].extract_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Print a wallet card (PDF)").click()
    assert "Latex" in PdfReader(download_info.value.path()).pages[0].extract_text()

    page.goto(f"/share/patients/{patient.pk}/links/")
    page.get_by_label("Passcode (optional").fill("7788")
    page.get_by_role("button", name="Make the link").click()
    url = page.locator("#share-url").input_value()
    assert page.locator("#share-shlink").input_value().startswith("shlink:/")
    assert_accessible(page, "share-links")

    path = url.split(settings.SITE_URL, 1)[1]
    phone = new_page()  # a stranger's phone: no account, 390 px wide
    phone.goto(path)
    phone.get_by_label("Passcode").fill("0000")
    phone.get_by_role("button", name="Open").click()
    phone.get_by_text("That passcode is not right.").wait_for()
    phone.get_by_label("Passcode").fill("7788")
    phone.get_by_role("button", name="Open").click()
    phone.get_by_role("heading", name="Emergency medical summary").wait_for()
    assert "Latex" in phone.content() and "Log out" not in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(phone, "share-recipient")
    assert ShareOpening.objects.filter(outcome="opened").count() == 1
    assert AuditEntry.objects.filter(patient=patient, what="share link: opened").exists()

    page.reload()
    page.get_by_role("button", name="Stop this link").click()
    page.get_by_text("The link no longer works.").wait_for()
    response = phone.goto(path)
    assert response.status == 404
    assert SummaryEdit.objects.filter(patient=patient, title="Latex").exists()
