"""The request page and its event form: bad dates refused, evidence size-checked, audited."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from recordright.audit.models import AuditEntry
from recordright.requests.models import RequestEvent

pytestmark = pytest.mark.django_db


def _stored_files() -> set:
    root = Path(RequestEvent._meta.get_field("evidence").storage.location) / "evidence"
    return set(root.rglob("*.enc")) if root.exists() else set()


def _post(client, req, **data):
    return client.post(reverse("requests:event-add", args=[req.pk]), data)


def test_it_shows_the_clock_the_assumption_and_the_findings(owner_client, sent_request):
    req = sent_request(40)
    response = owner_client.get(req.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Overdue" in page and "45 CFR 164.524(b)(2)" in page
    assert "Assumed: mailed on" in page and "not a rule of law" in page
    assert AuditEntry.objects.filter(action="view", what="records request").exists()


def test_it_records_a_delivery_and_moves_the_clock(owner_client, sent_request, today):
    req = sent_request(10)
    response = _post(owner_client, req, type="delivered", on=today - timedelta(days=9),
                     channel="certified_mail", tracking_number="9407 1000 0000 0000 0000 00")
    assert response.status_code == 302
    page = owner_client.get(req.get_absolute_url()).content.decode()
    assert "delivery confirmation" in page and "9407 1000" in page


def test_it_refuses_a_future_sent_date_and_keeps_what_was_typed(owner_client, make_request,
                                                                  today):
    req = make_request()
    response = _post(owner_client, req, type="sent", on=today + timedelta(days=3),
                     text="Mailed from the post office on Elm St")
    assert response.status_code == 400
    page = response.content.decode()
    assert "This date is in the future" in page
    assert "Mailed from the post office on Elm St" in page
    assert not RequestEvent.objects.exists()


def test_it_refuses_a_received_date_before_the_sent_date(owner_client, sent_request, today):
    req = sent_request(5)
    response = _post(owner_client, req, type="delivered", on=today - timedelta(days=9))
    assert response.status_code == 400
    assert "before the request was sent" in response.content.decode()
    assert req.events.count() == 1


@override_settings(MAX_UPLOAD_BYTES=1024 * 1024)
def test_it_rejects_oversized_evidence_and_stores_nothing(owner_client, sent_request, today):
    before = _stored_files()
    req = sent_request(5)
    big = SimpleUploadedFile("photo.jpg", b"\0" * (2 * 1024 * 1024), content_type="image/jpeg")
    response = owner_client.post(reverse("requests:event-add", args=[req.pk]),
                                 {"type": "note", "on": today, "text": "photo of the letter",
                                  "evidence": big})
    assert response.status_code == 400
    assert "This file is too large" in response.content.decode()
    assert req.events.count() == 1
    assert _stored_files() == before


def test_it_rejects_a_50_mb_photo(owner_client, sent_request, today):
    before = _stored_files()
    req = sent_request(5)
    photo = SimpleUploadedFile("photo.jpg", b"\0" * (50 * 1024 * 1024), content_type="image/jpeg")
    response = owner_client.post(reverse("requests:event-add", args=[req.pk]),
                                 {"type": "note", "on": today, "evidence": photo})
    assert response.status_code == 413  # refused by its length, before it is read
    assert "The file is too large" in response.content.decode()
    assert _stored_files() == before
    assert req.events.count() == 1


def test_it_stores_evidence_encrypted_and_audits_its_download(owner_client, caregiver_client,
                                                               stranger_client, sent_request,
                                                               today):
    before = _stored_files()
    req = sent_request(5)
    scan = SimpleUploadedFile("denial.pdf", b"%PDF-1.4 synthetic denial letter")
    assert owner_client.post(reverse("requests:event-add", args=[req.pk]), {
        "type": "denial", "on": today, "denial_grounds": ["unpaid_bill"],
        "denial_in_writing": "yes", "evidence": scan}).status_code == 302
    event = req.events.get(type="denial")
    (new_file,) = _stored_files() - before
    stored = new_file.read_bytes()
    assert b"synthetic denial" not in stored
    url = reverse("requests:evidence", args=[req.pk, event.pk])
    assert stranger_client.get(url).status_code == 404
    response = caregiver_client.get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 synthetic denial letter"
    assert AuditEntry.objects.filter(action="download", what="request evidence").count() == 1
    page = owner_client.get(req.get_absolute_url()).content.decode()
    assert "Refused" in page and "denial.pdf" in page


def test_it_asks_for_the_fee_amount(owner_client, sent_request, today):
    response = _post(owner_client, sent_request(5), type="fee_quote", on=today)
    assert "Enter the amount" in response.content.decode()


def test_it_gives_a_stranger_404_and_lets_the_caregiver_record(caregiver_client,
                                                               stranger_client, sent_request,
                                                               today):
    req = sent_request(5)
    assert stranger_client.get(req.get_absolute_url()).status_code == 404
    assert _post(stranger_client, req, type="note", on=today).status_code == 404
    assert caregiver_client.get(req.get_absolute_url()).status_code == 200
    assert _post(caregiver_client, req, type="note", on=today, text="Called").status_code == 302
    checked = reverse("requests:records-checked", args=[req.pk])
    assert stranger_client.post(checked).status_code == 404
    assert caregiver_client.post(checked).status_code == 302
