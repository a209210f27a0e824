"""The office's own form through the app: uploaded on the provider's page, kept encrypted,
offered with every request to that office, previewed, sent after the letter, removable."""

from __future__ import annotations

import io
import subprocess
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from recordright.filestore import store
from recordright.patients.models import LegalBasis, Patient, PatientAccess, Relationship, Role
from recordright.providers.models import OfficeForm
from recordright.requests.models import RecordsRequest
from tests.letters.office_form_pdfs import fillable_form, scanned_form
from tests.smtp import smtp_server, use_smtp_server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def _upload(client, provider, data: bytes, name: str = "riverside-release-form.pdf"):
    return client.post(reverse("providers:office-forms", args=[provider.pk]),
                       {"document": SimpleUploadedFile(name, data, "application/pdf")})


def _text(pdf: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True)
    return done.stdout.decode()


def _letter(client, req, suffix: str = ""):
    name = "requests:letter-pdf" if suffix == "pdf" else "requests:letter"
    return client.get(reverse(name, args=[req.pk, "access_request"]))


def test_it_keeps_an_uploaded_form_encrypted_with_the_provider(owner_client, provider):
    response = _upload(owner_client, provider, fillable_form())
    assert response.status_code == 302
    office_form = OfficeForm.objects.get()
    assert (office_form.provider, office_form.name) == (provider, "riverside-release-form.pdf")
    assert office_form.field_count == 23 and office_form.fillable
    raw = store.path_of(office_form.document.name).read_bytes()
    assert b"%PDF" not in raw and b"Patient Name" not in raw  # encrypted at rest
    assert office_form.read() == fillable_form()
    page = owner_client.get(response.url).content.decode()
    assert "riverside-release-form.pdf" in page and "23 fields to fill in" in page
    download = owner_client.get(reverse("providers:office-form-file",
                                        args=[provider.pk, office_form.pk]))
    assert b"".join(download.streaming_content) == fillable_form()
    edit = owner_client.get(reverse("providers:edit", args=[provider.pk])).content.decode()
    assert "1 form is kept for this office" in edit


@pytest.mark.parametrize(("data", "says"), [
    (b"GIF89a not a pdf", "not a PDF"),
    (fillable_form()[:-300], "incomplete"),
])
def test_a_bad_upload_is_refused_with_a_clear_message_and_nothing_stored(owner_client, provider,
                                                                          data, says):
    response = _upload(owner_client, provider, data)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not OfficeForm.objects.exists()


def test_the_letter_page_previews_what_is_filled_and_what_is_left_blank(owner_client, provider,
                                                                         make_request):
    _upload(owner_client, provider, fillable_form())
    req = make_request(date_from=date(2020, 1, 1), date_to=date(2021, 6, 30))
    page = _letter(owner_client, req).content.decode()
    assert "own form goes with this letter" in page
    assert "Sam Synthetic" in page and "05/04/2016" in page  # filled: name, date of birth
    assert "01/01/2020" in page and "06/30/2021" in page
    assert "no law requires a Social Security number" in page  # the SSN row
    assert "Office Use Only" in page and "not something the request says" in page
    assert "Yes, remove the form" in page


def test_the_pdf_has_the_letter_then_the_cover_then_the_flattened_form(owner_client, provider,
                                                                       make_request):
    _upload(owner_client, provider, fillable_form())
    req = make_request(date_from=date(2020, 1, 1), date_to=date(2021, 6, 30))
    response = _letter(owner_client, req, "pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    assert not reader.get_fields()
    pages = [_text_of_page(response.content, n) for n in range(1, len(reader.pages) + 1)]
    cover_at = next(i for i, text in enumerate(pages) if "own request form" in text)
    assert cover_at >= 1  # after the letter
    assert "Social Security number blank on purpose" in " ".join(pages[cover_at].split())
    form = pages[cover_at + 1]
    assert "Authorization to Release Records" in form
    assert "Sam Synthetic" in form and "05/04/2016" in form and "01/01/2020" in form


def _text_of_page(pdf: bytes, number: int) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-f", str(number), "-l", str(number), "-",
                           "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode()


def test_a_form_without_fields_is_attached_with_its_cover_sentence(owner_client, provider,
                                                                   make_request):
    _upload(owner_client, provider, scanned_form(), "scanned-form.pdf")
    assert not OfficeForm.objects.get().fillable
    req = make_request()
    page = _letter(owner_client, req).content.decode()
    assert "no fields to fill in" in page and "45 CFR 164.524(b)(1)" in page
    text = " ".join(_text(_letter(owner_client, req, "pdf").content).split())
    assert "Any written request that contains this information is a valid request" in text
    assert "Records Request Form" in text


def test_the_next_patient_of_the_same_office_gets_the_form_offered(owner_client, owner, provider,
                                                                   make_request):
    _upload(owner_client, provider, fillable_form())
    make_request()
    second = Patient.objects.create(full_name="Ana Ejemplo", date_of_birth=date(1971, 2, 3),
                                    address="5 Birch Ave\nShelbyville, IL 62565")
    PatientAccess.objects.create(patient=second, user=owner, role=Role.OWNER,
                                 relationship=Relationship.SELF, legal_basis=LegalBasis.SELF)
    req = RecordsRequest.objects.create(patient=second, provider=provider, created_by=owner,
                                        requester_basis="self")
    page = _letter(owner_client, req).content.decode()
    assert "own form goes with this letter" in page and "Ana Ejemplo" in page
    text = _text(_letter(owner_client, req, "pdf").content)
    assert "Ana Ejemplo" in text and "02/03/1971" in text and "Shelbyville" in text
    assert "Sam Synthetic" not in text


def test_follow_up_letters_do_not_repeat_the_form(owner_client, provider, sent_request):
    _upload(owner_client, provider, fillable_form())
    req = sent_request(20)
    response = owner_client.get(reverse("requests:letter-pdf", args=[req.pk, "reminder"]))
    assert response.status_code == 200, response.get("Location")
    assert "Authorization to Release Records" not in _text(response.content)


def test_removing_the_form_leaves_it_out(owner_client, provider, make_request):
    _upload(owner_client, provider, fillable_form())
    office_form = OfficeForm.objects.get()
    req = make_request()
    letter = reverse("requests:letter", args=[req.pk, "access_request"])
    response = owner_client.post(reverse("providers:office-form-remove",
                                         args=[provider.pk, office_form.pk]), {"next": letter})
    assert response.url == letter
    assert not OfficeForm.objects.exists()
    assert "Authorization to Release Records" not in _text(_letter(owner_client, req, "pdf")
                                                           .content)
    assert "Upload their form" in owner_client.get(letter).content.decode()


def test_an_emailed_letter_carries_the_form(owner_client, provider, make_request,
                                            use_smtp_server):  # noqa: F811
    _upload(owner_client, provider, fillable_form())
    req = make_request()
    response = owner_client.post(reverse("requests:letter-send", args=[req.pk, "access_request"]),
                                 {"how": "email", "to_address": "records@clinic.example.org"})
    assert response.status_code == 302
    (message,) = use_smtp_server.wait_for(1)
    (pdf,) = [part.get_content() for part in message.iter_attachments()
              if part.get_content_type() == "application/pdf"]
    text = _text(pdf)
    assert "Authorization to Release Records" in text and "Sam Synthetic" in text


def test_only_the_providers_owner_manages_its_forms(caregiver_client, stranger_client, provider,
                                                    owner_client):
    _upload(owner_client, provider, fillable_form())
    office_form = OfficeForm.objects.get()
    for client in (caregiver_client, stranger_client):
        assert client.get(reverse("providers:office-forms", args=[provider.pk])).status_code == 404
        assert _upload(client, provider, scanned_form()).status_code == 404
        assert client.post(reverse("providers:office-form-remove",
                                   args=[provider.pk, office_form.pk])).status_code == 404
    assert OfficeForm.objects.count() == 1
