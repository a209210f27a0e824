"""The vault, part 2, in a real browser: records uploaded to a request, read as a timeline,
a chart, search results, the gaps against what was asked, the "remaining records" letter,
and a wrong entry turned into an amendment request. Every page passes axe-core and fits a
390-pixel-wide phone. With VAULT_DOCS_PNG_DIR set, it saves the patient guide's screenshots."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest
from recordright.requests.timeline import add_event
from tests.browser_support import assert_accessible
from tests.vault.conftest import scanned_pdf
from tests.vault.test_gaps import ccd_of_2019

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("VAULT_DOCS_PNG_DIR")


def _check(page, name: str) -> None:
    assert_accessible(page, name)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{name} is {width} pixels wide"
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"vault-{name}.png"), full_page=True)


def test_records_uploaded_to_a_request_are_read_checked_and_corrected(new_page, owner, patient,
                                                                      tmp_path):
    clinic = Provider.objects.create(owner=owner, name="Springfield Synthetic Clinic",
                                     address="400 Sample Avenue", city="Springfield",
                                     state="IL", zip_code="62701")
    clinic.patients.add(patient)
    req = RecordsRequest.objects.create(patient=patient, provider=clinic, created_by=owner,
                                        all_records=True, date_from=date(2015, 1, 1),
                                        date_to=date(2020, 12, 31))
    add_event(req, type="sent", on=date(2026, 11, 2), user=owner, channel="mail")
    ccd = tmp_path / "summary.xml"
    ccd.write_bytes(ccd_of_2019())
    scan = tmp_path / "clinic-letter.pdf"
    scan.write_bytes(scanned_pdf([["Springfield Synthetic Clinic", "Follow-up letter",
                                   "Asthma is well controlled on albuterol."]]))
    page = new_page(user=owner)

    # Upload both files as the answer to the request.
    page.goto(f"/vault/{patient.pk}/upload/?request={req.pk}")
    _check(page, "upload")
    page.locator("#id_files").set_input_files([str(ccd), str(scan)])
    page.get_by_role("button", name="Add these files").click()
    page.locator("#vault-done").wait_for(state="visible", timeout=180_000)

    # The patient's page leads to the timeline.
    page.goto(f"/patients/{patient.pk}/")
    page.get_by_role("link", name="Read the records: timeline").click()
    page.get_by_role("heading", name="Timeline").wait_for()
    assert page.get_by_text("Pneumonia").first.is_visible()
    _check(page, "timeline")
    page.locator("#id_category").select_option("immunizations")
    page.get_by_role("button", name="Show").click()
    assert "category=immunizations" in page.url
    assert page.locator(".entry-category").first.inner_text() == "Immunizations"

    # A chart, with its table.
    page.get_by_role("link", name="Lab results over time").first.click()
    chart = page.locator("svg[role=img]").first
    chart.wait_for()
    assert "over time" in chart.locator("title").text_content()
    assert page.locator(".lab-series table").first.is_visible()
    _check(page, "labs")

    # Search: words in the C-CDA and in the scan's OCR text.
    page.get_by_role("link", name="Search").first.click()
    page.get_by_label("Words to find").fill("penicillin")
    page.get_by_role("button", name="Search").last.click()
    assert re.search("penicillin", page.locator("mark").first.inner_text(), re.IGNORECASE)
    _check(page, "search")
    page.get_by_label("Words to find").fill("asthma controlled")
    page.get_by_role("button", name="Search").last.click()
    page.get_by_role("link", name="Original: clinic-letter.pdf").first.wait_for()

    # What arrived for the request, and its gaps.
    page.goto(f"/requests/{req.pk}/")
    page.get_by_role("link", name="Check what arrived").click()
    page.get_by_role("heading", name="What is missing").wait_for()
    gaps = page.locator("ul.gaps").inner_text()
    assert "Records dated 2015 to 2018 and 2020: none arrived" in gaps
    assert "Imaging reports (X-rays, scans): none arrived." in gaps
    _check(page, "request-records")
    page.get_by_role("button", name="I checked the records").click()

    # The "remaining records" letter lists them.
    page.goto(reverse("requests:letter", args=[req.pk, "remaining_records"]))
    letter = page.frame_locator("iframe.letter-preview").locator("blockquote").inner_text()
    assert "Records dated 2015 to 2018 and 2020: none arrived" in letter
    assert "_" not in letter

    # A wrong entry becomes an amendment request.
    page.goto(f"/vault/{patient.pk}/category/allergies/")
    # The penicillin entry by name: entries of the same day may come in either order.
    page.locator(".vault-entry a", has_text=re.compile("penicillin", re.I)).first.click()
    _check(page, "entry")
    page.get_by_role("link", name="Ask to correct this entry").click()
    _check(page, "amend")
    page.get_by_label("What is right, and why").fill(
        "I have never been allergic to penicillin; this belongs to another patient.")
    page.get_by_role("button", name="Prepare the correction request").click()
    page.get_by_role("heading", name="Where it stands").wait_for()
    amendment = RecordsRequest.objects.get(patient=patient, right="amendment")
    assert amendment.provider == clinic
    assert "penicillin" in amendment.amendment_what.lower()

    # The original document, one click from an entry.
    page.goto(f"/vault/{patient.pk}/timeline/")
    page.get_by_role("link", name="Original: summary.xml").first.click()
    page.get_by_role("heading", name="ALLERGIES AND ADVERSE REACTIONS").wait_for()
    _check(page, "document")
