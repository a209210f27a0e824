"""Adversarial deadline cases from the pre-release review: state overlays that adopt HIPAA's
timing, state-only lateness wording, partial denials, and summaries given without agreement
(45 CFR 164.524(b)(2), (c)(2)(iii), (d)(1); 45 CFR 160.203)."""

import pytest
from rules_helpers import codes, denial, extension, only, provided, run

from recordright.rules.states import raw_state


@pytest.mark.parametrize(("state", "holder"), [
    ("AR", "provider"),  # A.C.A. 16-46-106: HIPAA access standards apply
    ("ME", "provider"),  # 22 M.R.S. 1711-B: practitioners follow 164.524 timing
    ("MT", "hospital"),  # MCA 50-16-816: HIPAA-covered providers follow HIPAA
    ("UT", "provider"),  # Utah Code 78B-5-618: providers meet 164.524(b) deadlines
])
def test_state_adopting_hipaa_timing_honours_valid_federal_extension(state, holder):
    """A state that adopts 164.524(b) adopts its one 30-day extension too (b)(2)(ii)."""
    r = run(state=state, holder=holder, received="2024-01-02", today="2024-02-10",
            events=[extension("2024-01-20", "2024-02-20")])
    assert r["deadline"] == "2024-02-20"
    assert r["status"] == "extended"
    assert "late_response" not in codes(r)
    assert "state_deadline_shorter" not in codes(r)
    # Without an extension the state date is the federal day 30.
    r = run(state=state, holder=holder, received="2024-01-02", today="2024-02-02")
    assert r["deadline"] == "2024-02-01" and r["status"] == "overdue"


def test_illinois_extension_of_unencoded_length_is_not_denied():
    """735 ILCS 5/8-2001 allows a written extension (length not in the notes): never claim
    Illinois has none; apply the valid federal extension and say so."""
    r = run(state="IL", received="2024-01-02", today="2024-02-10",
            events=[extension("2024-01-20", "2024-02-20")])
    assert r["deadline"] == "2024-02-20" and "late_response" not in codes(r)
    assert "not encoded" in only(r, "state_deadline_not_set")["message"]
    assert "no extension" not in str(r["findings"])


@pytest.mark.parametrize("state", ["CT", "WY"])
def test_state_without_extension_still_binds_at_day_30(state):
    """Conn. Gen. Stat. 20-7c, Wyo. 052-0001-3 §4: 30 days, no extension: the state's governs."""
    r = run(state=state, received="2024-01-02", today="2024-02-10",
            events=[extension("2024-01-20", "2024-02-20")])
    assert r["deadline"] == "2024-02-01"
    assert "has no extension" in only(r, "state_deadline_shorter")["message"]


def test_every_state_deadline_declares_its_extension_rule():
    """Data integrity: each state deadline says how it may be extended."""
    from recordright.rules.states import encoded_states
    for code in encoded_states():
        for d in (raw_state(code) or {}).get("deadlines", []):
            assert d["extension"] in ("none", "days", "hipaa", "unquantified"), d["id"]
            assert (d["extension"] == "days") is bool(d["extension_days"]), d["id"]


def test_state_only_lateness_does_not_claim_federal_deadline_met_while_pending():
    """22 TAC 165.2: past the Texas date, before HIPAA's: nothing has 'met' anything yet."""
    r = run(state="TX", received="2024-11-22", today="2024-12-18")
    f = only(r, "late_response")
    assert f["law"] == "state"
    assert "met the federal deadline" not in f["message"]
    assert "has not passed yet" in f["message"]
    done = run(state="TX", received="2024-11-22", events=[provided("2024-12-20")])
    assert "met the federal deadline" in only(done, "late_response")["message"]


@pytest.mark.parametrize(("today", "severity"), [("2024-01-20", "warning"),
                                                 ("2024-03-10", "violation")])
def test_d1_partial_denial_with_nothing_provided_is_incomplete(today, severity):
    """164.524(d)(1): a written partial denial must come with access to the rest; if the rest
    never comes, the response is incomplete (and a federal violation after day 30)."""
    r = run(received="2024-01-02", today=today, records=["medical", "psychotherapy_notes"],
            events=[denial("2024-01-15", ["psychotherapy_notes"], scope="partial")])
    f = only(r, "incomplete_response")
    assert f["severity"] == severity
    assert "request_remaining_records" in [s["action"] for s in r["next_steps"]]
    if severity == "violation":
        assert f["law"] == "federal" and "complaint_deadline" in codes(r)


def test_c2iii_unagreed_summary_is_not_a_response():
    """164.524(c)(2)(iii): a summary in place of the records only with advance agreement;
    otherwise it does not stop the clock and the request is not fulfilled."""
    r = run(received="2024-01-02", today="2024-03-10",
            events=[provided("2024-01-10", summary_only=True)])
    assert r["status"] == "overdue"
    assert "late_response" in codes(r, "violation")
    assert "summary_without_agreement" in codes(r, "violation")
    agreed = run(received="2024-01-02", today="2024-03-10", summary_agreed=True,
                 events=[provided("2024-01-10", summary_only=True)])
    assert agreed["status"] == "fulfilled" and "late_response" not in codes(agreed)


def test_oral_request_in_written_request_state_says_why_federal_applies():
    """Tenn. Code 63-2-101 counts from a written request: an oral one gets HIPAA's 30 days,
    and the note says that is why (not that Tennessee has no day count)."""
    r = run(state="TN", holder="provider", in_writing=False, received="2024-11-22",
            today="2024-11-22")
    assert r["deadline"] == "2024-12-22"
    assert "written request" in only(r, "state_deadline_not_set")["message"]
