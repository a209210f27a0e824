"""Fixtures for undo, archive and delete: a provider, a request with evidence, a client per
persona, and a store in a temporary folder so files can be counted."""

from __future__ import annotations

import pytest
from django.test import Client

from recordright.patients.models import PatientAccess, Role
from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest


@pytest.fixture(autouse=True)
def store_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


@pytest.fixture
def provider(owner, patient):
    clinic = Provider.objects.create(
        owner=owner, name="Springfield Test Clinic", address="200 Main Street",
        city="Springfield", state="IL", zip_code="62701", email="records@clinic.example.org")
    clinic.patients.add(patient)
    return clinic


@pytest.fixture
def req(patient, provider, owner):
    return RecordsRequest.objects.create(patient=patient, provider=provider, created_by=owner,
                                         requester_basis="parent_of_minor")


@pytest.fixture
def viewer(make_user, patient):
    user = make_user("dana@example.org", display_name="Dana Viewer")
    PatientAccess.objects.create(patient=patient, user=user, role=Role.VIEWER)
    return user


@pytest.fixture
def viewer_client(viewer):
    client = Client()
    client.force_login(viewer)
    return client
