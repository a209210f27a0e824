"""Authority documents and signatures (issue 9.5): PDF, JPEG and PNG only, verified by
opening them; a letter never fails because of its attachment."""

from __future__ import annotations

import io
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from recordright.letters.attachments import AttachmentError, problem_with, to_pdf
from recordright.letters.render import render_pdf_with_attachments
from recordright.letters.samples import sample_context
from recordright.letters.signatures import clean_drawing
from recordright.patients.models import LegalBasis, Patient, PatientAccess
from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest
from tests.security import bad_files

BAD = {
    "text named .pdf": (bad_files.text_named_pdf, "not a PDF, JPEG or PNG"),
    "truncated PDF": (bad_files.truncated_pdf, "This PDF is incomplete"),
    "30,000 × 30,000 PNG": (bad_files.huge_png, "This picture is too large"),
}


@pytest.mark.parametrize("name", BAD)
def test_it_says_what_is_wrong_with_each_bad_file(name):
    make, message = BAD[name]
    data = make()
    started = time.perf_counter()
    assert message in problem_with(data)
    with pytest.raises(AttachmentError):
        to_pdf(data)
    assert time.perf_counter() - started < 2  # the PNG's pixels are never decoded


@pytest.mark.parametrize("make", [bad_files.real_pdf, bad_files.small_png, bad_files.small_jpeg])
def test_it_accepts_pdf_jpeg_and_png(make):
    assert problem_with(make()) is None
    assert PdfReader(io.BytesIO(to_pdf(make()))).pages


def test_it_refuses_other_picture_formats():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(out, format="GIF")
    assert "not a PDF, JPEG or PNG" in problem_with(out.getvalue())


def test_a_letter_renders_without_an_attachment_it_cannot_read():
    context = sample_context("access_request", representative="health_care_agent")
    alone = PdfReader(io.BytesIO(render_pdf_with_attachments(context, [])))
    for make, _message in BAD.values():
        pdf = render_pdf_with_attachments(context, [make(), bad_files.real_pdf(2)])
        assert len(PdfReader(io.BytesIO(pdf)).pages) == len(alone.pages) + 2


def _add_patient_with_document(client, data: bytes):
    return client.post(reverse("patients:add"), {
        "patient-full_name": "Robin Synthetic", "patient-date_of_birth": "1950-01-01",
        "acting-relationship": "parent", "acting-legal_basis": "health_care_agent",
        "acting-authority_document": SimpleUploadedFile("poa.pdf", data,
                                                        content_type="application/pdf")})


@pytest.mark.django_db
@pytest.mark.parametrize("name", BAD)
def test_the_upload_form_refuses_each_bad_file_and_stores_nothing(owner_client, name):
    make, message = BAD[name]
    response = _add_patient_with_document(owner_client, make())
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Patient.objects.exists()


@pytest.mark.django_db
def test_the_upload_form_stores_a_readable_pdf(owner_client, owner):
    response = _add_patient_with_document(owner_client, bad_files.real_pdf())
    assert response.status_code == 302
    assert PatientAccess.objects.get(user=owner).authority_document


@pytest.mark.django_db
@pytest.mark.parametrize("name", BAD)
def test_a_letter_with_a_bad_stored_document_still_renders_and_says_why(owner_client, owner,
                                                                        patient, name):
    """Documents stored before the upload check: every letter was a server error."""
    make, message = BAD[name]
    link = PatientAccess.objects.get(user=owner, patient=patient)
    link.legal_basis = LegalBasis.GUARDIAN
    link.authority_document.save("poa.pdf", ContentFile(make()), save=False)
    link.save()
    clinic = Provider.objects.create(owner=owner, name="Springfield Test Clinic",
                                     address="200 Main Street", city="Springfield", state="IL",
                                     zip_code="62701")
    clinic.patients.add(patient)
    req = RecordsRequest.objects.create(patient=patient, provider=clinic, created_by=owner)
    page = owner_client.get(reverse("requests:letter", args=[req.pk, "access_request"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "cannot be attached to this letter" in html and message in html
    pdf = owner_client.get(reverse("requests:letter-pdf", args=[req.pk, "access_request"]))
    assert pdf.status_code == 200
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "is attached" not in " ".join(text.split())  # it does not claim an enclosure


@pytest.mark.parametrize("make", [bad_files.huge_png, bad_files.text_named_pdf])
def test_a_signature_picture_is_checked_the_same_way(make):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        clean_drawing(make())
