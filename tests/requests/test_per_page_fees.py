"""Per-page fees for an electronic copy get caught: the wizard and the fee form ask how the
office keeps the records, and the answer reaches the engine (maintained_electronically)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from recordright.requests.assessment import build_case
from recordright.requests.models import RecordsRequest
from recordright.requests.timeline import add_event

pytestmark = pytest.mark.django_db

WIZARD = {"right": "access", "all_records": "True", "copy": "electronic",
          "electronic_format": "pdf", "delivery": "portal", "send_to": "self", "state": ""}
# $2 a page: $700 for 350 pages, for an electronic copy.
QUOTE = {"type": "fee_quote", "fee_amount": "700.00", "fee_components": ["per_page"],
         "fee_pages": "350", "fee_per_page_rate": "2.00", "fee_disclosed_in_advance": "yes"}
PER_PAGE_FINDING = "a per-page fee is not allowed for records kept electronically"


def _create(client, patient, provider, **answers) -> RecordsRequest:
    page = client.get(reverse("requests:new", args=[patient.pk])).content.decode()
    assert "Does the office keep the records electronically?" in page
    assert "Most offices keep records electronically today" in page
    response = client.post(reverse("requests:new", args=[patient.pk]),
                           {**WIZARD, "providers": [provider.pk], **answers})
    assert response.status_code == 302
    return RecordsRequest.objects.get()


def _sent_with_quote(client, owner, req, today, **answers) -> str:
    add_event(req, type="sent", on=today - timedelta(days=10), user=owner, channel="mail")
    response = client.post(reverse("requests:event-add", args=[req.pk]),
                           {**QUOTE, "on": today.isoformat(), **answers})
    assert response.status_code == 302, response.content.decode()[-2000:]
    return client.get(req.get_absolute_url()).content.decode()


def test_a_per_page_fee_for_records_kept_electronically_is_caught(
        owner_client, owner, patient, provider, today):
    req = _create(owner_client, patient, provider, kept_electronically="yes")
    assert req.kept_electronically == "yes"
    page = _sent_with_quote(owner_client, owner, req, today)
    assert build_case(req, req.events.all())["request"]["maintained_electronically"] is True
    assert PER_PAGE_FINDING in page and "$700.00" in page
    fee_letter = reverse("requests:letter", args=[req.pk, "fee_dispute"])
    assert fee_letter in page
    assert owner_client.get(fee_letter).status_code == 200


def test_i_dont_know_flags_nothing_and_says_what_would_decide_it(
        owner_client, owner, patient, provider, today):
    req = _create(owner_client, patient, provider)  # not answered: "I don't know"
    assert req.kept_electronically == "unknown"
    page = _sent_with_quote(owner_client, owner, req, today)
    assert build_case(req, req.events.all())["request"]["maintained_electronically"] is None
    assert PER_PAGE_FINDING not in page
    assert reverse("requests:letter", args=[req.pk, "fee_dispute"]) not in page
    assert "Is this per-page fee allowed? One answer decides it" in page
    assert "does not flag it" in page
    # Answered later, on the request page: the engine now catches it.
    response = owner_client.post(reverse("requests:kept-electronically", args=[req.pk]),
                                 {"kept_electronically": "yes"})
    assert response.status_code == 302
    page = owner_client.get(req.get_absolute_url()).content.decode()
    assert PER_PAGE_FINDING in page and "One answer decides it" not in page


def test_the_fee_form_asks_again_and_its_answer_is_kept(owner_client, owner, patient, provider,
                                                        today):
    req = _create(owner_client, patient, provider, kept_electronically="unknown")
    page = owner_client.get(req.get_absolute_url()).content.decode()
    assert "fee_kept_electronically" in page
    page = _sent_with_quote(owner_client, owner, req, today, fee_kept_electronically="yes")
    req.refresh_from_db()
    assert req.kept_electronically == "yes"
    assert PER_PAGE_FINDING in page


def test_records_kept_on_paper_may_be_charged_by_the_page(owner_client, owner, patient,
                                                         provider, today):
    req = _create(owner_client, patient, provider, kept_electronically="no")
    page = _sent_with_quote(owner_client, owner, req, today)
    assert PER_PAGE_FINDING not in page and "One answer decides it" not in page
    assert "Records kept electronically" in page and "No, on paper" in page


def test_a_stranger_cannot_and_a_bad_answer_changes_nothing(caregiver_client, stranger_client,
                                                            make_request):
    req = make_request()
    url = reverse("requests:kept-electronically", args=[req.pk])
    assert stranger_client.post(url, {"kept_electronically": "yes"}).status_code == 404
    response = caregiver_client.post(url, {"kept_electronically": "sometimes"})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.kept_electronically == "unknown"
