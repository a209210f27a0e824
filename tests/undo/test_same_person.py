"""Adding a patient the user already has (same name, accents and case aside, and date of
birth) asks first (issue 14, item 6)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from recordright.patients.models import LegalBasis, Patient, PatientAccess, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def jose(owner):
    patient = Patient.objects.create(full_name="José García", date_of_birth=date(1950, 3, 14))
    PatientAccess.objects.create(patient=patient, user=owner, role=Role.OWNER,
                                 legal_basis=LegalBasis.EXECUTOR)
    return patient


def _form(name: str, born: str = "1950-03-14", **extra) -> dict:
    return {"patient-full_name": name, "patient-date_of_birth": born,
            "acting-relationship": "parent", "acting-legal_basis": "authorization", **extra}


@pytest.mark.parametrize("typed", ["José García", "jose garcia", "JOSÉ  GARCÍA", "Jose Garcia"])
def test_it_asks_before_adding_the_same_person_again(owner_client, jose, typed):
    response = owner_client.post(reverse("patients:add"), _form(typed))
    assert response.status_code == 200
    page = response.content.decode()
    assert "You already have José García, born March 14, 1950" in page
    assert reverse("patients:detail", args=[jose.pk]) in page
    assert "Add another person with the same name" in page
    assert Patient.objects.count() == 1
    # What was typed is kept for the second answer.
    assert 'value="1950-03-14"' in page


def test_another_person_with_the_same_name_can_be_added(owner_client, jose):
    response = owner_client.post(reverse("patients:add"),
                                 _form("jose garcia", same_name="another"))
    assert response.status_code == 302
    assert Patient.objects.count() == 2


def test_a_different_birth_date_or_someone_elses_patient_does_not_ask(owner_client, jose,
                                                                      stranger):
    assert owner_client.post(reverse("patients:add"),
                             _form("José García", born="1980-01-01")).status_code == 302
    other = Patient.objects.create(full_name="Ana Ruiz", date_of_birth=date(1990, 1, 1))
    PatientAccess.objects.create(patient=other, user=stranger, role=Role.OWNER)
    response = owner_client.post(reverse("patients:add"), _form("Ana Ruiz", born="1990-01-01"))
    assert response.status_code == 302  # another user's patient is never named


def test_an_archived_match_is_offered_to_restore(owner_client, jose):
    Patient.objects.filter(pk=jose.pk).update(archived_at="2026-11-01T00:00Z")
    page = owner_client.post(reverse("patients:add"), _form("José García")).content.decode()
    assert "They are archived; open them to restore them." in page
