"""The gap check: what arrived for a request against what was asked, on the sample CCD and
on files made here; the "records arrived" event and the "remaining records" letter."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest
from recordright.requests.timeline import add_event
from recordright.vault import gaps
from recordright.vault.models import Entry
from tests.vault.conftest import CCD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def provider(owner, patient):
    clinic = Provider.objects.create(owner=owner, name="Synthetic Clinic", address="1 Main St",
                                     city="Springfield", state="IL", zip_code="62701")
    clinic.patients.add(patient)
    return clinic


def _request(patient, provider, owner, **fields) -> RecordsRequest:
    req = RecordsRequest.objects.create(patient=patient, provider=provider, created_by=owner,
                                        **fields)
    add_event(req, type="sent", on=date(2026, 1, 5), user=owner, channel="mail")
    return req


def _upload(client, patient, req, *files):
    response = client.post(reverse("vault:upload", args=[patient.pk]), {
        "files": [SimpleUploadedFile(name, data) for name, data in files],
        "records_request": req.pk})
    assert response.status_code == 302


def test_the_ccd_years_debug(owner_client, owner, patient, provider):
    req = _request(patient, provider, owner, all_records=True, date_from=date(2015, 1, 1),
                   date_to=date(2020, 12, 31))
    _upload(owner_client, patient, req, ("ccd.xml", CCD.read_bytes()))
    print(sorted({(e.category, e.date) for e in Entry.objects.filter(patient=patient)}, key=str))
    print(gaps.check(req).gaps)
    assert False
