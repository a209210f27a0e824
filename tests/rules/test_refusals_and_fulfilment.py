"""A refusal still going on, denials mixing a permitted and an unlawful ground, and what
"fulfilled" means (issue 15, items 2-4).

45 CFR 160.306(b)(3) and 160.406: a failure to give access that continues is a continuing
omission. 45 CFR 164.524(a)(1)(i), (a)(2)(i), (a)(2)-(3), (d)(1): each denial ground is judged
against the records it covers. 164.524(c)(2)(ii), (c)(2)(iii), (d)(1): a response that leaves
a form, summary or completeness violation standing is not `fulfilled`.
"""

import datetime as dt

import pytest
from rules_helpers import codes, denial, make_case, only, provided, run, step_for

from recordright.rules import CaseError, assess


def reminder(on):
    return {"on": on, "type": "reminder_sent", "in_writing": True}


# received 2024-01-02: federal deadline 2024-02-01, the omission known from 2024-02-02.
@pytest.mark.parametrize(("events", "today", "window_from", "due", "waiver"), [
    # 160.306(b)(3): months after the deadline, nothing since: file now, ask for a waiver.
    ([], "2024-09-01", "2024-02-02", "2024-09-01", True),
    # An unanswered reminder renews the refusal: 180 days from it.
    ([reminder("2024-06-01")], "2024-09-01", "2024-06-01", "2024-11-28", False),
    # An oral refusal (no written denial: not a completed act) renews it too.
    ([denial("2024-05-01", ["policy"], in_writing=False)], "2024-09-01", "2024-05-01",
     "2024-10-28", False),
    # A partial delivery leaves the rest withheld: from that delivery.
    ([provided("2024-04-10", complete=False)], "2024-09-01", "2024-04-10", "2024-10-07",
     False),
    # The latest of several.
    ([reminder("2024-03-01"), denial("2024-04-01", ["policy"], in_writing=False),
      reminder("2024-07-15")], "2025-03-01", "2024-07-15", "2025-03-01", True),
])
def test_160306b3_continuing_refusal_is_never_closed(events, today, window_from, due, waiver):
    r = run(received="2024-01-02", today=today, events=events)
    f = only(r, "complaint_deadline")
    assert f["continuing"] is True and f["window_open"] is True
    assert (f["window_from"], f["due"], f["good_cause_waiver"]) == (window_from, due, waiver)
    assert f["knew_on"] == "2024-02-02"
    assert "closed" not in f["message"] and "still being withheld" in f["message"]
    assert ("good cause" in f["message"]) is waiver
    assert "160.406" in f["citation"]
    assert step_for(r, "file_ocr_complaint")["due"] == due


@pytest.mark.parametrize(("events", "today", "due"), [
    # Completed acts: records given late (window from the day after the deadline) and a
    # written denial on an unlawful ground (from its date). These windows can close.
    ([provided("2024-03-01")], "2024-12-01", "2024-07-31"),
    ([denial("2024-01-20", ["policy"])], "2024-09-01", "2024-07-18"),
])
def test_160306b3_completed_act_window_can_close(events, today, due):
    r = run(received="2024-01-02", today=today, events=events)
    f = only(r, "complaint_deadline")
    assert f["window_open"] is False and f["due"] == due
    assert "continuing" not in f and "closed" in f["message"]


def test_reminder_cannot_precede_the_request():
    case = make_case(received="2024-01-02", events=[reminder("2024-01-01")])
    with pytest.raises(CaseError) as err:
        assess(case, today=dt.date(2024, 3, 1))
    assert err.value.field == "events[0].on"


MIXED = ["medical", "psychotherapy_notes"]


@pytest.mark.parametrize(("records", "denied", "grounds", "expected"), [
    # 164.524(a)(2)(i): the notes may be withheld; (a)(2)-(3): an unpaid bill is no ground
    # for the medical record. Both findings, whatever the scope.
    (MIXED, None, ["psychotherapy_notes", "unpaid_bill"],
     {("denial_unreviewable", "psychotherapy_notes"), ("denial_not_permitted", "unpaid_bill")}),
    # Only the notes ground, but the medical record refused too: (d)(1), give the rest.
    (MIXED, None, ["psychotherapy_notes"],
     {("denial_unreviewable", "psychotherapy_notes"),
      ("denial_not_permitted", "psychotherapy_notes")}),
    # The denial names the notes only: a partial denial, and the ground is allowed.
    (MIXED, ["psychotherapy_notes"], ["psychotherapy_notes"],
     {("denial_unreviewable", "psychotherapy_notes")}),
    # (a)(1)(ii) litigation materials judged the same way.
    (["billing", "litigation_materials"], None, ["litigation_materials", "policy"],
     {("denial_unreviewable", "litigation_materials"), ("denial_not_permitted", "policy")}),
    # Notes not even asked for: the exception covers nothing requested.
    (["medical"], None, ["psychotherapy_notes"],
     {("denial_not_permitted", "psychotherapy_notes")}),
])
def test_a2_each_ground_judged_against_the_records_it_covers(records, denied, grounds,
                                                              expected):
    extra = {"records": denied} if denied else {}
    r = run(received="2024-01-02", today="2024-01-20", records=records,
            events=[denial("2024-01-10", grounds, **extra)])
    got = {(f["code"], f["ground"]) for f in r["findings"]
           if f["code"] in ("denial_unreviewable", "denial_not_permitted")}
    assert got == expected


def test_d1_denial_naming_only_the_notes_leaves_the_rest_due():
    """164.524(d)(1): a denial covering only the notes is partial; the medical record is
    still owed, and a continuing omission once the deadline passes."""
    r = run(received="2024-01-02", today="2024-03-10", records=MIXED,
            events=[denial("2024-01-10", ["psychotherapy_notes"],
                           records=["psychotherapy_notes"])])
    assert only(r, "incomplete_response")["severity"] == "violation"
    assert only(r, "complaint_deadline")["continuing"] is True


def test_denial_records_must_be_known_kinds():
    case = make_case(received="2024-01-02", events=[
        denial("2024-01-10", ["psychotherapy_notes"], records=["dental"])])
    with pytest.raises(CaseError) as err:
        assess(case, today=dt.date(2024, 3, 1))
    assert err.value.field == "events[0].records[0]"


@pytest.mark.parametrize(("kept", "deliveries", "status"), [
    # 164.524(c)(2)(ii): paper for an electronic copy of electronically kept records.
    (True, [provided("2024-01-10", form="paper")], "partially_fulfilled"),
    (True, [provided("2024-01-10", form="electronic")], "fulfilled"),
    # Cured by a later complete electronic copy (late: after day 30).
    (True, [provided("2024-01-10", form="paper"), provided("2024-02-20", form="electronic")],
     "fulfilled_late"),
    (True, [provided("2024-01-10", form="paper"), provided("2024-01-25", form="electronic")],
     "fulfilled"),
    # Not kept electronically, or unknown: a readable paper copy is no violation standing.
    (False, [provided("2024-01-10", form="paper")], "fulfilled"),
    (None, [provided("2024-01-10", form="paper")], "fulfilled"),
])
def test_c2ii_fulfilled_only_when_the_law_is_met(kept, deliveries, status):
    r = run(received="2024-01-02", today="2024-03-10", copy="electronic",
            maintained_electronically=kept, events=deliveries)
    assert r["status"] == status
    if status == "partially_fulfilled":
        assert "format_not_honored" in codes(r, "violation")


@pytest.mark.parametrize(("events", "status"), [
    # 164.524(c)(2)(iii): a summary nobody agreed to, then nothing: not fulfilled.
    ([provided("2024-01-10", summary_only=True)], "overdue"),
    # (d)(1): part given, the rest neither given nor denied.
    ([provided("2024-01-10", complete=False)], "partially_fulfilled"),
])
def test_summary_or_incomplete_response_is_never_fulfilled(events, status):
    r = run(received="2024-01-02", today="2024-03-10", events=events)
    assert r["status"] == status
