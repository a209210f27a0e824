"""Shared fixtures: the three personas every view is tested with.

- owner: the patient's parent, who added the patient (role owner);
- caregiver: invited by the owner as an editor;
- stranger: a user with no link to the patient, who must get 404 everywhere.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from recordright.patients.models import LegalBasis, Patient, PatientAccess, Relationship, Role


@pytest.fixture
def make_user(django_user_model):
    def make(email: str, **extra):
        return django_user_model.objects.create_user(email, "correct-horse-battery", **extra)
    return make


@pytest.fixture
def owner(make_user):
    return make_user("alice@example.org", display_name="Alice Parent")


@pytest.fixture
def caregiver(make_user):
    return make_user("bob@example.org", display_name="Bob Helper")


@pytest.fixture
def stranger(make_user):
    return make_user("charlie@example.org", display_name="Charlie Stranger")


@pytest.fixture
def patient(owner, caregiver):
    """A synthetic minor patient: Alice is the parent (owner), Bob an invited editor."""
    child = Patient.objects.create(full_name="Sam Synthetic", date_of_birth=date(2016, 5, 4),
                                   address="1 Test Lane\nSpringfield, IL 62701", state="IL")
    PatientAccess.objects.create(patient=child, user=owner, role=Role.OWNER,
                                 relationship=Relationship.CHILD,
                                 legal_basis=LegalBasis.PARENT_OF_MINOR)
    PatientAccess.objects.create(patient=child, user=caregiver, role=Role.EDITOR,
                                 relationship=Relationship.RELATIVE, legal_basis=LegalBasis.NONE)
    return child


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def owner_client(owner):
    return _logged_in(owner)


@pytest.fixture
def caregiver_client(caregiver):
    return _logged_in(caregiver)


@pytest.fixture
def stranger_client(stranger):
    return _logged_in(stranger)
