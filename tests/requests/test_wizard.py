"""The request wizard: plain answers in, one request per provider out; bad input kept."""

import pytest
from django.urls import reverse

from recordright.audit.models import AuditEntry
from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest

pytestmark = pytest.mark.django_db

GOOD = {"right": "access", "all_records": "True", "copy": "electronic",
        "electronic_format": "pdf", "delivery": "portal", "send_to": "self", "state": "IL"}


def test_it_creates_a_request_and_shows_it(owner_client, patient, provider):
    url = reverse("requests:new", args=[patient.pk])
    assert owner_client.get(url).status_code == 200
    response = owner_client.post(url, {**GOOD, "providers": [provider.pk]})
    req = RecordsRequest.objects.get()
    assert response.status_code == 302 and response.url == req.get_absolute_url()
    assert req.requester_basis == "parent_of_minor" and req.state == "IL"
    assert AuditEntry.objects.filter(action="create", what="records request").exists()
    page = owner_client.get(req.get_absolute_url()).content.decode()
    assert "Not sent yet" in page


def test_it_creates_one_request_per_provider_for_all_of_the_patients_providers(
        owner_client, owner, patient, provider):
    other = Provider.objects.create(owner=owner, name="Test Imaging Center")
    other.patients.add(patient)
    Provider.objects.create(owner=owner, name="Unrelated Lab")
    response = owner_client.post(reverse("requests:new", args=[patient.pk]),
                                 {**GOOD, "all_patient_providers": "on"})
    assert response.status_code == 302
    names = sorted(RecordsRequest.objects.values_list("provider__name", flat=True))
    assert names == ["Springfield Test Clinic", "Test Imaging Center"]


def test_it_keeps_what_was_typed_when_input_is_bad(owner_client, patient, provider):
    response = owner_client.post(reverse("requests:new", args=[patient.pk]), {
        **GOOD, "providers": [provider.pk], "all_records": "False", "record_types": [],
        "condition": "the broken ankle in 2014", "delivery": "unencrypted_email",
        "delivery_detail": "sam@example.org", "date_from": "2014-05-01",
        "date_to": "2013-01-01"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "the broken ankle in 2014" in page and "sam@example.org" in page
    assert "Regular email needs your informed choice" in page
    assert "The end date is before the start date" in page
    assert "Tick at least one kind of record" in page
    assert not RecordsRequest.objects.exists()


def test_it_asks_for_a_third_partys_name_and_address(owner_client, patient, provider):
    response = owner_client.post(reverse("requests:new", args=[patient.pk]),
                                 {**GOOD, "providers": [provider.pk], "send_to": "third_party"})
    assert "Name the person or office" in response.content.decode()
    assert not RecordsRequest.objects.exists()


def test_it_needs_a_provider(owner_client, patient):
    response = owner_client.post(reverse("requests:new", args=[patient.pk]), GOOD)
    assert "Choose at least one provider" in response.content.decode()


def test_it_lets_the_caregiver_editor_create_and_gives_a_stranger_404(
        caregiver_client, stranger_client, patient, provider):
    url = reverse("requests:new", args=[patient.pk])
    assert stranger_client.get(url).status_code == 404
    assert stranger_client.post(url, {**GOOD, "providers": [provider.pk]}).status_code == 404
    # The owner's provider is offered to the caregiver because the patient was seen there.
    response = caregiver_client.post(url, {**GOOD, "providers": [provider.pk]})
    assert response.status_code == 302
    assert RecordsRequest.objects.get().requester_basis == "none"


def test_it_shows_the_patients_requests_on_the_patient_page(owner_client, patient,
                                                             make_request):
    make_request()
    page = owner_client.get(reverse("patients:detail", args=[patient.pk])).content.decode()
    assert "Springfield Test Clinic" in page
    assert "Request from all of this patient" in page
