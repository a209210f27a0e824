"""The office's own form: fields matched by name, filled from the letter's facts, flattened.

The forms are made in the test (``office_form_pdfs``): real AcroForm PDFs with the field names
records offices use, an SSN field among them, and a scanned-style form without fields.
"""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader, PdfWriter

from recordright.letters import form_filling, office_forms
from recordright.letters.office_form_packet import packet_parts, prepare
from recordright.letters.samples import REPRESENTATIVES, sample_context
from tests.letters.office_form_pdfs import fillable_form, scanned_form


def pdftotext(pdf: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True)
    return done.stdout.decode()


@pytest.mark.parametrize(("name", "key"), [
    ("Patient Name", "patient_name"), ("pt_name", "patient_name"), ("PatientName", "patient_name"),
    ("PATIENT-NAME:", "patient_name"), ("Name of Patient", "patient_name"),
    ("First Name", "first_name"), ("pt_fname", "first_name"), ("LastName", "last_name"),
    ("DOB", "date_of_birth"), ("Date of Birth", "date_of_birth"), ("pt_dob", "date_of_birth"),
    ("form1[0].Page1[0].DOB[0]", "date_of_birth"), ("BirthDate", "date_of_birth"),
    ("Address", "address"), ("Street Address", "address"), ("City", "city"), ("State", "state"),
    ("Zip", "zip"), ("ZIP Code", "zip"), ("Phone", "phone"), ("Telephone", "phone"),
    ("Email", "email"), ("E-mail Address", "email"), ("Records Requested", "records"),
    ("From", "date_from"), ("Dates of Service From", "date_from"), ("To", "date_to"),
    ("through", "date_to"), ("Purpose", "purpose"), ("Rep Name", "representative_name"),
    ("Relationship to Patient", "relationship"), ("Date Signed", "signature_date"),
    ("Date", "signature_date"), ("Printed Name", "signature_name"),
    ("SSN", "ssn"), ("Social Security #", "ssn"), ("pt_ssn", "ssn"), ("SSN Last 4", "ssn"),
    ("SocialSecurityNumber", "ssn"), ("Office Use Only", None), ("Chart No", None),
])
def test_it_matches_typical_field_names(name, key):
    assert office_forms.match(name) == key


@pytest.mark.parametrize(("name", "key"), [
    ("Lab Results", "check_lab_results"), ("Imaging", "check_imaging"),
    ("X-Rays", "check_imaging"), ("Progress Notes", "check_notes"),
    ("Entire Record", "check_all_records"), ("Email", "check_email"),
    ("Paper Copy", "check_paper"), ("chkBilling", "check_billing"), ("SSN", "ssn"),
])
def test_a_checkbox_is_matched_among_checkboxes(name, key):
    assert office_forms.match(name, checkbox=True) == key


def test_it_splits_a_us_address():
    found = office_forms.split_address(("12 Example Street", "Apt 3", "Springfield, IL 62704"))
    assert found == office_forms.Address("12 Example Street, Apt 3", "Springfield", "IL", "62704")
    assert office_forms.split_address(("Calle Mayor 1", "Madrid")).street == "Calle Mayor 1, Madrid"


def _context(**request_changes):
    context = sample_context("access_request")
    return replace(context, request=replace(context.request, **request_changes))


def test_it_fills_and_flattens_an_office_form():
    context = _context()
    prepared = prepare(context, "riverside.pdf", fillable_form())
    by_name = {item.field.name: item for item in prepared.planned}
    assert by_name["Patient Name"].value == "Jordan Q. Sample"
    assert by_name["SSN"].status == "ssn" and by_name["SSN"].value == ""
    assert by_name["Office Use Only"].status == "unknown"
    assert by_name["Lab Results"].value is True and by_name["Imaging"].value is True
    assert by_name["Entire Record"].value is False  # only some records were asked for
    assert by_name["Email Delivery"].value is True and by_name["Paper Copy"].value is False
    assert prepared.asks_ssn

    reader = PdfReader(io.BytesIO(prepared.pdf))
    assert not reader.get_fields()  # nothing left to fill in or change
    assert "/AcroForm" not in reader.trailer["/Root"]
    for page in reader.pages:
        assert not [a for a in page.get("/Annots", []) if a.get_object()["/Subtype"] == "/Widget"]
    text = pdftotext(prepared.pdf)
    assert "Jordan Q. Sample" in text
    assert "03/14/1984" in text  # date of birth
    assert "01/01/2014" in text and "12/31/2016" in text  # dates of service
    assert "Springfield" in text and "62704" in text and "(217) 555-0142" in text
    assert "Medical records, Lab results, Imaging; concerning the broken ankle in 2014" in text
    ssn_line = next(line for line in text.splitlines() if "Social Security" in line)
    assert ssn_line.split(":", 1)[1].strip() == ""  # the SSN field stays empty
    assert not re.search(r"\b\d{3}-\d{2}-\d{4}\b", text)

    assert _ink(prepared.pdf, by_name["Lab Results"]) > 5  # ticked, drawn as lines
    assert _ink(prepared.pdf, by_name["Paper Copy"]) == 0

    folder = Path("/tmp/recordright-letters-png")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "office-form-filled.pdf").write_bytes(prepared.pdf)
    subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1",
                    str(folder / "office-form-filled.pdf"), str(folder / "office-form-filled")],
                   check=True)


def _ink(pdf: bytes, item) -> int:
    """Dark pixels inside a checkbox (its border excluded), rendered at 72 dpi."""
    from tests.letters.office_form_pdfs import CHECKBOXES
    index = [name for name, _label in CHECKBOXES].index(item.field.name)
    y_top = 792 - (710 - 26 * 17 - 10 - 20 * index) - 12  # the builder's layout, from the top
    image = pdfium.PdfDocument(pdf)[0].render(scale=1).to_pil().convert("L")
    return sum(1 for x in range(52, 60) for y in range(int(y_top) + 2, int(y_top) + 10)
               if image.getpixel((x, y)) < 128)


def test_a_representative_fills_the_representative_fields():
    context = replace(sample_context("access_request", representative="parent_of_minor"))
    prepared = prepare(context, "form.pdf", fillable_form())
    by_name = {item.field.name: item.value for item in prepared.planned}
    assert by_name["Patient Name"] == "Riley Sample"
    assert by_name["Rep Name"] == REPRESENTATIVES["parent_of_minor"].name
    assert by_name["Relationship"] == "Parent"
    values = office_forms.form_values(context)  # the signer's own address, for forms that ask
    assert values["representative_address"] == "12 Example Street, Springfield, IL 62704"
    assert values["representative_phone"] == "(217) 555-0144"
    assert office_forms.match("Rep Address") == "representative_address"
    text = pdftotext(prepared.pdf)
    assert "Alex Sample" in text and "Parent" in text


def test_accented_names_survive_flattening():
    context = sample_context("access_request")
    context = replace(context, patient=replace(context.patient, name="José García-Núñez"))
    text = pdftotext(prepare(context, "form.pdf", fillable_form()).pdf)
    assert "José García-Núñez" in text


def test_the_cover_page_says_why_the_ssn_is_blank():
    context = _context()
    prepared = prepare(context, "form.pdf", fillable_form())
    cover, form = packet_parts(context, [prepared])
    text = " ".join(pdftotext(cover).split())
    assert "Social Security number blank on purpose" in text
    assert "No law requires it" in text
    assert form == prepared.pdf


def test_a_form_without_fields_goes_as_it_is_with_its_cover_sentence():
    context = _context()
    data = scanned_form()
    prepared = prepare(context, "scanned.pdf", data)
    assert not prepared.fillable and prepared.planned == ()
    assert prepared.pdf == data
    cover, form = packet_parts(context, [prepared])
    text = " ".join(pdftotext(cover).split())
    assert "Any written request that contains this information is a valid request" in text
    assert "45 CFR 164.524(b)(1)" in text
    assert "Social Security" not in text
    assert "Records Request Form" in pdftotext(form)


def _encrypted() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(fillable_form())))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(("data", "says"), [
    (b"not a pdf at all", "not a PDF"),
    (fillable_form()[:-400], "incomplete"),
    (b"%PDF-1.7\n garbage garbage\n%%EOF\n", "cannot be read"),
])
def test_it_refuses_what_is_not_a_usable_pdf(data, says):
    with pytest.raises(form_filling.FormError, match=says):
        form_filling.check_form(data)


def test_it_refuses_a_password_protected_form():
    with pytest.raises(form_filling.FormError, match="password"):
        form_filling.check_form(_encrypted())


def test_it_refuses_a_form_too_large(monkeypatch):
    monkeypatch.setattr(form_filling, "MAX_BYTES", 1000)
    with pytest.raises(form_filling.FormError, match="larger than"):
        form_filling.check_form(fillable_form())


def test_form_values_leave_out_what_the_request_does_not_say():
    values = office_forms.form_values(_context(date_from=None, date_to=None))
    assert "date_from" not in values and "date_to" not in values
    assert values["date_of_birth"] == "03/14/1984"
    assert values["signature_date"] == date(2026, 11, 19).strftime("%m/%d/%Y")
    assert office_forms.SSN not in values


@pytest.mark.parametrize("name", ["王小明", "Мария Иванова", "محمد علي", "Zoë Ðặng"])
def test_names_the_forms_font_cannot_show_are_typeset_and_not_logged(name, caplog):
    context = sample_context("access_request")
    context = replace(context, patient=replace(context.patient, name=name))
    with caplog.at_level("DEBUG"):
        prepared = prepare(context, "form.pdf", fillable_form())
    text = pdftotext(prepared.pdf)
    assert name in text
    assert "03/14/1984" in text
    assert not PdfReader(io.BytesIO(prepared.pdf)).get_fields()
    assert name not in caplog.text  # health data never reaches the log
