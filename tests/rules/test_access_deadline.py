"""45 CFR 164.524(b)(2): 30 calendar days, one extension of at most 30 days with a written
notice within the first 30 days; late = no access and no written denial by the deadline."""

import pytest
from rules_helpers import actions, codes, denial, extension, only, provided, run


@pytest.mark.parametrize(("received", "responded", "late"), [
    ("2024-01-02", "2024-02-01", False),  # day 30: on time
    ("2024-01-02", "2024-02-02", True),   # day 31: late
    ("2024-01-02", "2024-01-02", False),  # same day
])
def test_b2i_day_30_on_time_day_31_late(received, responded, late):
    """164.524(b)(2)(i): day 30 after receipt is the last day."""
    r = run(received=received, events=[provided(responded)])
    assert ("late_response" in codes(r)) is late
    assert r["status"] == ("fulfilled_late" if late else "fulfilled")
    assert r["deadline"] == "2024-02-01"


@pytest.mark.parametrize(("received", "deadline", "extended"), [
    ("2024-01-31", "2024-03-01", "2024-03-31"),  # leap year: Feb 29 counted
    ("2023-01-31", "2023-03-02", "2023-04-01"),  # common year
    ("2028-02-01", "2028-03-02", "2028-04-01"),  # leap year, February receipt
    ("2027-02-01", "2027-03-03", "2027-04-02"),
    ("2024-12-15", "2025-01-14", "2025-02-13"),  # across a year end
])
def test_b2_leap_years(received, deadline, extended):
    """164.524(b)(2)(i)-(ii): calendar days across February in leap and common years."""
    assert run(received=received, today=received)["deadline"] == deadline
    r = run(received=received, today=received,
            events=[extension(received, "2099-01-01")])
    assert r["deadline"] == extended
    assert r["status"] == "extended"


@pytest.mark.parametrize(("notice_on", "valid"), [
    ("2024-02-01", True),   # day 30: within the initial 30 days
    ("2024-02-02", False),  # day 31: too late to extend
])
def test_b2iiA_extension_notice_day_30_vs_31(notice_on, valid):
    """164.524(b)(2)(ii)(A): the notice must come within the initial 30 days."""
    r = run(received="2024-01-02", today="2024-02-10",
            events=[extension(notice_on, "2024-02-20")])
    assert r["deadline"] == ("2024-02-20" if valid else "2024-02-01")
    assert ("invalid_extension" in codes(r)) is (not valid)
    assert r["status"] == ("extended" if valid else "overdue")


@pytest.mark.parametrize("bad", [
    {"in_writing": False}, {"reasons_given": False}, {"new_date": None}])
def test_b2iiA_extension_needs_writing_reasons_and_date(bad):
    """164.524(b)(2)(ii)(A): a written statement of the reasons and the date."""
    notice = extension("2024-01-10", "2024-02-20")
    notice.update(bad)
    r = run(received="2024-01-02", today="2024-02-05", events=[notice])
    assert r["deadline"] == "2024-02-01"
    assert "invalid_extension" in codes(r)
    assert "late_response" in codes(r, "violation")


def test_b2iiB_second_extension_invalid():
    """164.524(b)(2)(ii)(B): only one extension per request."""
    r = run(received="2024-01-02", today="2024-02-25", events=[
        extension("2024-01-20", "2024-02-15"), extension("2024-02-10", "2024-03-01")])
    assert r["deadline"] == "2024-02-15"
    assert "second extension" in only(r, "invalid_extension")["message"]
    assert r["status"] == "overdue"


def test_b2ii_extension_capped_at_day_60():
    """164.524(b)(2)(ii): no more than 30 more days; a later stated date is capped. The
    extension itself is valid (issue 15.7): `extension_capped`, not `invalid_extension`."""
    r = run(received="2024-01-02", today="2024-01-20",
            events=[extension("2024-01-20", "2024-04-30")])
    assert r["deadline"] == "2024-03-02"
    f = only(r, "extension_capped")
    assert "at most 30 days" in f["message"] and f["severity"] == "info"
    assert "invalid_extension" not in codes(r) and r["status"] == "extended"


def test_b2ii_extension_date_before_day_30_does_not_shorten():
    """164.524(b)(2)(ii): an extension cannot make the deadline earlier than day 30."""
    r = run(received="2024-01-02", today="2024-01-05",
            events=[extension("2024-01-03", "2024-01-10")])
    assert r["deadline"] == "2024-02-01"


@pytest.mark.parametrize(("today", "status", "step"), [
    ("2024-01-15", "pending", "wait"),
    ("2024-02-01", "pending", "wait"),
    ("2024-02-02", "overdue", "send_reminder"),
])
def test_b2i_status_before_and_after_deadline(today, status, step):
    """164.524(b)(2)(i): pending until day 30, overdue from day 31."""
    r = run(received="2024-01-02", today=today)
    assert r["status"] == status
    assert step in actions(r)
    assert ("late_response" in codes(r)) is (status == "overdue")


def test_b2_late_cure_still_violation():
    """164.524(b)(2): records sent after the deadline: still late_response."""
    r = run(received="2024-01-02", events=[provided("2024-03-15")])
    assert r["status"] == "fulfilled_late"
    f = only(r, "late_response")
    assert f["severity"] == "violation" and f["citation"] == "45 CFR 164.524(b)(2)(i)"
    assert "file_ocr_complaint" in actions(r)


def test_b2iB_oral_denial_is_not_a_response():
    """164.524(b)(2)(i)(B), (d)(2): an oral denial does not stop the clock."""
    r = run(received="2024-01-02", today="2024-03-01",
            events=[denial("2024-01-10", ["privacy_law"], in_writing=False)])
    assert "late_response" in codes(r)
    assert "oral denial" in only(r, "late_response")["message"]
    assert r["status"] == "overdue"


def test_b2iB_written_denial_on_time_not_late():
    """164.524(b)(2)(i)(B): a written denial is a timely action."""
    r = run(received="2024-01-02", events=[denial("2024-01-20", ["psychotherapy_notes"],
                                                  scope="full")],
            records=["psychotherapy_notes"])
    assert "late_response" not in codes(r)
    assert r["status"] == "denied"


@pytest.mark.parametrize(("today", "severity"), [("2024-01-20", "warning"),
                                                 ("2024-02-05", "violation")])
def test_b2_d1_partial_response(today, severity):
    """164.524(b)(2), (d)(1): part provided, the rest neither provided nor denied."""
    r = run(received="2024-01-02", today=today,
            events=[provided("2024-01-15", complete=False)])
    assert r["status"] == "partially_fulfilled"
    assert only(r, "incomplete_response")["severity"] == severity
    assert "request_remaining_records" in actions(r)
    assert "late_response" not in codes(r)


def test_d1_partial_denial_covers_the_rest():
    """164.524(d)(1): records in part plus a written partial denial is a full response."""
    r = run(received="2024-01-02", records=["medical", "psychotherapy_notes"], events=[
        provided("2024-01-15", complete=False),
        denial("2024-01-15", ["psychotherapy_notes"], scope="partial")])
    assert "incomplete_response" not in codes(r)
    assert "late_response" not in codes(r)
    assert r["status"] == "partially_fulfilled"


def test_events_after_as_of_are_ignored():
    """Assessment as of a date: later events have not happened yet."""
    r = run(received="2024-01-02", as_of="2024-01-20", events=[provided("2024-01-25")])
    assert r["status"] == "pending"
