"""Fixtures for undo, archive and delete: a provider, a request with evidence, a client per
persona, and a store in a temporary folder so files can be counted."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from recordright.patients.models import PatientAccess, Role
from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest, RequestEvent
from recordright.requests.timeline import add_event


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


def note_with_file(req, user, filename: str, content: bytes) -> RequestEvent:
    """A note recorded today on ``req`` with a file attached as its evidence."""
    return add_event(req, type="note", on=timezone.localdate(), user=user,
                     evidence=SimpleUploadedFile(filename, content))


def assert_each_not_found(client, urls) -> None:
    """Every one of these pages answers 404 to a confirmed post."""
    for url in urls:
        response = client.post(url, {"confirm": "yes"})
        assert response.status_code == 404, url
