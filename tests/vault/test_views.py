"""The upload page and the documents list, through the real database and the worker's task
(run at once in tests)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recordright.audit.models import AuditEntry
from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest
from recordright.vault.models import Document
from tests.vault.conftest import CCD

pytestmark = pytest.mark.django_db(transaction=True)


def _files(*pairs):
    return [SimpleUploadedFile(name, data) for name, data in pairs]


def test_the_owner_uploads_several_files_and_sees_them_read(owner_client, patient):
    url = reverse("vault:upload", args=[patient.pk])
    page = owner_client.get(url)
    assert page.status_code == 200
    assert b'multiple' in page.content and b"vault/upload.js" in page.content
    assert b"<script>" not in page.content  # no inline scripts (CSP)
    response = owner_client.post(url, {"files": _files(("ccd.xml", CCD.read_bytes()),
                                                       ("note.txt", b"Felt better today."))})
    assert response.status_code == 302
    documents = Document.objects.filter(patient=patient).order_by("original_name")
    assert [(d.original_name, d.kind, d.status) for d in documents] == [
        ("ccd.xml", "ccda", "ready"), ("note.txt", "text", "ready")]
    listing = owner_client.get(reverse("vault:documents", args=[patient.pk]))
    assert b"ccd.xml" in listing.content and b"Ready" in listing.content
    assert AuditEntry.objects.filter(patient=patient, what="vault documents").exists()


def test_the_json_answer_says_what_happened_to_each_file(caregiver_client, patient):
    url = reverse("vault:upload", args=[patient.pk])
    first = caregiver_client.post(url, {"files": _files(("a.txt", b"Some text."))},
                                  HTTP_ACCEPT="application/json")
    assert first.json()["files"][0]["status"] == "received"
    again = caregiver_client.post(url, {"files": _files(("b.txt", b"Some text."),
                                                        ("empty.pdf", b""))},
                                  HTTP_ACCEPT="application/json")
    statuses = [(f["name"], f["status"]) for f in again.json()["files"]]
    assert statuses == [("b.txt", "duplicate"), ("empty.pdf", "failed")]
    assert "empty" in again.json()["files"][1]["message"]


def test_a_file_that_cannot_be_read_is_listed_with_its_reason_and_no_file(owner_client,
                                                                          patient):
    url = reverse("vault:upload", args=[patient.pk])
    owner_client.post(url, {"files": _files(("broken.pdf", b"%PDF-1.7\nnot really a pdf"))})
    document = Document.objects.get(patient=patient)
    assert document.status == "failed" and document.stored_name == ""
    assert "cannot be read" in document.message
    listing = owner_client.get(reverse("vault:documents", args=[patient.pk]))
    assert b"Could not be read" in listing.content


def test_records_for_a_request_record_that_they_arrived(owner_client, owner, patient):
    provider = Provider.objects.create(owner=owner, name="Synthetic Clinic")
    req = RecordsRequest.objects.create(patient=patient, provider=provider, created_by=owner)
    owner_client.post(reverse("vault:upload", args=[patient.pk]),
                      {"files": _files(("ccd.xml", CCD.read_bytes())),
                       "records_request": req.pk})
    document = Document.objects.get(patient=patient)
    assert document.request == req and document.provider == provider
    assert req.events.filter(type="records_provided").count() == 1


def test_a_stranger_gets_404(stranger_client, patient):
    for name in ("vault:documents", "vault:upload"):
        assert stranger_client.get(reverse(name, args=[patient.pk])).status_code == 404
    response = stranger_client.post(reverse("vault:upload", args=[patient.pk]),
                                    {"files": _files(("x.txt", b"x"))})
    assert response.status_code == 404
    assert not Document.objects.exists()


def test_the_patient_page_leads_to_the_vault(owner_client, patient):
    page = owner_client.get(reverse("patients:detail", args=[patient.pk]))
    assert reverse("vault:upload", args=[patient.pk]).encode() in page.content
