"""Patients, providers and requests can be archived (out of every list, restorable) or
deleted with what is theirs, files included (issue 14, item 6)."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from recordright.audit.log import verify
from recordright.audit.models import AuditEntry
from recordright.filestore import store
from recordright.filestore.checks import orphan_files, stored_files
from recordright.patients.models import KeptFile, Patient, PatientAccess
from recordright.providers.models import Provider
from recordright.requests.agenda import due_items_for_user
from recordright.requests.models import RecordsRequest, RequestEvent
from recordright.requests.timeline import add_event
from recordright.sharing import links as share_links
from recordright.sharing.models import ShareLink
from recordright.vault.models import Document, FhirChunk
from tests.undo.conftest import assert_each_not_found, note_with_file

pytestmark = pytest.mark.django_db


def _vault_document(patient, req) -> Document:
    stored = store.save_stream(io.BytesIO(b"%PDF synthetic labs"), "vault-test")
    document = Document.objects.create(
        patient=patient, request=req, received_on=date.today(), arrival="upload", kind="pdf",
        original_name="labs.pdf", stored_name=stored.name, sha256=stored.sha256,
        size=stored.size, status="ready")
    chunk = store.save_stream(io.BytesIO(b"{}"), "vault-test")
    FhirChunk.objects.create(document=document, sequence=0, stored_name=chunk.name,
                             sha256=chunk.sha256, digest="0" * 64, resource_count=1,
                             resource_types={})
    return document


# --- Patients -----------------------------------------------------------------------

def test_an_archived_patient_leaves_the_lists_and_the_dashboard(owner_client, owner, patient,
                                                                req):
    add_event(req, type="sent", on=timezone.localdate() - timedelta(days=40), user=owner)
    assert due_items_for_user(owner, timezone.localdate())
    owner_client.post(reverse("patients:archive", args=[patient.pk]))
    listing = owner_client.get(reverse("patients:list")).content.decode()
    detail_url = reverse("patients:detail", args=[patient.pk])
    assert detail_url not in listing and "Show archived (1)" in listing
    assert due_items_for_user(owner, timezone.localdate()) == []
    archived = owner_client.get(reverse("patients:list") + "?archived=1").content.decode()
    assert detail_url in archived
    assert "Archived on" in owner_client.get(
        reverse("patients:detail", args=[patient.pk])).content.decode()
    owner_client.post(reverse("patients:restore", args=[patient.pk]))
    assert detail_url in owner_client.get(reverse("patients:list")).content.decode()
    assert due_items_for_user(owner, timezone.localdate())
    whats = set(AuditEntry.objects.filter(patient=patient).values_list("what", flat=True))
    assert {"patient archived", "patient restored"} <= whats


def test_the_delete_page_says_what_goes(owner_client, owner, patient, req):
    note_with_file(req, owner, "scan.pdf", b"%PDF synthetic scan")
    _vault_document(patient, req)
    share_links.make(patient, user=owner)
    page = owner_client.get(reverse("patients:remove", args=[patient.pk])).content.decode()
    for line in ("1 records request", "1 timeline entry", "1 document in the vault",
                 "1 share link", "2 people with access", "3 stored files"):
        assert line in page, line
    assert "This cannot be undone" in page


def test_deleting_a_patient_deletes_everything_and_every_file(
        owner_client, owner, patient, req, django_capture_on_commit_callbacks):
    event = note_with_file(req, owner, "scan.pdf", b"%PDF synthetic scan")
    document = _vault_document(patient, req)
    names = [event.evidence.name, document.stored_name,
             FhirChunk.objects.get(document=document).stored_name]
    link = share_links.make(patient, user=owner).link
    pk = patient.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(reverse("patients:delete", args=[pk]), {"confirm": "yes"})
    assert response.status_code == 302
    assert not Patient.objects.filter(pk=pk).exists()
    assert not RecordsRequest.objects.filter(pk=req.pk).exists()
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not ShareLink.objects.filter(pk=link.pk).exists()
    assert not PatientAccess.objects.filter(patient_id=pk).exists()
    assert not any(store.exists(name) for name in names)
    assert orphan_files().problems == [] and stored_files().problems == []
    # The audit log keeps the patient's entries and says who deleted them.
    assert AuditEntry.objects.filter(patient_id=pk, action="delete").exists()
    assert verify() == []


def test_only_an_owner_deletes_a_patient_an_editor_archives(caregiver_client, patient):
    page = caregiver_client.get(reverse("patients:remove", args=[patient.pk])).content.decode()
    assert "Only an owner can delete a patient" in page
    response = caregiver_client.post(reverse("patients:delete", args=[patient.pk]),
                                     {"confirm": "yes"})
    assert response.status_code == 404
    assert Patient.objects.filter(pk=patient.pk).exists()
    caregiver_client.post(reverse("patients:archive", args=[patient.pk]))
    assert Patient.objects.get(pk=patient.pk).archived_at is not None


def test_a_viewer_can_neither_archive_nor_delete(viewer_client, patient):
    assert_each_not_found(viewer_client, [reverse(f"patients:{name}", args=[patient.pk])
                                          for name in ("remove", "archive", "delete")])
    assert Patient.objects.get(pk=patient.pk).archived_at is None


# --- Requests -------------------------------------------------------------------------

def test_an_archived_request_leaves_the_patient_page_and_the_dashboard(owner_client, owner,
                                                                       patient, req):
    owner_client.post(reverse("requests:archive", args=[req.pk]))
    page = owner_client.get(reverse("patients:detail", args=[patient.pk])).content.decode()
    assert req.get_absolute_url() not in page and "Show archived requests (1)" in page
    assert due_items_for_user(owner, timezone.localdate()) == []
    shown = owner_client.get(reverse("patients:detail", args=[patient.pk])
                             + "?archived_requests=1").content.decode()
    assert req.get_absolute_url() in shown
    owner_client.post(reverse("requests:restore", args=[req.pk]))
    assert [item.action for item in due_items_for_user(owner, timezone.localdate())] == ["send"]


def test_a_duplicate_request_is_deleted_keeping_its_files_with_the_patient(
        owner_client, owner, patient, req, django_capture_on_commit_callbacks):
    event = note_with_file(req, owner, "reply.pdf", b"%PDF synthetic reply")
    document = _vault_document(patient, req)
    page = owner_client.get(reverse("requests:remove", args=[req.pk])).content.decode()
    assert "1 timeline entry" in page and "1 document in the vault" in page
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(reverse("requests:delete", args=[req.pk]),
                          {"confirm": "yes", "files": "keep"})
    assert not RecordsRequest.objects.filter(pk=req.pk).exists()
    assert not RequestEvent.with_undone.filter(pk=event.pk).exists()
    kept = KeptFile.objects.get(patient=patient)
    assert store.exists(kept.file.name)
    # The vault keeps the document; it is no longer linked to the request.
    assert Document.objects.get(pk=document.pk).request_id is None
    assert orphan_files().problems == [] and stored_files().problems == []
    assert AuditEntry.objects.filter(action="delete", what="records request").exists()


def test_a_request_is_deleted_with_its_files(owner_client, owner, req,
                                             django_capture_on_commit_callbacks):
    event = note_with_file(req, owner, "reply.pdf", b"%PDF synthetic reply")
    name = event.evidence.name
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(reverse("requests:delete", args=[req.pk]),
                          {"confirm": "yes", "files": "remove"})
    assert not store.exists(name) and not KeptFile.objects.exists()


# --- Providers ------------------------------------------------------------------------

def test_an_archived_provider_leaves_the_list_and_the_request_form(owner_client, patient,
                                                                   provider):
    owner_client.post(reverse("providers:archive", args=[provider.pk]))
    edit_url = reverse("providers:edit", args=[provider.pk])
    assert edit_url not in owner_client.get(reverse("providers:list")).content.decode()
    wizard = owner_client.get(reverse("requests:new", args=[patient.pk])).content.decode()
    assert provider.name not in wizard
    archived = owner_client.get(reverse("providers:list") + "?archived=1").content.decode()
    assert provider.name in archived
    owner_client.post(reverse("providers:restore", args=[provider.pk]))
    assert edit_url in owner_client.get(reverse("providers:list")).content.decode()


def test_a_provider_with_requests_is_not_deleted(owner_client, provider, req):
    page = owner_client.get(reverse("providers:remove", args=[provider.pk])).content.decode()
    assert "cannot be deleted while requests are addressed to it" in page
    assert "1 records request" in page
    owner_client.post(reverse("providers:delete", args=[provider.pk]), {"confirm": "yes"})
    assert Provider.objects.filter(pk=provider.pk).exists()


def test_a_provider_added_by_mistake_is_deleted(owner_client, owner):
    extra = Provider.objects.create(owner=owner, name="Typo Clinic")
    owner_client.post(reverse("providers:delete", args=[extra.pk]), {"confirm": "yes"})
    assert not Provider.objects.filter(pk=extra.pk).exists()
    assert AuditEntry.objects.filter(action="delete", what="provider",
                                     object_id=str(extra.pk)).exists()


def test_someone_elses_provider_is_not_found(caregiver_client, provider):
    assert_each_not_found(caregiver_client, [reverse(f"providers:{name}", args=[provider.pk])
                                             for name in ("remove", "archive", "delete")])
    assert Provider.objects.get(pk=provider.pk).archived_at is None
