"""Fixtures for requests: a provider with an address, and requests at chosen ages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest
from recordright.requests.timeline import add_event
from tests.smtp import smtp_server, use_smtp_server  # noqa: F401  (fixtures)


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def provider(owner, patient):
    clinic = Provider.objects.create(
        owner=owner, name="Springfield Test Clinic", records_office="Release of Information",
        address="200 Main Street", city="Springfield", state="IL", zip_code="62701",
        email="records@clinic.example.org", fax="(555) 010-0199")
    clinic.patients.add(patient)
    return clinic


@pytest.fixture
def make_request(patient, provider, owner):
    def make(**fields) -> RecordsRequest:
        values = {"patient": patient, "provider": provider, "created_by": owner,
                  "requester_basis": "parent_of_minor", "state": "", **fields}
        return RecordsRequest.objects.create(**values)
    return make


@pytest.fixture
def sent_request(make_request, owner, today):
    """A request mailed ``days_ago`` days ago (no delivery evidence unless asked)."""
    def make(days_ago: int, channel: str = "mail", **fields) -> RecordsRequest:
        req = make_request(**fields)
        add_event(req, type="sent", on=today - timedelta(days=days_ago), user=owner,
                  channel=channel)
        return req
    return make
