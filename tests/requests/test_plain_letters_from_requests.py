"""Letters made from a real request read as written to the office (issue 14.1).

Through the app: a request to a New York provider (the state overlay adds its own findings),
denied for "privacy law" and for an unpaid bill, with a per-page fee quoted. The denial reply,
the OCR complaint, the fee dispute and the late notice are downloaded as PDFs; none holds the
engine's notes ("checked", "days left", "(holder: ...)", codes), and each names the reasons
in words.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from recordright.requests.timeline import add_event
from tests.letters.conftest import save_pngs
from tests.letters.test_plain_letters import internal_words
from tests.requests.test_letters import _pdf, _pdf_text

pytestmark = pytest.mark.django_db


def _text(client, req, kind) -> str:
    data = _pdf(client, req, kind)
    save_pngs(f"from-request-{kind}", data)  # to look at: $LETTERS_PNG_DIR
    return " ".join(_pdf_text(data).split())


@pytest.fixture
def denied(owner, provider, sent_request, today):
    provider.state = "NY"
    provider.save()
    req = sent_request(40, state="NY")
    add_event(req, type="denial", on=today - timedelta(days=3), user=owner,
              facts={"grounds": ["privacy_law", "unpaid_bill"], "scope": "full",
                     "in_writing": True, "notice": {"basis": True}})
    add_event(req, type="fee_quote", on=today - timedelta(days=5), user=owner,
              facts={"amount": 140.0, "components": ["search_retrieval", "per_page"],
                     "pages": 350, "disclosed_in_advance": False})
    return req


@pytest.mark.parametrize("kind", ["denial_reply", "ocr_complaint", "fee_dispute"])
def test_letters_from_a_denied_request_hold_no_internal_words(owner_client, denied, kind):
    text = _text(owner_client, denied, kind)
    assert not internal_words(text), internal_words(text)
    assert "Sam Synthetic" in text


def test_the_denial_reply_names_the_reasons_and_why_they_fail(owner_client, denied):
    text = _text(owner_client, denied, "denial_reply")
    assert ("giving as the reason that privacy law prevents it and that a bill is unpaid."
            in text)
    assert "Privacy law does not stop an office" in text
    assert "An unpaid bill is not among the grounds" in text
    assert "Those reasons are not permitted." in text
    assert "The written denial does not state" in text


def test_the_ocr_complaint_tells_what_the_entity_did(owner_client, denied):
    text = _text(owner_client, denied, "ocr_complaint")
    assert ("it denied the request, giving as the reason that privacy law prevents it and "
            "that a bill is unpaid") in text
    assert "The entity did not make the fee known in advance." in text


def test_the_fee_dispute_names_the_parts_of_the_fee(owner_client, denied):
    text = _text(owner_client, denied, "fee_dispute")
    assert "Searching for and retrieving the records" in text
    assert "The fee was not made known to me in advance" in text


def test_every_event_has_a_name_for_letters():
    from recordright.requests.choices import EventType
    from recordright.requests.letters import LETTER_EVENT_LABELS
    assert set(LETTER_EVENT_LABELS) == set(EventType.values)


def test_the_complaints_timeline_speaks_of_the_office(owner_client, denied):
    text = _text(owner_client, denied, "ocr_complaint")
    assert "The office refused all or part of the request" in text
    assert "They refused" not in text and "They asked" not in text
