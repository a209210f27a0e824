"""Event types as a registry: each type's fields, checks and engine facts in one module."""

from __future__ import annotations

from datetime import timedelta

import pytest

from recordright.requests import choices
from recordright.requests.event_forms import EventForm
from recordright.requests.event_kinds.registry import all_kinds, get_kind
from recordright.rules import parse_case
from recordright.rules.vocab import EVENT_FIELDS

pytestmark = pytest.mark.django_db

# The smallest valid answers for each type's fields.
ANSWERS = {
    "extension_notice": {"ext_in_writing": "yes", "ext_reasons_given": "no"},
    "fee_quote": {"fee_amount": "85.00", "fee_components": ["search_retrieval"],
                  "fee_pages": "120", "fee_per_page_rate": "0.50"},
    "denial": {"denial_grounds": ["unpaid_bill"], "denial_in_writing": "yes",
               "denial_notice": ["basis"]},
    "records_provided": {"records_complete": "no", "records_form": "paper"},
    "condition_imposed": {"condition_what": "buy_media"},
    "amendment_accepted": {},
}


def test_the_registry_has_a_kind_for_every_event_type_the_engine_reads():
    types = {kind.type for kind in all_kinds()}
    assert types == set(choices.ENGINE_EVENT_TYPES) == set(ANSWERS)
    # The engine's "reminder_sent" (the patient's own follow-up) is not recorded by the app
    # yet: the event form has no such type.
    assert types <= set(EVENT_FIELDS)
    assert get_kind("note") is None


def test_no_two_kinds_share_a_field_name():
    names = [name for kind in all_kinds() for name in kind.fields]
    assert len(names) == len(set(names))
    assert not set(names) & set(EventForm.base_fields)


@pytest.mark.parametrize("event_type", sorted(ANSWERS))
def test_each_kind_gives_facts_the_engine_accepts(event_type, sent_request, today):
    req = sent_request(20)
    form = EventForm({"type": event_type, "on": today, **ANSWERS[event_type]},
                     records_request=req)
    assert form.is_valid(), form.errors
    facts = form.facts()
    allowed = EVENT_FIELDS[event_type]
    assert set(facts) <= {*allowed["required"], *allowed["optional"]}
    received = (today - timedelta(days=20)).isoformat()
    case = {"format": "recordright-case/1", "right": "access",
            "holder": {"type": "provider", "name": "Clinic"}, "requester": "individual",
            "request": {"received_on": received, "in_writing": True, "records": ["medical"],
                        "copy": "electronic", "delivery": "email", "send_to": "self"},
            "events": [{"on": today.isoformat(), "type": event_type,
                        **{k: v for k, v in facts.items() if v is not None}}]}
    parse_case(case)


def test_a_kinds_check_marks_its_own_field(sent_request, today):
    form = EventForm({"type": "fee_quote", "on": today}, records_request=sent_request(5))
    assert not form.is_valid() and "fee_amount" in form.errors
    section = next(s for s in form.sections() if s["legend"] == get_kind("fee_quote").legend)
    assert section["open"]
