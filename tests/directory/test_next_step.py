"""After "Use this provider", the next step is offered (issue 14, item 8): ask this provider
for records, with the provider (and the patient) chosen in the request form."""

from __future__ import annotations

from django.urls import reverse

from recordright.providers.models import Provider
from tests.directory.conftest import NPIS


def test_using_a_provider_offers_to_ask_it_for_records(directory, patient, owner_client):
    response = owner_client.post(reverse("directory:use"), {
        "npi": NPIS["springfield_hospital"], "query": "q=springfield"})
    provider = Provider.objects.get(npi=NPIS["springfield_hospital"])
    assert response.status_code == 302
    assert "q=springfield" in response.url and f"added={provider.pk}" in response.url
    shown = owner_client.get(response.url)
    assert shown.context["results"]  # the search results are still there
    page = shown.content.decode()
    ask = f'{reverse("requests:new", args=[patient.pk])}?provider={provider.pk}'
    assert "Ask this provider for Sam Synthetic" in page and ask in page
    wizard = owner_client.get(ask)
    assert wizard.status_code == 200
    assert wizard.context["form"]["providers"].value() == [str(provider.pk)]


def test_a_stranger_cannot_see_a_provider_named_in_the_address(directory, patient, owner_client,
                                                               stranger_client):
    owner_client.post(reverse("directory:use"), {"npi": NPIS["springfield_hospital"]})
    provider = Provider.objects.get(npi=NPIS["springfield_hospital"])
    page = stranger_client.get(f"{reverse('directory:search')}?added={provider.pk}")
    assert provider.name.encode() not in page.content
