"""Adding patients, acting for them, inviting, removing access, and the audit log."""

import re
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from recordright.audit.models import AuditEntry
from recordright.patients.models import Invitation, Patient, PatientAccess, Role
from tests.security.bad_files import real_pdf

pytestmark = pytest.mark.django_db


def _add_form(**overrides):
    data = {
        "patient-full_name": "Riley Synthetic", "patient-date_of_birth": "2015-02-03",
        "patient-address": "2 Test Road", "patient-state": "TX",
        "acting-relationship": "child", "acting-legal_basis": "parent_of_minor",
    }
    data.update(overrides)
    return data


def test_it_adds_a_child_with_the_parent_as_owner(owner_client, owner):
    response = owner_client.post(reverse("patients:add"), _add_form())
    patient = Patient.objects.get(full_name="Riley Synthetic")
    assert response.status_code == 302
    link = PatientAccess.objects.get(patient=patient, user=owner)
    assert (link.role, link.legal_basis, link.is_personal_representative) == (
        Role.OWNER, "parent_of_minor", True)
    assert AuditEntry.objects.filter(patient=patient, action="create").exists()


def test_it_refuses_parent_of_minor_for_an_adult_and_keeps_the_input(owner_client):
    response = owner_client.post(reverse("patients:add"),
                                 _add_form(**{"patient-date_of_birth": "1970-01-01"}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "is an adult" in body
    assert 'value="Riley Synthetic"' in body
    assert not Patient.objects.filter(full_name="Riley Synthetic").exists()


def test_it_requires_a_date_of_death_for_an_executor(owner_client):
    response = owner_client.post(reverse("patients:add"), _add_form(**{
        "patient-date_of_birth": "1940-01-01", "acting-legal_basis": "executor",
        "acting-relationship": "parent"}))
    assert "enter the date of death" in response.content.decode()
    assert not Patient.objects.exists()


def test_it_rejects_a_future_birth_date(owner_client):
    response = owner_client.post(reverse("patients:add"),
                                 _add_form(**{"patient-date_of_birth": "2999-01-01"}))
    assert "cannot be in the future" in response.content.decode()


@override_settings(MAX_UPLOAD_BYTES=1024)
def test_it_rejects_an_oversized_authority_document_and_stores_nothing(owner_client):
    big = SimpleUploadedFile("poa.pdf", b"x" * 2048, content_type="application/pdf")
    response = owner_client.post(reverse("patients:add"),
                                 {**_add_form(), "acting-authority_document": big})
    assert "too large" in response.content.decode()
    assert not Patient.objects.exists()


def test_it_stores_the_authority_document_encrypted_and_audits_downloads(owner_client, owner):
    content = real_pdf()  # a readable PDF: issue 9.5 refuses anything else
    document = SimpleUploadedFile("poa.pdf", content, content_type="application/pdf")
    owner_client.post(reverse("patients:add"), {
        **_add_form(**{"patient-date_of_birth": "1950-01-01", "acting-relationship": "parent",
                       "acting-legal_basis": "health_care_agent"}),
        "acting-authority_document": document})
    link = PatientAccess.objects.get(user=owner)
    assert link.authority_document_name == "poa.pdf"
    url = reverse("patients:authority-document", args=[link.patient.pk, link.pk])
    response = owner_client.get(url)
    assert b"".join(response.streaming_content) == content
    assert AuditEntry.objects.filter(patient=link.patient, action="download").exists()


def test_an_invited_caregiver_can_accept_and_then_see_the_patient(owner_client, patient,
                                                                  verified_user):
    response = owner_client.post(reverse("patients:invite", args=[patient.pk]), {
        "email": "dana@example.org", "role": "viewer", "relationship": "relative"})
    assert response.status_code == 302
    assert "Sam Synthetic" not in mail.outbox[0].body  # the email names no patient
    token = re.search(r"/patients/invitations/([^/]+)/", mail.outbox[0].body).group(1)
    dana = verified_user("dana@example.org")
    client = Client()
    client.force_login(dana)
    assert client.get(reverse("patients:detail", args=[patient.pk])).status_code == 404
    client.post(reverse("patients:accept", args=[token]), {"legal_basis": "none"})
    assert client.get(reverse("patients:detail", args=[patient.pk])).status_code == 200
    assert PatientAccess.objects.get(user=dana, patient=patient).role == Role.VIEWER
    assert client.get(reverse("patients:accept", args=[token])).status_code == 404  # used once


def test_an_expired_or_unknown_invitation_is_404(caregiver_client, patient, owner):
    invitation, token = Invitation.issue(patient=patient, email="x@example.org", role="viewer",
                                         invited_by=owner)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=datetime(2000, 1, 1, tzinfo=UTC))
    assert caregiver_client.get(reverse("patients:accept", args=[token])).status_code == 404
    assert caregiver_client.get(reverse("patients:accept", args=["nope"])).status_code == 404


def test_the_owner_removes_a_caregiver_but_not_the_last_owner(owner_client, caregiver_client,
                                                              patient, owner, caregiver):
    bob = PatientAccess.objects.get(user=caregiver, patient=patient)
    alice = PatientAccess.objects.get(user=owner, patient=patient)
    assert caregiver_client.post(
        reverse("patients:access-remove", args=[patient.pk, alice.pk])).status_code == 404
    owner_client.post(reverse("patients:access-remove", args=[patient.pk, bob.pk]))
    assert not PatientAccess.objects.filter(pk=bob.pk).exists()
    assert caregiver_client.get(reverse("patients:detail", args=[patient.pk])).status_code == 404
    owner_client.post(reverse("patients:access-remove", args=[patient.pk, alice.pk]))
    assert PatientAccess.objects.filter(pk=alice.pk).exists()


def test_the_audit_page_shows_who_looked(owner_client, caregiver_client, patient):
    caregiver_client.get(reverse("patients:detail", args=[patient.pk]))
    body = owner_client.get(reverse("patients:audit", args=[patient.pk])).content.decode()
    assert "bob@example.org" in body and "viewed patient details" in body


def test_a_viewer_cannot_edit(patient, make_user):
    viewer = make_user("vic@example.org")
    PatientAccess.objects.create(patient=patient, user=viewer, role=Role.VIEWER)
    client = Client()
    client.force_login(viewer)
    assert client.get(reverse("patients:edit", args=[patient.pk])).status_code == 404
    assert client.get(reverse("patients:detail", args=[patient.pk])).status_code == 200


def test_anonymous_users_are_sent_to_log_in(client, patient):
    response = client.get(reverse("patients:detail", args=[patient.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_patient_list_shows_only_linked_patients(owner_client, stranger_client, patient):
    assert "Sam Synthetic" in owner_client.get(reverse("patients:list")).content.decode()
    assert "Sam Synthetic" not in stranger_client.get(reverse("patients:list")).content.decode()


def test_an_advocate_with_many_patients_can_search_and_page(make_user):
    advocate = make_user("advocate@example.org", kind="advocate")
    for number in range(120):
        client_patient = Patient.objects.create(full_name=f"Client {number:03d} Synthetic",
                                                date_of_birth="1980-01-01")
        PatientAccess.objects.create(patient=client_patient, user=advocate, role=Role.OWNER,
                                     relationship="client", legal_basis="authorization")
    client = Client()
    client.force_login(advocate)
    first = client.get(reverse("patients:list")).content.decode()
    assert "Client 000" in first and "Client 050" not in first and "Page 1 of 3" in first
    found = client.get(reverse("patients:list"), {"q": "client 117"}).content.decode()
    assert "Client 117 Synthetic" in found and "Client 116" not in found


def test_an_invitation_opens_only_for_the_invited_address(owner, patient, stranger_client,
                                                          stranger):
    _, token = Invitation.issue(patient=patient, email="Dana@Example.org", role="editor",
                                invited_by=owner)
    response = stranger_client.get(reverse("patients:accept", args=[token]))
    assert response.status_code == 403
    assert "Sam Synthetic" not in response.content.decode()
    stranger_client.post(reverse("patients:accept", args=[token]), {"legal_basis": "none"})
    assert not PatientAccess.objects.filter(user=stranger, patient=patient).exists()
