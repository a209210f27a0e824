"""A provider added from inside the request form comes back chosen, and what the user had
typed in the request form is kept (issue 14, item 8)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from recordright.providers.models import Provider

pytestmark = pytest.mark.django_db

CLINIC = {"name": "Lakeside Family Practice", "holder_type": "provider",
          "address": "5 Lake Road", "city": "Springfield", "state": "IL", "zip_code": "62701"}


def test_the_new_provider_is_chosen_and_the_typing_kept(owner_client, patient):
    wizard = reverse("requests:new", args=[patient.pk])
    typed = {"right": "access", "all_records": "False", "record_types": ["lab_results",
                                                                          "imaging"],
             "condition": "the broken ankle in 2014", "copy": "electronic",
             "electronic_format": "fhir", "delivery": "portal", "send_to": "self",
             "add_provider": "1"}
    to_add = owner_client.post(wizard, typed)
    assert to_add.status_code == 302 and to_add.url.startswith(reverse("providers:add"))
    form_page = owner_client.get(to_add.url)
    assert form_page.context["form"]["patients"].value() == [str(patient.pk)]
    back = owner_client.post(to_add.url, {**CLINIC, "patients": [patient.pk],
                                          "next": form_page.context["next"]})
    provider = Provider.objects.get(name=CLINIC["name"])
    assert back.url.startswith(wizard) and f"provider={provider.pk}" in back.url

    form = owner_client.get(back.url).context["form"]
    assert form["providers"].value() == [str(provider.pk)]
    assert form["record_types"].value() == ["lab_results", "imaging"]
    assert form["condition"].value() == "the broken ankle in 2014"
    assert form["electronic_format"].value() == "fhir"
    assert str(form["all_records"].value()) == "False"
    # Kept once: a later visit starts afresh.
    assert owner_client.get(back.url).context["form"]["condition"].value() in (None, "")


def test_adding_a_provider_from_the_form_creates_no_request(owner_client, patient):
    owner_client.post(reverse("requests:new", args=[patient.pk]), {"add_provider": "1"})
    assert not patient.records_requests.exists()
