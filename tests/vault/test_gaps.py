"""The gap check: what arrived for a request against what was asked, on the sample CCD and
on files made here; the "records arrived" event and the "remaining records" letter."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest
from recordright.requests.timeline import add_event
from recordright.vault import gaps
from tests.vault.conftest import FIXTURES

# The HL7 C-CDA example CCD (CC0, HL7 C-CDA-Examples), copied so a clean clone has it.
CCD = FIXTURES / "hl7_ccd_sample.xml"

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


def ccd_of_2019() -> bytes:
    """The HL7 sample CCD with every date moved into 2019: a CCD that covers only 2019."""
    return re.sub(rb'value="(\d{4})', b'value="2019', CCD.read_bytes())


def test_all_records_2015_to_2020_answered_by_a_ccd_of_2019_shows_the_missing_years(
        owner_client, owner, patient, provider):
    req = _request(patient, provider, owner, all_records=True, date_from=date(2015, 1, 1),
                   date_to=date(2020, 12, 31))
    _upload(owner_client, patient, req, ("summary.xml", ccd_of_2019()))
    arrived = gaps.check(req)
    assert set(arrived.years) == {2019}
    texts = [gap.text for gap in arrived.gaps]
    assert ("Records dated 2015 to 2018 and 2020: none arrived (I asked for records of "
            "January 1, 2015 to December 31, 2020).") in texts
    assert "Imaging reports (X-rays, scans): none arrived." in texts
    assert any(text.startswith("The notes of 1 visit listed in the records (") for text in texts)
    # The "records arrived" event says it is incomplete, with the gaps as its text.
    event = req.events.get(type="records_provided")
    assert event.facts["complete"] is False
    assert "Records dated 2015 to 2018 and 2020" in event.text
    req.refresh_from_db()
    assert any(f["code"] == "incomplete_response" for f in req.assessment["findings"])


def test_the_remaining_records_letter_lists_the_gaps_in_plain_words(
        owner_client, owner, patient, provider):
    req = _request(patient, provider, owner, all_records=True, date_from=date(2015, 1, 1),
                   date_to=date(2020, 12, 31))
    _upload(owner_client, patient, req, ("summary.xml", ccd_of_2019()))
    page = owner_client.get(reverse("requests:detail", args=[req.pk]))
    assert "remaining_records" in page.content.decode() or "remaining" in page.content.decode()
    letter = owner_client.get(reverse("requests:letter", args=[req.pk, "remaining_records"]))
    assert letter.status_code == 200
    text = letter.content.decode()
    assert "The following records are missing:" in text
    assert "Records dated 2015 to 2018 and 2020: none arrived" in text
    assert "Imaging reports (X-rays, scans): none arrived." in text
    assert "_" not in re.sub(r"<[^>]+>", "", text.split("The following records are missing:")[1]
                             .split("</blockquote>")[0])


def test_a_request_for_imaging_answered_without_an_imaging_report_shows_that_gap(
        owner_client, owner, patient, provider):
    req = _request(patient, provider, owner, all_records=False, record_types=["imaging"])
    _upload(owner_client, patient, req, ("ccd.xml", CCD.read_bytes()))
    texts = [gap.text for gap in gaps.check(req).gaps]
    assert texts == ["Imaging reports (X-rays, scans): none arrived."] or any(
        text.startswith("The reports of the imaging studies") for text in texts)
    assert req.events.get(type="records_provided").facts["complete"] is False


def test_an_imaging_report_that_arrived_closes_the_imaging_gap(owner_client, owner, patient,
                                                               provider):
    req = _request(patient, provider, owner, all_records=False, record_types=["imaging"])
    report = (b"Radiology report. Chest X-ray, two views, March 3, 2019.\n"
              b"Findings: the lungs are clear. Impression: no acute disease.")
    _upload(owner_client, patient, req, ("xray.txt", report))
    arrived = gaps.check(req)
    assert arrived.gaps == []
    event = req.events.get(type="records_provided")
    assert event.facts["complete"] is True and event.text == "1 file added to the vault."


def test_the_persons_own_words_on_the_event_stay(owner_client, owner, patient, provider):
    req = _request(patient, provider, owner, all_records=False, record_types=["lab_results"])
    _upload(owner_client, patient, req, ("note.txt", b"Seen for a cough."))
    add_event(req, type="records_provided", on=timezone.localdate(), user=owner,
              text="They said the rest comes by mail.")
    gaps.apply(req)
    event = req.events.filter(type="records_provided").order_by("-on", "-id").first()
    assert event.text.splitlines()[0] == "They said the rest comes by mail."
    assert "- Lab results: none arrived." in event.text


def test_a_file_that_cannot_be_read_is_a_gap(owner_client, owner, patient, provider):
    req = _request(patient, provider, owner, all_records=False, record_types=["lab_results"])
    _upload(owner_client, patient, req, ("labs.pdf", b"%PDF-1.7\nnot really a pdf"),
            ("labs.txt", b"Laboratory results: potassium 4.1 (reference range 3.5-5.1)."))
    texts = [gap.text for gap in gaps.check(req).gaps]
    assert texts == ["The file \u201clabs.pdf\u201d arrived but cannot be read; please send it "
                     "again in another format."]


def test_year_ranges_read_plainly():
    assert gaps._year_ranges([2015, 2016, 2017, 2018, 2020]) == "2015 to 2018 and 2020"
    assert gaps._year_ranges([2015, 2016, 2019]) == "2015 and 2016 and 2019"
    assert gaps._year_ranges([2020]) == "2020"


def _pdf(text: str) -> bytes:
    from weasyprint import HTML
    return HTML(string=f"<p>{text}</p>").write_pdf()


def test_a_document_the_records_refer_to_but_that_did_not_come_is_a_gap(
        owner_client, owner, patient, provider):
    # The sample CCD's advance directive observation points to a PDF kept elsewhere.
    req = _request(patient, provider, owner, all_records=True)
    _upload(owner_client, patient, req, ("ccd.xml", CCD.read_bytes()))
    texts = [gap.text for gap in gaps.check(req).gaps]
    referenced = [text for text in texts if "refer to" in text]
    assert referenced == ["A document the records refer to but that did not come with them: "
                          "\u201cAdvanceDirective.b50b7910.pdf\u201d (Advance directive "
                          "status)."]
    assert req.events.get(type="records_provided").facts["complete"] is False
    letter = owner_client.get(reverse("requests:letter", args=[req.pk, "remaining_records"]))
    assert "AdvanceDirective.b50b7910.pdf" in letter.content.decode()


def test_the_referenced_document_arriving_later_closes_that_gap(owner_client, owner, patient,
                                                                provider):
    req = _request(patient, provider, owner, all_records=True)
    _upload(owner_client, patient, req, ("ccd.xml", CCD.read_bytes()))
    _upload(owner_client, patient, req,
            ("AdvanceDirective.b50b7910.pdf", _pdf("Advance directive of a synthetic patient")))
    assert not [gap for gap in gaps.check(req).gaps if gap.kind == "referenced"]


def test_a_fhir_attachment_given_only_by_its_address_is_a_gap(owner_client, owner, patient,
                                                              provider):
    import json
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"resource": {"resourceType": "DocumentReference", "id": "d1", "status": "current",
                      "type": {"text": "Discharge summary"}, "date": "2021-03-04T10:00:00Z",
                      "content": [{"attachment": {"contentType": "application/pdf",
                                                  "url": "https://portal.example.org/docs/ds-7.pdf",
                                                  "title": "Discharge summary"}}]}},
        {"resource": {"resourceType": "DocumentReference", "id": "d2", "status": "current",
                      "type": {"text": "Operative note"},
                      "content": [{"attachment": {"contentType": "text/plain",
                                                  "url": "Binary/b7"}}]}},
        {"resource": {"resourceType": "Binary", "id": "b7", "contentType": "text/plain",
                      "data": "T3BlcmF0aXZlIG5vdGUu"}}]}
    req = _request(patient, provider, owner, all_records=True)
    _upload(owner_client, patient, req, ("bundle.json", json.dumps(bundle).encode()))
    referenced = [gap.text for gap in gaps.check(req).gaps if gap.kind == "referenced"]
    assert referenced == ["A document the records refer to but that did not come with them: "
                          "\u201chttps://portal.example.org/docs/ds-7.pdf\u201d (Discharge "
                          "summary)."]
