"""State calendars and state law in its scope (issue 15, items 1 and 5).

Business days are counted on the state's own legal holidays where its holiday statute is
encoded: Washington, RCW 1.16.050; Texas, Tex. Gov't Code 662.003-662.004. Elsewhere the
finding says the state's holidays were not checked. Delaware 10 Del. C. 3926, Nebraska
Neb. Rev. Stat. 71-8403, Washington RCW 70.02.080 and Colorado 6 CCR 1011-1 in their scope.
"""

import datetime as dt

import pytest
from rules_helpers import actions, codes, extension, only, run, step_for

from recordright.letters.registry import kind_for_step
from recordright.rules.calendar import add_business_days, is_business_day
from recordright.rules.states import state_rule

D = dt.date.fromisoformat


def _cal(code):
    return state_rule(code).overlay.holidays


# Each year's weekday legal holidays, read from the statute (not from the library).
WA_RCW_1_16_050 = {
    2024: ["2024-01-01", "2024-01-15", "2024-02-19", "2024-05-27", "2024-06-19", "2024-07-04",
           "2024-09-02", "2024-11-11", "2024-11-28", "2024-11-29", "2024-12-25"],
    # Saturday July 4 -> Friday July 3 (observed); Columbus Day (Oct 12) is not a holiday.
    2026: ["2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03",
           "2026-09-07", "2026-11-11", "2026-11-26", "2026-11-27", "2026-12-25"],
}
TX_GOVT_CODE_662_003 = {
    # (a) national holidays + (b)(6)-(8): Friday after Thanksgiving, Dec 24, Dec 26. Not:
    # Confederate Heroes Day (Fri Jan 19), Good Friday, Emancipation Day (Jun 19), LBJ Day
    # (Aug 27): staffed days under 662.004(a); nor Columbus Day.
    2024: ["2024-01-01", "2024-01-15", "2024-02-19", "2024-05-27", "2024-07-04", "2024-09-02",
           "2024-11-11", "2024-11-28", "2024-11-29", "2024-12-24", "2024-12-25", "2024-12-26"],
    # No weekend observance: Friday July 3, 2026 is a working day in Texas.
    2026: ["2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-09-07", "2026-11-11",
           "2026-11-26", "2026-11-27", "2026-12-24", "2026-12-25"],
}


@pytest.mark.parametrize(("state", "table"), [("WA", WA_RCW_1_16_050),
                                              ("TX", TX_GOVT_CODE_662_003)])
@pytest.mark.parametrize("year", [2024, 2026])
def test_state_calendar_matches_its_holiday_statute(state, table, year):
    """RCW 1.16.050 and Tex. Gov't Code 662.003: every weekday of the year is a business day
    exactly when it is not one of the statute's holidays."""
    cal = _cal(state)
    expected = {D(d) for d in table[year]}
    day, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    while day <= end:
        if day.weekday() < 5:
            assert is_business_day(day, cal) is (day not in expected), (state, day)
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(("state", "day", "state_open", "federal_open", "why"), [
    ("WA", "2024-10-14", True, False, "RCW 1.16.050: Columbus Day is not a legal holiday"),
    ("WA", "2024-11-29", False, True, "RCW 1.16.050(1)(j): Native American Heritage Day"),
    ("WA", "2021-06-18", True, False, "Juneteenth a legal holiday only from 2022 (2021 c 295)"),
    ("WA", "2013-11-29", False, True, "the day after Thanksgiving, a holiday before 2014 too"),
    ("TX", "2024-11-29", False, True, "662.003(b)(6): the Friday after Thanksgiving"),
    ("TX", "2024-12-24", False, True, "662.003(b)(7): December 24"),
    ("TX", "2025-12-26", False, True, "662.003(b)(8): December 26"),
    ("TX", "2024-06-19", True, False, "662.004(a): Emancipation Day is a staffed day"),
    ("TX", "2024-03-29", True, True, "662.003(c): Good Friday is only an optional holiday"),
    ("TX", "2021-07-05", True, False, "no weekend observance: July 4, 2021 was a Sunday"),
])
def test_state_holidays_differ_from_federal(state, day, state_open, federal_open, why):
    assert is_business_day(D(day), _cal(state)) is state_open, why
    assert is_business_day(D(day)) is federal_open, why


@pytest.mark.parametrize(("state", "received", "deadline", "federal_count"), [
    # RCW 70.02.080 on RCW 1.16.050: Columbus Day counts, so one day earlier than federal.
    ("WA", "2024-10-01", "2024-10-22", "2024-10-23"),
    # The day after Thanksgiving does not count in Washington.
    ("WA", "2024-11-20", "2024-12-13", "2024-12-12"),
    # 22 TAC 165.2 on Tex. Gov't Code 662.003: Dec 24 and 26 do not count.
    ("TX", "2024-12-16", "2025-01-10", "2025-01-08"),
    # Juneteenth is a Texas business day (Emancipation Day is staffed).
    ("TX", "2024-06-12", "2024-07-03", "2024-07-05"),
])
def test_state_deadline_counted_on_state_holidays(state, received, deadline, federal_count):
    r = run(state=state, received=received, today=received)
    assert r["deadline"] == deadline
    assert add_business_days(D(received), 15).isoformat() == federal_count
    f = only(r, "state_deadline_shorter")
    statute = {"WA": "RCW 1.16.050", "TX": "662.003"}[state]
    assert statute in f["citation"] and f["holidays_encoded"] is True
    assert f["citation"].index(statute) > 0  # cited beside the deadline rule, after it
    # ... and beside it again when the response is late under that date.
    late = run(state=state, received=received,
               today=(D(deadline) + dt.timedelta(days=3)).isoformat())
    assert statute in only(late, "late_response")["citation"]


@pytest.mark.parametrize(("state", "holder", "copy", "received"), [
    ("TN", "provider", "paper", "2025-12-19"),     # Tenn. Code 63-2-101: working days
    ("CA", "hospital", "inspection", "2024-11-25"),  # Cal. HSC 123110: working days
    ("NV", "provider", "inspection", "2024-05-20"),  # NRS 629.061: working days
])
def test_state_holidays_not_encoded_are_named_plainly(state, holder, copy, received):
    """Where the state's holiday statute is not encoded the finding says so; never silent."""
    r = run(state=state, holder=holder, copy=copy, received=received, today=received,
            in_writing=True)
    f = only(r, "state_deadline_shorter")
    assert f["holidays_encoded"] is False and f["holidays"] == "federal"
    assert "holidays has not been checked yet" in f["message"]


def test_wa_after_a_delay_notice_the_label_is_the_21_working_day_cap():
    """RCW 70.02.080: after a delay notice the deadline is the 21-working-day cap, labelled so
    (not "15 business days")."""
    r = run(state="WA", received="2025-07-01", today="2025-07-21",
            events=[extension("2025-07-20", "2025-09-01")])
    f = only(r, "state_deadline_shorter")
    assert r["deadline"] == "2025-07-31"
    assert "21-working-day cap after a delay notice" in f["message"]
    assert "(15 business days" not in f["message"] and "(15 working days" not in f["message"]
    within = run(state="WA", received="2025-07-01", today="2025-07-21",
                 events=[extension("2025-07-20", "2025-07-28")])
    assert within["deadline"] == "2025-07-28"
    assert "date in the delay notice, within the 21-working-day cap" in only(
        within, "state_deadline_shorter")["message"]


@pytest.mark.parametrize(("today", "state_breach", "route_due"), [
    ("2024-02-06", False, None),          # day 35: federally late; Delaware's 45 days not over
    ("2024-02-21", True, "2024-03-02"),   # day 50: Delaware breached; motion within 60 days
    ("2024-03-20", True, None),           # day 78: the time for the motion has run out
])
def test_de_3926_penalty_only_after_its_own_45_days(today, state_breach, route_due):
    """10 Del. C. 3926(a), (c): 45 days (longer than HIPAA's, so no state breach on day 35);
    the $25 per business day penalty is a motion in court within 60 days, not a board
    complaint."""
    r = run(state="DE", holder="hospital", received="2024-01-02", today=today)
    assert "late_response" in codes(r, "violation")
    assert ("state_deadline_missed" in codes(r)) is state_breach
    assert ("seek_court_remedy" in actions(r)) is state_breach
    assert "file_state_complaint" not in actions(r)  # not a board complaint
    if state_breach:
        assert only(r, "state_deadline_missed")["law"] == "state"
        s = step_for(r, "seek_court_remedy")
        assert kind_for_step(s) is None  # no complaint letter for a court motion
        assert "motion" in s["message"] and "not a complaint to a licensing board" in s["message"]
        assert s["due"] == route_due
    note = only(r, "state_law_applied")["message"]
    assert "motion in court" in note and "Board" not in note


def test_ne_deadlines_cite_71_8403_and_mental_health_rule_does_not_bind_hipaa():
    """Neb. Rev. Stat. 71-8403(2)-(3) set the deadlines (71-8404 is fees); Nebraska's
    allowance to withhold mental health records does not apply to a HIPAA covered entity."""
    r = run(state="NE", copy="inspection", in_writing=True, received="2024-05-01",
            today="2024-05-01")
    f = only(r, "state_deadline_shorter")
    assert "71-8403(3)" in f["citation"] and "71-8404" not in f["citation"]
    note = only(r, "state_law_applied")["message"]
    assert "does not apply to a HIPAA covered entity" in note and "164.524(a)(3)" in note
    denied = run(state="NE", received="2024-05-01", today="2024-05-20",
                 events=[{"on": "2024-05-10", "type": "denial", "in_writing": True,
                          "grounds": ["emotional_distress"],
                          "notice": {"basis": True, "complaint_process": True}}])
    assert "denial_not_permitted" in codes(denied, "violation")


def test_co_is_partly_verified_and_says_so():
    """6 CCR 1011-1 Ch. 2 Part 6 (2024) not verified: status C, only the verified parts."""
    r = run(state="CO", holder="hospital", received="2024-08-30", today="2024-08-30")
    f = only(r, "state_law_applied")
    assert f["state_status"] == "C" and "Only part of Colorado's law" in f["message"]
    assert "federal" in only(r, "state_expectation")["message"]
