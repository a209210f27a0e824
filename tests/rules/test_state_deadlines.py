"""State deadline overlays (45 CFR 160.203: the more protective state law applies) and the
business-day calendar (weekends and US federal holidays, observed dates included)."""

import datetime as dt

import pytest
from rules_helpers import codes, extension, only, provided, run

from recordright.rules.calendar import add_business_days, is_business_day


@pytest.mark.parametrize(("state", "holder", "copy", "received", "deadline", "basis"), [
    # TX 22 TAC 165.2: 15 business days; Friday before Thanksgiving 2024. Texas's own
    # holidays (Tex. Gov't Code 662.003(b)(6)) skip the day after Thanksgiving: Dec 17, not
    # Dec 16 on the federal calendar (issue 15.1).
    ("TX", "provider", "paper", "2024-11-22", "2024-12-17", "business"),
    # WA RCW 70.02.080: 15 working days across July 4th 2025 (a Friday).
    ("WA", "hospital", "electronic", "2025-07-01", "2025-07-23", "business"),
    # WA across July 3rd 2026, the observed day for Saturday July 4th.
    ("WA", "provider", "paper", "2026-07-01", "2026-07-23", "business"),
    # TN 63-2-101: providers 10 working days, across Christmas and New Year.
    ("TN", "provider", "paper", "2025-12-19", "2026-01-06", "business"),
    # CA HSC 123110: copies within 15 days; inspection within 5 working days.
    ("CA", "provider", "paper", "2024-03-01", "2024-03-16", "calendar"),
    ("CA", "hospital", "inspection", "2024-11-25", "2024-12-03", "business"),
    # NE 71-8404: examination within 10 days.
    ("NE", "provider", "inspection", "2024-05-01", "2024-05-11", "calendar"),
    # NV 629.061: inspection within 10 working days (Memorial Day 2024).
    ("NV", "provider", "inspection", "2024-05-20", "2024-06-04", "business"),
])
def test_state_deadline_shorter_governs(state, holder, copy, received, deadline, basis):
    """State deadline shorter than 164.524(b)(2): the state's governs."""
    r = run(state=state, holder=holder, copy=copy, received=received, today=received,
            in_writing=True)
    assert r["deadline"] == deadline
    f = only(r, "state_deadline_shorter")
    assert f["deadline_basis"] == basis and f["state"] == state


def test_tx_late_under_state_but_not_federal():
    """22 TAC 165.2: day 20 is late in Texas though within HIPAA's 30 days."""
    r = run(state="TX", received="2024-11-22", events=[provided("2024-12-20")])
    f = only(r, "late_response")
    assert f["law"] == "state" and "165.2" in f["citation"]
    assert r["status"] == "fulfilled_late"
    # A state-only violation opens no OCR window, but the state route is offered.
    assert "complaint_deadline" not in codes(r)
    assert any(s["action"] == "file_state_complaint" for s in r["next_steps"])


def test_tn_provider_vs_hospital():
    """Tenn. Code 63-2-101 (providers, 10 working days) vs 68-11-304 (hospitals, 30 days)."""
    prov = run(state="TN", holder="provider", received="2024-03-01", today="2024-03-01")
    hosp = run(state="TN", holder="hospital", received="2024-03-01", today="2024-03-01")
    assert prov["deadline"] == "2024-03-15"
    assert hosp["deadline"] == "2024-03-31"
    assert "state_deadline_shorter" not in codes(hosp)


def test_written_request_requirement():
    """CA HSC 123110 counts from a written request; an oral request gets the federal clock."""
    r = run(state="CA", copy="paper", in_writing=False, received="2024-03-01",
            today="2024-03-01")
    assert r["deadline"] == "2024-03-31"


@pytest.mark.parametrize(("notice", "deadline"), [
    (None, "2025-07-23"),
    ("2025-07-20", "2025-07-31"),  # WA: up to 21 working days with a delay notice
])
def test_wa_delay_notice_up_to_21_working_days(notice, deadline):
    """RCW 70.02.080: a delay notice extends to at most 21 working days."""
    events = [extension(notice, "2025-09-01")] if notice else []
    r = run(state="WA", received="2025-07-01", today="2025-07-21", events=events)
    assert r["deadline"] == deadline


@pytest.mark.parametrize("state", ["DE", "SC"])
def test_longer_state_deadline_never_extends_federal(state):
    """DE 10 Del. C. 3926 and SC 44-7-325 allow 45 days; HIPAA's 30 still governs."""
    r = run(state=state, holder="hospital", received="2024-01-02", today="2024-01-02")
    assert r["deadline"] == "2024-02-01"
    assert only(r, "state_deadline_longer")["severity"] == "info"


@pytest.mark.parametrize("state", ["AL", "GA", "NY"])
def test_b_states_federal_30_days(state):
    """Status B: fee rule only; no day count, the federal 30 days applies."""
    r = run(state=state, received="2024-01-02", today="2024-01-02")
    assert r["deadline"] == "2024-02-01"
    assert "state_deadline_not_set" in codes(r)
    assert "state_law_not_encoded" not in codes(r)


@pytest.mark.parametrize("state", ["ID", "IN", "KS", "IA", "ND", "PR", "GU"])
def test_c_u_and_unlisted_states_not_encoded(state):
    """C, U and unlisted codes: say the state's law is not encoded, apply the federal rule."""
    r = run(state=state, received="2024-01-02", today="2024-01-02")
    f = only(r, "state_law_not_encoded")
    assert f["severity"] == "info" and "federal rule is applied" in f["message"]
    assert r["deadline"] == "2024-02-01"


def test_co_facility_figure_is_an_expectation_not_a_deadline():
    """6 CCR 1011-1 Ch. 2 Part 6 (2024): records "normally" within 10 business days, text not
    verified (status C). Issue 15.5: shown as the state's expectation, never a violation; the
    federal deadline governs (the old answer, deadline 2024-09-16 and late on day 11, was
    wrong)."""
    r = run(state="CO", holder="hospital", copy="paper", received="2024-08-30",
            today="2024-09-20")
    assert r["deadline"] == "2024-09-29" and r["status"] == "pending"
    f = only(r, "state_expectation")
    assert f["expected_by"] == "2024-09-16" and f["binding"] is False  # Labor Day skipped
    assert "not a deadline" in f["message"]
    assert "late_response" not in codes(r) and "state_deadline_shorter" not in codes(r)


def test_co_provider_office_follows_hipaa():
    """C.R.S. 25-1-801 is a facility law: a physician's office keeps 30 days."""
    r = run(state="CO", holder="provider", received="2024-01-02", today="2024-01-02")
    assert r["deadline"] == "2024-02-01"


def test_business_day_calendar():
    """Business days: Mon-Fri except federal holidays; receipt day not counted."""
    assert not is_business_day(dt.date(2024, 11, 28))  # Thanksgiving
    assert is_business_day(dt.date(2024, 11, 29))  # day after: not a federal holiday
    assert not is_business_day(dt.date(2026, 7, 3))  # observed Independence Day
    assert add_business_days(dt.date(2024, 11, 23), 1) == dt.date(2024, 11, 25)  # Saturday


def test_federal_extension_does_not_move_a_state_deadline_without_one():
    """22 TAC 165.2 has no extension: the Texas date stands; status is not 'extended'.
    (Dec 17, counted on Texas's holidays, Tex. Gov't Code 662.003; Dec 16 before issue 15.1.)"""
    r = run(state="TX", received="2024-11-22", today="2024-12-02",
            events=[extension("2024-11-29", "2025-01-15")])
    assert r["deadline"] == "2024-12-17" and r["status"] == "pending"
    assert "has no extension" in only(r, "state_deadline_shorter")["message"]
