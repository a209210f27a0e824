"""The reading pages, through the real database: timeline and filters, category pages, lab
charts with their tables, the original one click away, C-CDA as HTML, search, amendments."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recordright.audit.models import AuditEntry
from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest
from recordright.requests.timeline import add_event
from recordright.vault import charts
from recordright.vault.models import Document, Entry, EntrySource
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


@pytest.fixture
def ccd(owner_client, patient, provider, owner) -> Document:
    req = RecordsRequest.objects.create(patient=patient, provider=provider, created_by=owner)
    add_event(req, type="sent", on=date(2026, 1, 5), user=owner, channel="mail")
    owner_client.post(reverse("vault:upload", args=[patient.pk]), {
        "files": [SimpleUploadedFile("ccd.xml", CCD.read_bytes())], "records_request": req.pk})
    return Document.objects.get(patient=patient, original_name="ccd.xml")


def _lab(patient, document, day, value, flag="", title="Hemoglobin A1c"):
    entry = Entry.objects.create(
        patient=patient, document=document, category="results", title=title, date=day,
        value_text=f"{value:g}", value_number=value, unit="%", reference_range="4.0-5.6 %",
        abnormal_flag=flag, codes=[{"system": "LOINC", "code": "4548-4", "display": title}],
        fingerprint=f"lab-{title}-{day}-{value}")
    EntrySource.objects.create(entry=entry, document=document)
    return entry


def test_the_timeline_lists_entries_newest_first_and_filters(owner_client, patient, ccd):
    url = reverse("vault:timeline", args=[patient.pk])
    page = owner_client.get(url).content.decode()
    dates = [datetime.strptime(d, "%b %d, %Y").date() for d in
             re.findall(r'class="entry-date">([A-Z][a-z]{2} \d+, \d{4})', page)]
    assert dates and dates == sorted(dates, reverse=True)
    assert f'href="/vault/{patient.pk}/document/{ccd.pk}/"' in page  # the original, one click
    only = owner_client.get(url, {"category": "immunizations"}).content.decode()
    assert "Immunizations" in only and "Problems</span>" not in only
    dated = owner_client.get(url, {"date_from": "2012-01-01", "date_to": "2012-12-31"})
    years = set(re.findall(r'class="entry-date">[A-Z][a-z]{2} \d+, (\d{4})',
                           dated.content.decode()))
    assert years == {"2012"}
    bad = owner_client.get(url, {"date_from": "2013-01-01", "date_to": "2012-01-01"})
    assert b"The end date is before the start date." in bad.content
    assert AuditEntry.objects.filter(patient=patient, what="vault timeline").exists()


def test_the_timeline_pages_through_thousands_of_entries(owner_client, patient, ccd):
    Entry.objects.bulk_create(
        Entry(patient=patient, document=ccd, category="vitals", title=f"Pulse {n}",
              date=date(2020, 1, 1), fingerprint=f"pulse-{n}") for n in range(3000))
    page = owner_client.get(reverse("vault:timeline", args=[patient.pk]), {"page": 2})
    text = page.content.decode()
    assert "Page 2 of" in text and text.count('class="vault-entry"') == 50


def test_a_category_page_and_the_lab_chart_with_its_table(owner_client, patient, ccd):
    _lab(patient, ccd, date(2024, 1, 10), 7.9, "H")
    _lab(patient, ccd, date(2024, 6, 12), 6.8, "H")
    _lab(patient, ccd, date(2025, 1, 15), 5.4)
    results = owner_client.get(reverse("vault:category", args=[patient.pk, "results"]))
    assert b"Lab results" in results.content and b"Hemoglobin A1c" in results.content
    labs = owner_client.get(reverse("vault:labs", args=[patient.pk])).content.decode()
    assert 'role="img"' in labs and "<title id=" in labs and "<desc id=" in labs
    assert "Hemoglobin A1c, 3 results over time" in labs
    assert "H (high)" in labs  # flags in words, not colour only
    assert "<td>5.4 %</td>" in labs
    assert "style=" not in labs and "<script>" not in labs
    assert owner_client.get(reverse("vault:category", args=[patient.pk, "x_y"])).status_code \
        == 404


def test_chart_text_is_escaped(patient, owner):
    document = Document.objects.create(patient=patient, received_on=date(2025, 1, 1),
                                       arrival="upload", kind="text", original_name="a.txt",
                                       sha256="0" * 64, size=1, status="ready")
    for day, value in ((date(2024, 1, 1), 1.0), (date(2024, 2, 1), 2.0)):
        _lab(patient, document, day, value, title="<script>x</script>")
    (series,) = charts.lab_series(patient.pk)
    svg = str(series.svg())
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_the_ccda_is_shown_as_readable_html_and_the_original_downloads(owner_client, patient,
                                                                       ccd):
    page = owner_client.get(reverse("vault:document", args=[patient.pk, ccd.pk]))
    text = page.content.decode()
    assert "<h2>ALLERGIES AND ADVERSE REACTIONS</h2>" in text
    assert "<table>" in text and "<th scope=\"col\">" in text
    original = owner_client.get(reverse("vault:document-file", args=[patient.pk, ccd.pk]))
    assert original["Content-Disposition"].startswith("attachment")
    assert b"".join(original.streaming_content) == CCD.read_bytes()
    assert AuditEntry.objects.filter(patient=patient, what="vault original file",
                                     action="download").exists()


def test_a_hostile_narrative_is_escaped(owner_client, patient):
    hostile = CCD.read_bytes().replace(
        b"<title>", b"<title>&lt;img src=x onerror=alert(1)&gt;", 2)
    owner_client.post(reverse("vault:upload", args=[patient.pk]), {
        "files": [SimpleUploadedFile("h.xml", hostile)]})
    doc = Document.objects.get(patient=patient, original_name="h.xml")
    text = owner_client.get(reverse("vault:document", args=[patient.pk, doc.pk])).content
    assert b"<img src=x" not in text and b"&lt;img src=x" in text


def test_a_pdf_opens_in_the_browser(owner_client, patient):
    from tests.security.test_every_view import _tiny_pdf
    owner_client.post(reverse("vault:upload", args=[patient.pk]), {
        "files": [SimpleUploadedFile("scan.pdf", _tiny_pdf())]})
    doc = Document.objects.get(patient=patient, original_name="scan.pdf")
    response = owner_client.get(reverse("vault:document-file", args=[patient.pk, doc.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]


def test_search_highlights_the_words_found(owner_client, patient, ccd):
    page = owner_client.get(reverse("vault:search", args=[patient.pk]), {"q": "penicillin"})
    text = page.content.decode()
    assert "<mark>" in text.lower() or "<mark>Penicillin" in text
    assert re.search(r"<mark>[^<]*[Pp]enicillin", text)
    empty = owner_client.get(reverse("vault:search", args=[patient.pk]), {"q": "<b>"})
    assert b"&lt;b&gt;" in empty.content and b"<b>" not in empty.content


def test_a_wrong_entry_becomes_an_amendment_request(owner_client, patient, ccd, provider):
    entry = Entry.objects.filter(patient=patient, category="allergies").first()
    url = reverse("vault:amend", args=[patient.pk, entry.pk])
    form = owner_client.get(url).content.decode()
    assert entry.title in form and "ccd.xml" in form or "Summary" in form
    assert f'<option value="{provider.pk}" selected>' in form
    response = owner_client.post(url, {"provider": provider.pk,
                                       "what": "The allergy list records penicillin.",
                                       "right": "I have never been allergic to penicillin."})
    req = RecordsRequest.objects.get(patient=patient, right="amendment")
    assert response["Location"] == req.get_absolute_url()
    assert req.amendment_what == "The allergy list records penicillin."
    assert req.amendment_why == "I have never been allergic to penicillin."
    assert req.provider == provider and not req.all_records
    detail = owner_client.get(req.get_absolute_url())
    assert detail.status_code == 200


def test_where_it_shows_patient_page_request_page_and_patient_list(owner_client, patient, ccd):
    detail = owner_client.get(reverse("patients:detail", args=[patient.pk])).content.decode()
    assert reverse("vault:timeline", args=[patient.pk]) in detail
    req = ccd.request
    request_page = owner_client.get(req.get_absolute_url()).content.decode()
    assert "Records that arrived" in request_page
    assert reverse("vault:request-records", args=[req.pk]) in request_page
    listing = owner_client.get(reverse("patients:list")).content.decode()
    assert "records arrived: check them" in listing
    records = owner_client.get(reverse("vault:request-records", args=[req.pk])).content.decode()
    assert "What is missing" in records and "ccd.xml" in records or "Summary" in records
    owner_client.post(reverse("requests:records-checked", args=[req.pk]))
    listing = owner_client.get(reverse("patients:list")).content.decode()
    assert "records arrived: check them" not in listing
