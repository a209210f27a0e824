"""Complaints: 45 CFR 160.306(b)(3), 180 days from when the patient knew."""

import pytest
from rules_helpers import codes, denial, fee, only, provided, run, step_for


def test_160306b3_late_response_window_from_day_after_deadline():
    """Late response: the patient knew the day after the deadline (2024-02-02)."""
    r = run(received="2024-01-02", today="2024-03-01")
    assert step_for(r, "file_ocr_complaint")["due"] == "2024-07-31"  # 2024-02-02 + 180
    assert only(r, "complaint_deadline")["severity"] == "info"


def test_160306b3_denial_window_from_denial_date():
    r = run(received="2024-01-02", today="2024-01-20",
            events=[denial("2024-01-15", ["unpaid_bill"])])
    assert step_for(r, "file_ocr_complaint")["due"] == "2024-07-13"  # 2024-01-15 + 180


def test_160306b3_fee_window_from_quote_date():
    r = run(received="2024-01-02", today="2024-01-20",
            events=[fee("2024-01-10", 30, ["search_retrieval"])])
    assert step_for(r, "file_ocr_complaint")["due"] == "2024-07-08"


@pytest.mark.parametrize(("today", "severity", "open_", "waiver"), [
    ("2024-07-01", "info", True, False),      # 30 days left
    ("2024-07-02", "warning", True, False),   # 29 days left
    ("2024-07-31", "warning", True, False),   # last day
    # Passed, but the records are still withheld: a continuing omission is not "closed"
    # (45 CFR 160.306(b)(3), 160.406; issue 15.2 changed window_open from False): file now
    # and ask for a good-cause waiver.
    ("2024-08-01", "warning", True, True),
])
def test_160306b3_window_warning_and_waiver(today, severity, open_, waiver):
    r = run(received="2024-01-02", today=today)
    f = only(r, "complaint_deadline")
    assert f["severity"] == severity and f["window_open"] is open_
    assert f["good_cause_waiver"] is waiver and f["continuing"] is True
    if waiver:
        assert "good cause" in f["message"] and "closed" not in f["message"]


def test_no_complaint_without_violation():
    r = run(received="2024-01-02", events=[provided("2024-01-20")])
    assert "complaint_deadline" not in codes(r)
    assert r["next_steps"] == []


def test_state_route_named_in_data():
    """Tenn. Code 63-2-101(a)(2): non-compliance is reported to the licensing board."""
    r = run(state="TN", received="2024-01-02", today="2024-03-01")
    s = step_for(r, "file_state_complaint")
    assert "63-2-101" in s["citation"] and s["due"] is None
