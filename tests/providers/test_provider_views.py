"""Providers: free entry, owned by the user who entered them."""

import pytest
from django.urls import reverse

from recordright.providers.models import Provider

pytestmark = pytest.mark.django_db

CLINIC = {"name": "Test Family Practice", "holder_type": "provider", "address": "9 Oak Road",
          "city": "Springfield", "state": "IL", "zip_code": "62701",
          "email": "roi@practice.example.org", "portal_url": "portal.example.org"}


def test_it_adds_a_provider_linked_to_a_patient(owner_client, owner, patient):
    page = owner_client.get(reverse("providers:add")).content.decode()
    assert "Search the national provider directory" in page and "/directory/?next=" in page
    response = owner_client.post(reverse("providers:add"), {**CLINIC, "patients": [patient.pk]})
    assert response.status_code == 302
    provider = Provider.objects.get()
    assert provider.owner == owner and list(provider.patients.all()) == [patient]
    assert provider.portal_url == "https://portal.example.org"
    assert "Test Family Practice" in owner_client.get(reverse("providers:list")).content.decode()


def test_it_returns_to_the_wizard_after_adding(owner_client, patient):
    wizard = reverse("requests:new", args=[patient.pk])
    response = owner_client.post(reverse("providers:add"), {**CLINIC, "next": wizard})
    provider = Provider.objects.get(name=CLINIC["name"])
    assert response.url == f"{wizard}?provider={provider.pk}"


def test_it_keeps_what_was_typed_on_bad_input(owner_client):
    response = owner_client.post(reverse("providers:add"), {**CLINIC, "zip_code": "6270",
                                                            "city": ""})
    page = response.content.decode()
    assert "A ZIP code has 5 digits" in page and "give the city and state" in page
    assert "9 Oak Road" in page
    assert not Provider.objects.exists()


def test_it_marks_a_provider_without_an_address(owner_client):
    owner_client.post(reverse("providers:add"), {"name": "No Address Lab",
                                                 "holder_type": "clinical_lab"})
    assert "No mailing address" in owner_client.get(reverse("providers:list")).content.decode()


def test_it_lets_only_the_owner_edit(owner_client, caregiver_client, stranger_client, owner):
    provider = Provider.objects.create(owner=owner, name="Owner's Clinic")
    url = reverse("providers:edit", args=[provider.pk])
    assert stranger_client.get(url).status_code == 404
    assert caregiver_client.get(url).status_code == 404
    response = owner_client.post(url, {**CLINIC, "name": "Renamed Clinic"})
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.name == "Renamed Clinic"
    assert "Owner" not in stranger_client.get(reverse("providers:list")).content.decode()
