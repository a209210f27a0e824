"""The closed-practice guide with the letters app and records requests: the inquiry as a PDF,
searches started from a request with notes on its timeline, the holder found as a new
provider, and deactivated NPIs leading into the guide."""

from __future__ import annotations

import io
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from pypdf import PdfReader

from recordright.audit.models import AuditEntry
from recordright.closed_practices import guide as closed
from recordright.closed_practices.models import ClosedPracticeSearch, ClosedPracticeStep
from recordright.directory import loader
from recordright.patients.models import Patient
from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest
from tests.directory.conftest import DEACTIVATIONS, NPIS

pytestmark = pytest.mark.django_db

SSN = re.compile(r"social\s+security|\bSSN\b|\d{3}-\d{2}-\d{4}", re.IGNORECASE)


@pytest.fixture
def whitman_closed(directory):
    loader.import_path(DEACTIVATIONS, progress=False)


@pytest.fixture
def whitman_request(whitman_closed, owner, patient):
    office = Provider.objects.create(
        owner=owner, name="Dr. Harold Whitman", npi=str(NPIS["whitman_old"]),
        address="100 Main Street", city="Springfield", state="IL", zip_code="62704")
    return RecordsRequest.objects.create(patient=patient, provider=office, created_by=owner)


@pytest.fixture
def search(whitman_closed, owner, patient):
    return closed.start_search(owner, patient, npi=str(NPIS["whitman_old"]))


def step_url(name: str, search: ClosedPracticeSearch, step: ClosedPracticeStep) -> str:
    return reverse(name, args=[search.patient_id, search.pk, step.pk])


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def notes(req: RecordsRequest) -> list[str]:
    return list(req.events.filter(type="note").values_list("text", flat=True))


def test_it_downloads_the_inquiry_as_a_pdf_for_owner_and_caregiver(
        search, patient, owner_client, caregiver_client, stranger_client):
    step = search.steps.get(kind="successor")
    url = step_url("closed_practices:letter-pdf", search, step)
    assert stranger_client.get(url).status_code == 404
    response = owner_client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = pdf_text(response.content)
    for expected in ("CAPITOL FAMILY MEDICINE LLC", "HAROLD WHITMAN, MD",
                     f"NPI {NPIS['whitman_old']}", "100 MAIN ST", "until March 1, 2026",
                     "Sam Synthetic", "May 4, 2016", "45 CFR 164.524(a)(1)",
                     "45 CFR 164.524(d)(3)", "Alice Parent, as parent of Sam Synthetic"):
        assert expected in text, expected
    assert not SSN.search(text)
    assert caregiver_client.get(url).status_code == 200
    assert AuditEntry.objects.filter(patient=patient, action="download",
                                     what="records location letter").count() == 2


def test_it_previews_the_letter_and_offers_the_pdf(search, patient, owner_client,
                                                   caregiver_client, stranger_client):
    step = search.steps.get(kind="successor")
    url = step_url("closed_practices:letter", search, step)
    assert stranger_client.get(url).status_code == 404
    for client in (owner_client, caregiver_client):
        page = client.get(url).content.decode()
        assert "Download PDF" in page and step_url("closed_practices:letter-pdf", search,
                                                   step) in page
        assert "srcdoc=" in page and "HAROLD WHITMAN" in page
    assert AuditEntry.objects.filter(patient=patient, action="view",
                                     what="records location letter").count() == 2


def test_it_asks_who_the_letter_goes_to_when_the_directory_does_not_know(
        search, owner_client, caregiver_client, stranger_client):
    step = search.steps.get(kind="local_society")
    page = owner_client.get(step_url("closed_practices:letter", search, step)).content.decode()
    assert "An address, fax number or email address" in page and "Download PDF" not in page
    pdf_url = step_url("closed_practices:letter-pdf", search, step)
    assert owner_client.get(pdf_url).status_code == 302
    url = step_url("closed_practices:recipient", search, step)
    data = {"contact_name": "Sangamon County Medical Society",
            "address": "1 Society Lane\nSpringfield, IL 62701", "phone": "", "fax": ""}
    assert stranger_client.post(url, data).status_code == 404
    bad = caregiver_client.post(url, {**data, "contact_name": ""})
    assert bad.status_code == 400 and "1 Society Lane" in bad.content.decode()
    step.refresh_from_db()
    assert (step.contact_name, step.address) == ("", "")
    assert caregiver_client.post(url, data).status_code == 302
    text = pdf_text(caregiver_client.get(pdf_url).content)
    assert "Sangamon County Medical Society 1 Society Lane Springfield, IL 62701" in text


def test_it_starts_a_search_from_a_request_for_owner_and_caregiver(
        whitman_request, patient, owner_client, caregiver_client, stranger_client):
    url = reverse("closed_practices:from-request", args=[whitman_request.pk])
    form = {"doctor_name": "Dr. Harold Whitman", "npi": str(NPIS["whitman_old"]),
            "reason": "retired", "practice_address": "100 Main Street", "city": "Springfield",
            "state": "il", "zip_code": "62704", "last_seen": "2015"}
    assert stranger_client.get(url).status_code == 404
    assert stranger_client.post(url, form).status_code == 404
    assert "Dr. Harold Whitman" in owner_client.get(url).content.decode()
    assert AuditEntry.objects.filter(patient=patient, what="records request").exists()
    bad = caregiver_client.post(url, {**form, "doctor_name": ""})
    assert bad.status_code == 400 and not ClosedPracticeSearch.objects.exists()
    response = caregiver_client.post(url, form)
    search = ClosedPracticeSearch.objects.get()
    assert response.url == reverse("closed_practices:detail", args=[patient.pk, search.pk])
    assert search.records_request == whitman_request and search.reason == "retired"
    assert notes(whitman_request) == [
        "Closed-practice search: started looking for the records of Dr. Harold Whitman."]


def test_it_notes_each_call_and_letter_on_the_requests_timeline(
        whitman_request, owner, patient, caregiver_client):
    search = closed.start_search(owner, patient, npi=str(NPIS["whitman_old"]),
                                 records_request=whitman_request)
    step = search.steps.get(kind="local_society")
    data = {f"step{step.pk}-status": "no_answer",
            f"step{step.pk}-notes": "Called the county medical society: they have no list.",
            f"step{step.pk}-done_on": "2026-03-20"}
    caregiver_client.post(step_url("closed_practices:step", search, step), data)
    successor = search.steps.get(kind="successor")
    pdf_url = step_url("closed_practices:letter-pdf", search, successor)
    caregiver_client.get(pdf_url)
    assert len(notes(whitman_request)) == 1, "a GET of the PDF changes no timeline"
    assert caregiver_client.post(pdf_url).url == pdf_url
    event = whitman_request.events.get(text__contains="county medical society")
    assert event.on.isoformat() == "2026-03-20"
    assert event.text.startswith("Closed-practice search: Ask the county or local medical "
                                 "society")
    assert "No answer or not there: Called the county" in event.text
    assert ("Closed-practice search: letter to CAPITOL FAMILY MEDICINE LLC downloaded."
            in notes(whitman_request))
    # Saving the same thing again adds nothing.
    caregiver_client.post(step_url("closed_practices:step", search, step), data)
    assert len(notes(whitman_request)) == 2


def test_it_refuses_to_link_another_patients_request(whitman_request, owner):
    other = Patient.objects.create(full_name="Other Synthetic", date_of_birth=date(2000, 1, 1))
    with pytest.raises(ValueError):
        closed.start_search(owner, other, doctor_name="Dr. X", records_request=whitman_request)


def test_it_shows_the_deactivated_npi_and_the_guide_on_the_request_page(
        whitman_request, owner_client, caregiver_client, stranger_client):
    url = whitman_request.get_absolute_url()
    assert stranger_client.get(url).status_code == 404
    guide = reverse("closed_practices:from-request", args=[whitman_request.pk])
    for client in (owner_client, caregiver_client):
        page = client.get(url).content.decode()
        assert "as deactivated on March 1, 2026" in page and guide in page


def test_it_always_offers_the_guide_as_a_small_link(whitman_request, owner_client):
    whitman_request.provider.npi = ""
    whitman_request.provider.save()
    page = owner_client.get(whitman_request.get_absolute_url()).content.decode()
    assert "deactivated on" not in page
    assert reverse("closed_practices:from-request", args=[whitman_request.pk]) in page


def test_it_makes_the_holder_found_in_the_directory_a_new_provider(
        whitman_request, owner, caregiver, patient, caregiver_client, stranger_client):
    search = closed.start_search(owner, patient, npi=str(NPIS["whitman_old"]),
                                 records_request=whitman_request)
    step = search.steps.get(kind="successor")
    step.status = "done"
    step.save()
    detail = reverse("closed_practices:detail", args=[patient.pk, search.pk])
    assert "Make this the provider for a new request" in caregiver_client.get(
        detail).content.decode()
    url = step_url("closed_practices:found", search, step)
    prefix = f"found{step.pk}"
    data = {f"{prefix}-name": "Capitol Family Medicine",
            f"{prefix}-npi": str(NPIS["successor_practice"]), f"{prefix}-state": "il"}
    assert stranger_client.post(url, data).status_code == 404
    assert not Provider.objects.filter(npi=str(NPIS["successor_practice"])).exists()
    response = caregiver_client.post(url, data)
    provider = Provider.objects.get(npi=str(NPIS["successor_practice"]))
    assert (provider.owner, provider.name) == (caregiver, "CAPITOL FAMILY MEDICINE LLC")
    assert response.url == (reverse("requests:new", args=[patient.pk])
                            + f"?provider={provider.pk}")
    wizard = caregiver_client.get(response.url)
    assert wizard.status_code == 200 and "CAPITOL FAMILY MEDICINE LLC" in wizard.content.decode()
    assert ("Closed-practice search: the records are with CAPITOL FAMILY MEDICINE LLC; a new "
            "request to them is started." in notes(whitman_request))


def test_it_makes_a_provider_from_the_entered_details_without_an_npi(
        search, patient, owner, owner_client):
    step = search.steps.get(kind="local_society")
    url = step_url("closed_practices:found", search, step)
    prefix = f"found{step.pk}"
    data = {f"{prefix}-name": "Records Keepers Inc.", f"{prefix}-npi": "",
            f"{prefix}-address": "9 Storage Road", f"{prefix}-city": "Peoria",
            f"{prefix}-state": "il", f"{prefix}-zip_code": "61602",
            f"{prefix}-phone": "(309) 555-0101"}
    bad = owner_client.post(url, {**data, f"{prefix}-npi": "12"})
    assert bad.status_code == 400 and "An NPI has 10 digits" in bad.content.decode()
    assert "Records Keepers Inc." in bad.content.decode()
    assert not Provider.objects.exists()
    owner_client.post(url, data)
    provider = Provider.objects.get()
    assert (provider.owner, provider.name, provider.state, provider.npi) == (
        owner, "Records Keepers Inc.", "IL", "")
    step.refresh_from_db()
    assert step.status == "done"
    assert AuditEntry.objects.filter(patient=patient, what="closed-practice step").exists()


def test_it_leads_from_a_deactivated_search_result_into_the_guide(
        whitman_closed, patient, owner_client, caregiver_client, stranger_client):
    results = owner_client.get(reverse("directory:search"),
                               {"q": "whitman", "status": "deactivated"}).content.decode()
    assert "This NPI was deactivated on 03/01/2026" in results
    start = reverse("closed_practices:new") + f"?npi={NPIS['whitman_old']}"
    assert start.replace("&", "&amp;") in results or start in results
    page = caregiver_client.get(start).content.decode()
    assert "Sam Synthetic" in page and "deactivated on March 1, 2026" in page
    nothing = stranger_client.get(start).content.decode()
    assert "Sam Synthetic" not in nothing and "Add a patient first" in nothing
    stranger_client.post(start, {"patient": patient.pk, "doctor_name": "Harold Whitman",
                                 "reason": "deactivated"})
    assert not ClosedPracticeSearch.objects.exists()


def test_it_keeps_the_preview_inside_its_sandboxed_frame(directory, owner, patient,
                                                         owner_client):
    injected = '"><b id="injected">bold</b>'
    search = closed.start_search(owner, patient, doctor_name=f"Dr. {injected}",
                                 practice_address="9 Old Road", city="Springfield",
                                 state="IL", zip_code="62704")
    step = search.steps.get(kind="local_society")
    step.contact_name, step.address = "County Medical Society", "1 Society Lane"
    step.save()
    page = owner_client.get(step_url("closed_practices:letter", search, step)).content.decode()
    tags = Tags()
    tags.feed(page)
    frames = [attrs for tag, attrs in tags.found if tag == "iframe"]
    assert len(frames) == 1 and "Dr. &quot;&gt;&lt;b id=" in frames[0]["srcdoc"]
    assert not [tag for tag, attrs in tags.found if tag == "b" or "sender" in (
        attrs.get("class") or "")], "the letter leaked out of its frame"


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))
