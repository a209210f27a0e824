"""Issue 14, item 2, as caregivers live it: a parent asks for a child's records and an executor
for a late father's. Each signed up with an email address only, adds the patient through the
real pages (saying who the patient is to them), asks for the records, is asked for a full name
and postal address before the first letter, comes back to the letter, downloads it and reads
it: the signer's name and address head it and it speaks of "my son" and "my late father".
Each letter's first page is rendered to PNG (pdftoppm) into the test artifacts, to be looked
at; with CAREGIVER_DOCS_PNG_DIR set, the patient guide's screenshots are saved there too."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from recordright.providers.models import Provider
from tests.browser_support import ARTIFACTS, assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("CAREGIVER_DOCS_PNG_DIR")


def _check(page, name: str) -> None:
    assert_accessible(page, name)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{name} is {width} pixels wide"
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"caregiver-{name}.png"), full_page=True)


def _letter(page, name: str) -> str:
    """Download the letter; keep its first page as a PNG to look at; return its text."""
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the PDF").click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"%PDF")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    pdf.write_bytes(data)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(ARTIFACTS / f"{name}-page1")], check=True, timeout=60)
        assert (ARTIFACTS / f"{name}-page1.png").stat().st_size > 10_000
        if SHOTS:
            shutil.copy(ARTIFACTS / f"{name}-page1.png", Path(SHOTS) / f"{name}-page1.png")
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)
    return " ".join(text.split())


def _add_patient(page, *, name, born, died="", relationship, basis, kin, shot=""):
    page.goto("/patients/add/")
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Date of birth").fill(born)
    if died:
        page.get_by_label("Date of death").fill(died)
    page.get_by_label("State:", exact=True).select_option("IL")
    page.get_by_label(relationship).check()
    page.get_by_label(basis).check()
    page.locator("#id_acting-kin").select_option(kin)
    if shot:
        _check(page, shot)
    page.get_by_role("button", name="Add patient").click()
    page.get_by_role("heading", name=name).wait_for()


def _ask_for_records(page, user, patient_name, *, delivery, detail=""):
    from recordright.patients.models import Patient

    patient = Patient.objects.get(full_name=patient_name)
    clinic = Provider.objects.create(owner=user, name="Springfield Synthetic Clinic",
                                     records_office="Health Information Management",
                                     address="400 Sample Avenue", city="Springfield",
                                     state="IL", zip_code="62701")
    clinic.patients.add(patient)
    page.goto(f"/patients/{patient.pk}/")
    page.get_by_role("link", name="Ask for records").click()
    page.get_by_label("Springfield Synthetic Clinic").check()
    page.get_by_label("Get a copy of the records, or look at them").check()
    page.get_by_label("An electronic copy").check()
    page.get_by_label(delivery, exact=True).check()
    if detail:
        page.locator("#id_delivery_detail").fill(detail)
    page.get_by_role("button", name="Create").first.click()
    page.get_by_role("heading", name="Where it stands").wait_for()


def _sign_up_details(page, *, name, address, phone, shot=""):
    """The first letter leads to the signer form; saving it comes back to the letter."""
    page.get_by_role("link", name="Get the request letter").click()
    page.get_by_role("heading", name="Who signs your letters").wait_for()
    if shot:
        _check(page, shot)
    page.get_by_label("Your full name").fill(name)
    page.get_by_label("Your postal address").fill(address)
    page.get_by_label("Your phone number (optional)").fill(phone)
    page.get_by_role("button", name="Save and go back to the letter").click()
    page.get_by_role("link", name="Download the PDF").wait_for()


def test_a_parent_asks_for_a_sons_records(new_page, make_user):
    parent = make_user("maria.garcia@example.com")
    page = new_page(user=parent)
    _add_patient(page, name="Mateo García", born="2016-04-09", relationship="My child",
                 basis="Parent or guardian of a minor", kin="son", shot="add-patient")
    _ask_for_records(page, parent, "Mateo García", delivery="Secure (encrypted) email",
                     detail="maria.garcia@example.com")
    _sign_up_details(page, name="María José García-Núñez",
                     address="7 Calle Ñandú\nSpringfield, IL 62704", phone="(217) 555-0177",
                     shot="signer")
    page.frame_locator("iframe.letter-preview").get_by_text("To the records office:").wait_for()
    assert_accessible(page, "caregiver-letter-page")
    text = _letter(page, "caregiver-parent-letter")
    head = text[:text.index("To the records office")]
    assert "María José García-Núñez" in head and "7 Calle Ñandú" in head
    assert "(217) 555-0177" in head
    assert "the protected health information of my son, Mateo García, in your" in text
    assert "All of my protected health information" not in text
    assert "María José García-Núñez, as parent of Mateo García" in text
    assert "maria.garcia@example.com, as parent" not in text

    # Recorded as mailed: the request page shows where it stands.
    page.get_by_label("I mailed it", exact=True).check()
    page.get_by_role("button", name=re.compile(r"record how (I|you) sent it", re.I)).click()
    page.get_by_role("heading", name="Where it stands").wait_for()


def test_an_executor_asks_for_a_late_fathers_records(new_page, make_user):
    executor = make_user("ana.garcia@example.com")
    page = new_page(user=executor)
    _add_patient(page, name="José García", born="1948-02-03", died="2026-06-30",
                 relationship="My parent", basis="Executor or administrator of the estate",
                 kin="father")
    _ask_for_records(page, executor, "José García", delivery="Mail")
    _sign_up_details(page, name="Ana García", address="8 Placeholder Road\nPeoria, IL 61602",
                     phone="(309) 555-0145")
    text = _letter(page, "caregiver-executor-letter")
    head = text[:text.index("To the records office")]
    assert "Ana García" in head and "8 Placeholder Road" in head
    assert "of my late father, José García, in your designated record set" in text
    assert "Please mail it to my address above." in text
    assert "Ana García, as executor of the estate of José García" in text
    assert "José García died on June 30, 2026" in text
