"""Malformed input: CaseError names the field path; unknown fields and values are errors."""

import copy
import datetime as dt

import pytest
from rules_helpers import make_case

from recordright.rules import CaseError, assess, parse_case

BASE = make_case(received="2024-01-02", as_of="2024-01-10", events=[
    {"on": "2024-01-05", "type": "records_provided", "complete": True}])


def mutate(path_fn):
    case = copy.deepcopy(BASE)
    path_fn(case)
    return case


@pytest.mark.parametrize(("change", "field", "words"), [
    (lambda c: c.update(colour="red"), "colour", "unknown field"),
    (lambda c: c.pop("right"), "right", "missing required field"),
    (lambda c: c.update(right="deletion"), "right", "unknown right 'deletion'"),
    (lambda c: c.update(format="recordright-case/2"), "format", "unsupported format"),
    (lambda c: c.update(state="XX"), "state", "unknown state code"),
    (lambda c: c.update(as_of="2024-02-30"), "as_of", "not a valid date"),
    (lambda c: c.update(as_of="02/01/2024"), "as_of", "not a valid date"),
    (lambda c: c.update(as_of=20240101), "as_of", "must be a date"),
    (lambda c: c["holder"].update(type="dentist"), "holder.type", "unknown holder type"),
    (lambda c: c["holder"].pop("type"), "holder.type", "missing required field"),
    (lambda c: c["request"].pop("received_on"), "request.received_on", "missing"),
    (lambda c: c["request"].update(records=["medical", "xrays"]), "request.records[1]",
     "unknown record kind 'xrays'"),
    (lambda c: c["request"].update(copy="fax"), "request.copy", "unknown copy kind"),
    (lambda c: c["request"].update(in_writing="yes"), "request.in_writing", "true or false"),
    (lambda c: c["request"].update(prior_accountings_last_12_months=-1),
     "request.prior_accountings_last_12_months", "whole number"),
    (lambda c: c.update(requester="lawyer"), "requester", "unknown requester"),
    (lambda c: c.update(representative="guardian"), "representative", "only allowed"),
    (lambda c: c.update(events={}), "events", "must be a list"),
    (lambda c: c["events"].append({"on": "2024-01-06", "type": "party"}), "events[1].type",
     "unknown event type"),
    (lambda c: c["events"].append({"on": "2024-01-06", "type": "denial", "in_writing": True,
                                   "grounds": ["privacy_law", "foo"]}),
     "events[1].grounds[1]", "unknown denial ground 'foo'"),
    (lambda c: c["events"].append({"on": "2024-01-06", "type": "denial", "in_writing": True}),
     "events[1].grounds", "missing required field"),
    (lambda c: c["events"][0].update(colour="red"), "events[0].colour", "unknown field"),
    (lambda c: c["events"][0].update(on="yesterday"), "events[0].on", "not a valid date"),
    (lambda c: c["events"].append({"on": "2024-01-06", "type": "fee_quote", "amount": "12"}),
     "events[1].amount", "non-negative number"),
    (lambda c: c["events"].append({"on": "2024-01-06", "type": "fee_quote", "amount": 5,
                                   "components": ["tip"]}),
     "events[1].components[0]", "unknown fee component"),
    (lambda c: c["events"].append({"on": "2024-01-06", "type": "denial", "in_writing": True,
                                   "grounds": [], "notice": {"tone": True}}),
     "events[1].notice.tone", "unknown field"),
    (lambda c: c.update(as_of="2023-12-31"), "as_of", "before request.received_on"),
])
def test_malformed_case_names_the_field(change, field, words):
    with pytest.raises(CaseError) as info:
        assess(mutate(change))
    assert info.value.field == field
    assert words in str(info.value)
    assert str(info.value).startswith(field + ": ")


def test_not_an_object():
    with pytest.raises(CaseError) as info:
        parse_case([1, 2])
    assert info.value.field == "case"


def test_as_of_or_today_required():
    case = make_case(received="2024-01-02")
    with pytest.raises(CaseError) as info:
        assess(case)
    assert info.value.field == "as_of"
    assert assess(case, today=dt.date(2024, 1, 3))["status"] == "pending"


def test_source_is_echoed():
    assert assess(BASE, source="cases/a.json")["source"] == "cases/a.json"


@pytest.mark.parametrize(("change", "field", "words"), [
    (lambda c: c["events"].append({"on": "2024-01-03", "type": "fee_quote",
                                   "amount": float("nan")}), "events[1].amount", "non-negative"),
    (lambda c: c["events"].append({"on": "2024-01-03", "type": "fee_quote",
                                   "amount": float("inf")}), "events[1].amount", "non-negative"),
    (lambda c: c["events"].append({"on": "2024-01-03", "type": "fee_quote", "amount": 5,
                                   "per_page_rate": float("nan")}),
     "events[1].per_page_rate", "non-negative"),
    (lambda c: c["request"].update(records=[]), "request.records", "at least one"),
    (lambda c: c["events"].append({"on": "2023-12-20", "type": "denial", "grounds": ["policy"],
                                   "in_writing": True}), "events[1].on", "before request"),
    (lambda c: c["events"].append({"on": "2023-12-20", "type": "extension_notice",
                                   "in_writing": True, "reasons_given": True}),
     "events[1].on", "before request"),
    (lambda c: c["events"].__setitem__(0, {"on": "2024-01-01", "type": "records_provided"}),
     "events[0].on", "before request"),
])
def test_review_rejects_non_numbers_empty_records_and_responses_before_the_request(
        change, field, words):
    """NaN/Infinity (which json.loads accepts), an empty records list, and a holder's answer
    dated before the request are errors naming the field, not silently assessed."""
    with pytest.raises(CaseError) as err:
        parse_case(mutate(change))
    assert err.value.field == field and words in err.value.problem


@pytest.mark.parametrize("kind", ["fee_quote", "condition_imposed"])
def test_review_quote_or_condition_may_precede_the_request(kind):
    """A patient can be told the price or a condition before sending the request."""
    extra = {"amount": 5} if kind == "fee_quote" else {"what": "portal_only"}
    case = mutate(lambda c: c["events"].append({"on": "2023-12-20", "type": kind, **extra}))
    assert parse_case(case).events[1].type == kind
