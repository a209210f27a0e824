"""Directory pages with the three personas."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from recordright.audit.models import AuditEntry
from recordright.closed_practices import guide as closed
from recordright.closed_practices.models import ClosedPracticeSearch
from recordright.providers.from_directory import refresh_provider_from_directory
from recordright.providers.models import Provider
from tests.directory.conftest import NPIS

pytestmark = pytest.mark.django_db


def test_it_requires_login(client):
    assert client.get(reverse("directory:search")).status_code == 302


def test_it_searches_as_you_type(directory, owner_client):
    page = owner_client.get(reverse("directory:search"))
    html = page.content.decode()
    assert 'hx-trigger="input changed delay:250ms"' in html
    assert 'aria-live="polite"' in html and '<label for="id_q"' in html
    partial = owner_client.get(reverse("directory:search"), {"q": "patel card"},
                               HTTP_HX_REQUEST="true")
    text = partial.content.decode()
    assert "<html" not in text and "ANIL R PATEL" in text
    assert text.index("ANIL R PATEL") < text.index("Use this provider")


def test_a_search_with_no_result_names_the_choices_that_may_be_why(directory, owner_client):
    def answer(**choices) -> str:
        return owner_client.get(reverse("directory:search"), {"q": "whitman", **choices},
                                HTTP_HX_REQUEST="true").content.decode()

    assert "Check the spelling, or try fewer words." in answer(q="zzyzx")
    filtered = answer(status="deactivated")
    assert "0 results" in filtered and "with these choices" in filtered
    assert "change State, City, ZIP code, Show or Status" in filtered


def test_it_creates_a_provider_from_a_result_and_follows_next(directory, owner, owner_client):
    response = owner_client.post(reverse("directory:use"), {
        "npi": NPIS["springfield_hospital"], "next": "/requests/new/?step=2"})
    provider = Provider.objects.get(owner=owner)
    assert response.url == f"/requests/new/?step=2&provider={provider.pk}"
    assert (provider.holder_type, provider.npi, provider.zip_code, provider.fax) == (
        "hospital", str(NPIS["springfield_hospital"]), "62781-0001", "(217) 555-0116")
    outside = owner_client.post(reverse("directory:use"), {
        "npi": NPIS["prairie_lab"], "next": "https://evil.example/"})
    assert outside.url.startswith(reverse("directory:search"))  # and offers the next step
    assert Provider.objects.get(npi=str(NPIS["prairie_lab"])).holder_type == "clinical_lab"


def test_it_sets_the_organization_that_holds_the_records(directory, owner, owner_client,
                                                          stranger_client):
    doctor = Provider.objects.create(owner=owner, name="Dr. Anil Patel")
    stranger_client.post(reverse("directory:use"), {"npi": NPIS["springfield_hospital"],
                                                    "holder_for": doctor.pk})
    doctor.refresh_from_db()
    assert doctor.records_holder is None
    owner_client.post(reverse("directory:use"), {"npi": NPIS["springfield_hospital"],
                                                 "holder_for": doctor.pk})
    doctor.refresh_from_db()
    assert doctor.records_holder.name == "SPRINGFIELD MEMORIAL HOSPITAL"


def test_it_refreshes_a_provider_but_keeps_what_the_user_entered(directory, owner,
                                                                 owner_client, stranger_client):
    provider = Provider.objects.create(owner=owner, name="Patel", npi=str(NPIS["patel_cardiology"]),
                                       address="old", phone="1", email="roi@example.org",
                                       records_office="HIM", portal_url="https://p.example/")
    assert stranger_client.post(reverse("directory:refresh", args=[provider.pk])).status_code \
        == 404
    owner_client.post(reverse("directory:refresh", args=[provider.pk]))
    provider.refresh_from_db()
    assert (provider.address, provider.phone) == ("800 N RUTLEDGE ST", "(217) 555-0100")
    assert (provider.email, provider.records_office) == ("roi@example.org", "HIM")
    assert not refresh_provider_from_directory(Provider(owner=owner, npi="1234567893"))


def test_it_imports_an_uploaded_csv_or_shows_the_errors(owner, owner_client):
    bad = io.BytesIO(b"name,npi\nGood,1234567893\n,1234567890\n")
    bad.name = "mine.csv"
    page = owner_client.post(reverse("directory:import"), {"file": bad})
    assert "nothing was imported" in page.content.decode() and not Provider.objects.exists()
    good = io.BytesIO(b"name,npi\nGood,1234567893\n")
    good.name = "mine.csv"
    owner_client.post(reverse("directory:import"), {"file": good})
    assert Provider.objects.get(owner=owner).name == "Good"


@pytest.fixture
def search(directory, owner, patient):
    return closed.start_search(owner, patient, npi=str(NPIS["munoz_old"]))


def test_it_shows_a_closed_practice_search_to_owner_and_caregiver(search, patient, owner_client,
                                                                  caregiver_client,
                                                                  stranger_client):
    url = reverse("closed_practices:detail", args=[patient.pk, search.pk])
    for client in (owner_client, caregiver_client):
        assert "GLORIA MUÑOZ" in client.get(url).content.decode()
    assert stranger_client.get(url).status_code == 404
    assert AuditEntry.objects.filter(patient=patient, what="closed-practice search").count() == 2
    listing = reverse("closed_practices:list", args=[patient.pk])
    assert caregiver_client.get(listing).status_code == 200
    assert stranger_client.get(listing).status_code == 404


def test_it_records_a_call_note_on_a_step(search, patient, caregiver_client, stranger_client):
    step = search.steps.first()
    url = reverse("closed_practices:step", args=[patient.pk, search.pk, step.pk])
    data = {f"step{step.pk}-status": "no_answer", f"step{step.pk}-notes": "Voicemail.",
            f"step{step.pk}-done_on": "2026-03-20"}
    assert stranger_client.post(url, data).status_code == 404
    caregiver_client.post(url, data)
    step.refresh_from_db()
    assert (step.status, step.notes) == ("no_answer", "Voicemail.")
    bad = caregiver_client.post(url, {**data, f"step{step.pk}-status": "nonsense"})
    assert bad.status_code == 400
    step.refresh_from_db()
    assert step.status == "no_answer"


def test_it_prints_the_records_location_letter(search, patient, owner_client, stranger_client):
    step = search.steps.first()
    url = reverse("closed_practices:letter", args=[patient.pk, search.pk, step.pk])
    html = owner_client.get(url).content.decode()
    assert "Sam Synthetic" in html and "GLORIA MUÑOZ" in html and "45 CFR 164.524" in html
    assert stranger_client.get(url).status_code == 404


def test_it_starts_a_search_from_a_deactivated_result(directory, patient, owner_client,
                                                      stranger_client):
    url = reverse("closed_practices:new") + f"?npi={NPIS['munoz_old']}"
    assert "GLORIA" in owner_client.get(url).content.decode()
    form = {"patient": patient.pk, "doctor_name": "Gloria Muñoz", "npi": NPIS["munoz_old"],
            "reason": "moved", "state": "ca", "practice_address": "", "city": "",
            "zip_code": "", "last_seen": "2019"}
    stranger_client.post(url, form)
    assert not ClosedPracticeSearch.objects.exists()
    response = owner_client.post(url, form)
    search = ClosedPracticeSearch.objects.get()
    assert response.url == reverse("closed_practices:detail", args=[patient.pk, search.pk])
    assert search.steps.filter(kind="same_doctor", npi=str(NPIS["munoz_new"])).exists()
