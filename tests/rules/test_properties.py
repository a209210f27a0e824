"""Invariants, checked with hypothesis over generated cases."""

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recordright.rules import assess
from recordright.rules.findings import SEVERITIES
from recordright.rules.vocab import (
    CONDITIONS,
    DENIAL_GROUNDS,
    FEE_COMPONENTS,
    HOLDER_TYPES,
    RECORD_KINDS,
    USPS_CODES,
)

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
DAY = dt.timedelta(days=1)
receipts = st.dates(dt.date(2013, 9, 23), dt.date(2030, 12, 31))


def iso(d: dt.date) -> str:
    return d.isoformat()


@st.composite
def events(draw, received: dt.date):
    offset = st.integers(0, 120).map(lambda n: received + n * DAY)
    kind = draw(st.sampled_from(["extension_notice", "fee_quote", "denial", "records_provided",
                                 "condition_imposed", "amendment_accepted", "reminder_sent"]))
    on = draw(offset)
    e = {"on": iso(on), "type": kind}
    if kind == "extension_notice":
        e |= {"in_writing": draw(st.booleans()), "reasons_given": draw(st.booleans()),
              "new_date": draw(st.one_of(st.none(), offset.map(iso)))}
    elif kind == "fee_quote":
        e |= {"amount": draw(st.floats(0, 500, allow_nan=False)),
              "components": draw(st.lists(st.sampled_from(FEE_COMPONENTS), max_size=3)),
              "pages": draw(st.one_of(st.none(), st.integers(0, 2000))),
              "disclosed_in_advance": draw(st.booleans())}
    elif kind == "denial":
        e |= {"grounds": draw(st.lists(st.sampled_from(DENIAL_GROUNDS), max_size=3)),
              "in_writing": draw(st.booleans()), "scope": draw(st.sampled_from(["full",
                                                                                 "partial"])),
              "licensed_professional_determination": draw(st.booleans())}
        if draw(st.booleans()):
            e["records"] = draw(st.lists(st.sampled_from(RECORD_KINDS), min_size=1, max_size=3))
    elif kind == "records_provided":
        e |= {"complete": draw(st.booleans()),
              "form": draw(st.sampled_from(["electronic", "paper"])),
              "summary_only": draw(st.booleans())}
    elif kind == "condition_imposed":
        e |= {"what": draw(st.sampled_from(CONDITIONS))}
    elif kind == "reminder_sent":
        e |= {"in_writing": draw(st.booleans())}
    return e


@st.composite
def cases(draw, right=None, with_responses=True):
    received = draw(receipts)
    evs = draw(st.lists(events(received), max_size=5))
    if not with_responses:
        evs = [e for e in evs if e["type"] in ("extension_notice", "fee_quote",
                                               "condition_imposed")]
    case = {
        "format": "recordright-case/1",
        "right": right or draw(st.sampled_from(["access", "amendment", "accounting"])),
        "as_of": iso(received + draw(st.integers(0, 400)) * DAY),
        "holder": {"type": draw(st.sampled_from(HOLDER_TYPES))},
        "requester": draw(st.sampled_from(["individual", "personal_representative"])),
        "request": {
            "received_on": iso(received), "in_writing": draw(st.booleans()),
            "records": draw(st.lists(st.sampled_from(RECORD_KINDS), min_size=1, max_size=3)),
            "copy": draw(st.sampled_from(["electronic", "paper", "inspection"])),
            "maintained_electronically": draw(st.sampled_from([True, False, None])),
            "delivery": draw(st.sampled_from(["mail", "email", "portal", "unencrypted_email",
                                              "portable_media", "pickup"])),
            "send_to": draw(st.sampled_from(["self", "self", "third_party"])),
            "prior_accountings_last_12_months": draw(st.sampled_from([0, 1, None]))},
        "events": evs,
    }
    if draw(st.booleans()):
        case["state"] = draw(st.sampled_from(sorted(USPS_CODES)))
    return case


def limit_days(right: str) -> int:
    return 60 if right == "access" else 90


@SETTINGS
@given(cases())
def test_deadline_never_before_receipt_nor_past_the_extension_limit(case):
    """164.524(b)(2), 164.526(b)(2), 164.528(c)(1): receipt <= deadline <= day 60 / 90."""
    result = assess(case)
    if result["deadline"] is None:
        return
    received = dt.date.fromisoformat(case["request"]["received_on"])
    deadline = dt.date.fromisoformat(result["deadline"])
    assert received <= deadline <= received + limit_days(case["right"]) * DAY


@SETTINGS
@given(cases(), st.data())
def test_valid_response_before_deadline_is_never_late(case, data):
    """A complete grant or a written denial on or before the deadline is never late."""
    # Drop responses, and events after as_of: moving as_of forward below must not bring in
    # an extension notice the probe did not see.
    case["events"] = [e for e in case["events"]
                      if e["type"] not in ("records_provided", "denial", "amendment_accepted")
                      and e["on"] <= case["as_of"]]
    probe = assess(case)
    if probe["deadline"] is None:
        return
    received = dt.date.fromisoformat(case["request"]["received_on"])
    deadline = dt.date.fromisoformat(probe["deadline"])
    on = data.draw(st.dates(received, deadline))
    grant = {"access": "records_provided", "accounting": "records_provided",
             "amendment": "amendment_accepted"}[case["right"]]
    response = data.draw(st.sampled_from([
        {"on": iso(on), "type": grant},
        {"on": iso(on), "type": "denial", "grounds": ["other"], "in_writing": True}]))
    case["events"].append(response)
    case["as_of"] = iso(max(on, dt.date.fromisoformat(case["as_of"])))
    result = assess(case)
    assert "late_response" not in [f["code"] for f in result["findings"]]
    assert result["deadline"] == probe["deadline"]


@SETTINGS
@given(cases())
def test_results_are_json_and_every_finding_is_cited(case):
    result = assess(case, source="x.json")
    assert json.loads(json.dumps(result)) == result
    assert set(result) == {"source", "right", "status", "deadline", "findings", "next_steps"}
    assert result["status"] in ("pending", "extended", "overdue", "fulfilled",
                                "fulfilled_late", "partially_fulfilled", "denied")
    for f in result["findings"]:
        assert f["code"] and f["message"] and f["severity"] in SEVERITIES
        assert isinstance(f["citation"], str) and f["citation"].strip()
    for s in result["next_steps"]:
        assert s["action"] and s["message"] and "due" in s
    if any(f["severity"] == "violation" and f.get("law") == "federal"
           for f in result["findings"]):
        assert "file_ocr_complaint" in [s["action"] for s in result["next_steps"]]


@SETTINGS
@given(receipts, st.sampled_from(["access", "amendment", "accounting"]),
       st.lists(st.tuples(st.integers(0, 120), st.one_of(st.none(), st.integers(-30, 400)),
                          st.booleans(), st.booleans()), min_size=1, max_size=4),
       st.sampled_from([None, "TX", "WA", "CA", "DE", "TN"]))
def test_extensions_never_pass_day_60_or_90(received, right, notices, state):
    """164.524(b)(2)(ii): day 60; 164.526(b)(2)(ii) and 164.528(c)(1)(ii): day 90."""
    evs = [{"on": iso(received + on * DAY), "type": "extension_notice", "in_writing": w,
            "reasons_given": r, "new_date": None if new is None else iso(received + new * DAY)}
           for on, new, w, r in notices]
    case = {"format": "recordright-case/1", "right": right, "as_of": iso(received + 200 * DAY),
            "holder": {"type": "provider"}, "request": {"received_on": iso(received)},
            "events": evs}
    if state:
        case["state"] = state
    deadline = dt.date.fromisoformat(assess(case)["deadline"])
    assert received < deadline <= received + limit_days(right) * DAY


@SETTINGS
@given(cases())
def test_160306b3_a_refusal_still_going_on_is_never_closed(case):
    """45 CFR 160.306(b)(3), 160.406: while the records are still withheld after a federal
    deadline, the complaint window is continuing: open, never reported as closed."""
    result = assess(case)
    late = [f for f in result["findings"]
            if f["code"] == "late_response" and f.get("law") == "federal"]
    if result["status"] != "overdue" or not late:
        return
    window = next(f for f in result["findings"] if f["code"] == "complaint_deadline")
    assert window["window_open"] is True and window["continuing"] is True
    assert window["due"] >= result["deadline"]
