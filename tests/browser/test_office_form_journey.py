"""The office's own form in a real browser: uploaded from the provider's page, previewed on
the letter page (filled, left blank, the SSN note), and removed. Every page passes axe-core
and fits a 390-pixel-wide phone. With OFFICE_FORM_DOCS_PNG_DIR set, it saves the patient
guide's screenshots."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from recordright.providers.models import OfficeForm, Provider
from recordright.requests.models import RecordsRequest
from tests.browser_support import assert_accessible
from tests.letters.office_form_pdfs import fillable_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("OFFICE_FORM_DOCS_PNG_DIR")


def _check(page, name: str, part=None) -> None:
    """``part``: only this element goes in the screenshot (the letter page is long)."""
    assert_accessible(page, name)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{name} is {width} pixels wide"
    if SHOTS:
        path = str(Path(SHOTS) / f"office-form-{name}.png")
        if part is not None:
            part.screenshot(path=path)
        else:
            page.screenshot(path=path, full_page=True)


def test_an_office_form_is_uploaded_previewed_and_removed(new_page, owner, patient, tmp_path):
    clinic = Provider.objects.create(owner=owner, name="Riverside Synthetic Clinic",
                                     address="400 Sample Avenue", city="Springfield",
                                     state="IL", zip_code="62701",
                                     email="records@riverside.example.org")
    clinic.patients.add(patient)
    req = RecordsRequest.objects.create(patient=patient, provider=clinic, created_by=owner,
                                        requester_basis="parent_of_minor", all_records=False,
                                        record_types=["lab_results", "imaging"],
                                        date_from=date(2020, 1, 1), date_to=date(2024, 12, 31))
    form = tmp_path / "riverside-release-form.pdf"
    form.write_bytes(fillable_form())
    page = new_page(user=owner)

    # The letter page offers to upload the office's form.
    page.goto(f"/requests/{req.pk}/letters/first/")
    page.get_by_role("link", name="Upload their form").click()
    _check(page, "upload")
    page.get_by_label("The office's form, as a PDF").set_input_files(str(form))
    page.get_by_role("button", name="Upload the form").click()
    page.get_by_text("The form is kept with Riverside Synthetic Clinic").wait_for()
    assert OfficeForm.objects.filter(provider=clinic).count() == 1

    # The letter page shows what the form will say.
    page.goto(f"/requests/{req.pk}/letters/first/")
    section = page.locator("section", has=page.get_by_role(
        "heading", name="Riverside Synthetic Clinic's own form goes with this letter"))
    filled = section.locator("h3:has-text('Filled in') + table")
    assert "Sam Synthetic" in filled.inner_text() and "05/04/2016" in filled.inner_text()
    assert "01/01/2020" in filled.inner_text()
    blank = section.locator("h3:has-text('Left blank') + table")
    assert "no law requires a Social Security number" in blank.inner_text()
    _check(page, "preview", section)

    # Removing it asks first, then leaves it out.
    section.get_by_text("Remove riverside-release-form.pdf").click()
    section.get_by_role("button", name="Yes, remove the form").click()
    page.get_by_text("Letters to Riverside Synthetic Clinic no longer include it").wait_for()
    assert not OfficeForm.objects.exists()
