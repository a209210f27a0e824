"""Who may see a patient: owner, invited caregiver, stranger (patients/access.py)."""

import pytest
from django.urls import reverse

from recordright.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_it_shows_the_patient_to_the_owner_and_writes_an_audit_entry(owner_client, patient):
    response = owner_client.get(reverse("patients:detail", args=[patient.pk]))
    assert response.status_code == 200
    assert "Sam Synthetic" in response.content.decode()
    assert AuditEntry.objects.filter(patient=patient, action="view").count() == 1


def test_it_shows_the_patient_to_the_invited_caregiver(caregiver_client, patient):
    assert caregiver_client.get(reverse("patients:detail", args=[patient.pk])).status_code == 200


def test_it_gives_a_stranger_404_and_audits_only_the_refusals(stranger_client, stranger,
                                                              patient):
    for name in ["detail", "edit", "invite", "audit"]:
        response = stranger_client.get(reverse(f"patients:{name}", args=[patient.pk]))
        assert response.status_code == 404, name
    entries = AuditEntry.objects.filter(patient=patient)
    assert {entry.action for entry in entries} == {"refused"}
    assert {(entry.user_id, entry.user_label) for entry in entries} == {
        (stranger.pk, stranger.email)}


def test_it_lets_only_the_owner_invite(caregiver_client, owner_client, patient):
    url = reverse("patients:invite", args=[patient.pk])
    assert caregiver_client.get(url).status_code == 404
    assert owner_client.get(url).status_code == 200
