"""Fees: 45 CFR 164.524(c)(4), HHS access guidance, Ciox v. Azar, and state caps."""

import pytest
from rules_helpers import actions, codes, fee, only, run

from recordright.rules.states import state_rule

ELECTRONIC = {"copy": "electronic", "maintained_electronically": True, "delivery": "email"}
PAPER_MAIL = {"copy": "paper", "maintained_electronically": False, "delivery": "mail"}


@pytest.mark.parametrize(("request_facts", "components", "permitted"), [
    (PAPER_MAIL, ["copying_labor", "supplies", "postage"], True),       # (c)(4)(i)-(iii)
    (ELECTRONIC, ["copying_labor"], True),                              # (c)(4)(i)
    ({**ELECTRONIC, "delivery": "portable_media"}, ["copying_labor", "media"], True),
    ({**ELECTRONIC, "delivery": "portable_media"}, ["supplies"], True),  # (c)(4)(ii)
    (PAPER_MAIL, ["search_retrieval"], False),                          # guidance
    (PAPER_MAIL, ["verification"], False),
    (PAPER_MAIL, ["handling"], False),
    (PAPER_MAIL, ["certification"], False),
    (PAPER_MAIL, ["other"], False),
    (PAPER_MAIL, ["per_page"], True),            # paper records: per page allowed
    (ELECTRONIC, ["per_page"], False),           # electronically kept: no per-page fee
    (ELECTRONIC, ["postage"], False),            # (c)(4)(iii): only when mailed
    (ELECTRONIC, ["media"], False),              # media not asked for
    (ELECTRONIC, ["supplies"], False),           # (c)(4)(ii): no supplies for email
    (PAPER_MAIL, ["summary"], False),            # (c)(4)(iv): summary not agreed
    ({**PAPER_MAIL, "summary_agreed": True}, ["summary"], True),
])
def test_c4_fee_components(request_facts, components, permitted):
    """164.524(c)(4)(i)-(iv) and HHS guidance: only the listed cost components."""
    r = run(received="2024-01-02", events=[fee("2024-01-05", 20, components)], **request_facts)
    assert ("fee_not_permitted" in codes(r)) is (not permitted)
    assert ("dispute_fee" in actions(r)) is (not permitted)


def test_c4_no_fee_for_inspection():
    """164.524(c)(4) and FAQ 2035: nothing may be charged for inspection."""
    r = run(received="2024-01-02", copy="inspection",
            events=[fee("2024-01-05", 10, ["copying_labor"])])
    assert only(r, "fee_not_permitted")["rule"] == "access.fee.inspection"


def test_c4_fee_not_disclosed_in_advance():
    """HHS guidance: the approximate fee must be told in advance."""
    r = run(received="2024-01-02", events=[
        fee("2024-01-05", 10, ["copying_labor"], disclosed_in_advance=False)])
    assert only(r, "fee_not_disclosed_in_advance")["severity"] == "violation"


def test_c4_flat_650_is_not_a_cap():
    """FAQ 2030: $6.50 is an optional flat fee, not a cap: never a violation by itself."""
    r = run(received="2024-01-02", today="2024-01-10",
            events=[fee("2024-01-05", 45, ["copying_labor"])], **ELECTRONIC)
    assert codes(r, "violation") == []
    assert only(r, "flat_fee_not_a_cap")["severity"] == "info"


@pytest.mark.parametrize(("state", "holder", "copy", "pages", "cap"), [
    ("DE", "provider", "paper", 40, 48.00),      # 10x2 + 10x1 + 20x0.90
    ("DE", "hospital", "electronic", 70, 71.00),  # 20 + 10 + 40x0.90 + 10x0.50
    ("CT", "provider", "paper", 100, 65.00),     # 0.65/page incl. postage
    ("TX", "provider", "paper", 50, 40.00),      # 25 for 1-20 + 30x0.50
    ("TX", "provider", "electronic", 400, 25.00),
    ("TX", "provider", "electronic", 600, 50.00),
    ("NJ", "provider", "paper", 5, 10.00),       # under 10 pages: up to $10
    ("NJ", "provider", "paper", 150, 100.00),    # $1/page or $100, whichever less
    ("MN", "provider", "paper", 10, 20.00),      # $1/page + $10, within the $30 bracket
    ("MN", "provider", "paper", 20, 30.00),
    ("MN", "provider", "paper", 60, 50.00),
    ("MN", "provider", "paper", 150, 500.00),    # only the overall cap is encoded above 100
    ("MN", "provider", "electronic", 300, 20.00),
    ("TN", "provider", "paper", 10, 27.50),      # 25 for up to 5 + 5x0.50
    ("ME", "hospital", "paper", 100, 49.55),     # 5 + 99x0.45
    ("ME", "hospital", "paper", 1000, 250.00),
    ("RI", "provider", "electronic", 300, 25.00),
    ("RI", "provider", "paper", 150, 45.00),     # 15 + 100x0.25 + 50x0.10
    ("AR", "provider", "paper", 30, 28.75),      # 15 + 25x0.50 + 5x0.25
    ("VT", "provider", "paper", 4, 5.00),        # greater of $5 or 0.50/page
    ("VT", "provider", "paper", 20, 10.00),
    ("NE", "provider", "paper", 10, 25.00),
    ("AL", "provider", "paper", 30, 32.50),      # 5 + 25 + 2.50
])
def test_state_cap_computation(state, holder, copy, pages, cap):
    """State fee caps from the data file, computed for the quoted pages."""
    lookup = state_rule(state)
    on = __import__("datetime").date(2025, 6, 1)
    rules = [f for f in lookup.overlay.fees if f.applies(holder, copy, on)]
    assert len(rules) == 1
    assert rules[0].cap(pages) == pytest.approx(cap)


def test_state_cap_exceeded_is_flagged():
    """24 Del. Admin. Code 1700-16.0: 40 pages at most $48 (plus actual postage)."""
    over = run(state="DE", received="2024-01-02", copy="paper", delivery="pickup",
               events=[fee("2024-01-05", 60, ["copying_labor", "supplies"], pages=40)])
    f = only(over, "fee_exceeds_state_cap")
    assert f["severity"] == "violation" and f["state_maximum"] == 48
    assert f["law"] == "state" and "1700-16.0" in f["citation"]
    under = run(state="DE", received="2024-01-02", copy="paper", delivery="pickup",
                events=[fee("2024-01-05", 48, ["copying_labor", "supplies"], pages=40)])
    assert "fee_exceeds_state_cap" not in codes(under)


def test_state_cap_postage_unknown_is_a_warning():
    """Actual postage may be added to DE's maximum; unknown postage: warn, don't accuse."""
    r = run(state="DE", received="2024-01-02", **PAPER_MAIL,
            events=[fee("2024-01-05", 52, ["copying_labor", "postage"], pages=40)])
    assert only(r, "fee_exceeds_state_cap")["severity"] == "warning"
    r = run(state="DE", received="2024-01-02", **PAPER_MAIL, events=[
        fee("2024-01-05", 52, ["copying_labor", "postage"], pages=40, postage_amount=4)])
    assert "fee_exceeds_state_cap" not in codes(r)


def test_state_per_page_rate_cap():
    """Cal. HSC 123110: at most $0.25 a page (plus reasonable clerical costs)."""
    r = run(state="CA", received="2024-01-02", copy="paper", delivery="pickup",
            events=[fee("2024-01-05", 20, ["per_page"], pages=40, per_page_rate=0.5)])
    assert only(r, "fee_exceeds_state_cap")["severity"] == "violation"


def test_indexed_state_figures_are_not_used_to_flag():
    """MI, IL, WA, SC amounts are CPI-adjusted base figures: information only."""
    r = run(state="MI", received="2024-01-02", copy="paper", delivery="pickup",
            events=[fee("2024-01-05", 500, ["copying_labor"], pages=10)])
    assert "fee_exceeds_state_cap" not in codes(r)
    assert "state_fee_rule" in codes(r)


def test_mn_2025_rules_not_applied_before_effective_date():
    """Minn. Stat. 144.292 subd. 6 caps apply from Jan 1, 2025."""
    before = run(state="MN", received="2024-06-03", copy="electronic", delivery="email",
                 maintained_electronically=True,
                 events=[fee("2024-06-05", 30, ["copying_labor"], pages=10)])
    after = run(state="MN", received="2025-06-02", today="2025-12-31", copy="electronic",
                delivery="email", maintained_electronically=True,
                events=[fee("2025-06-05", 30, ["copying_labor"], pages=10)])
    assert "fee_exceeds_state_cap" not in codes(before)
    assert "fee_exceeds_state_cap" in codes(after)


def test_ciox_third_party_fee_not_patient_rate():
    """Ciox v. Azar: a copy to a third party is not under the patient-rate limit."""
    r = run(received="2024-01-02", send_to="third_party", copy="paper", delivery="mail",
            in_writing=True, state="TX",
            events=[fee("2024-01-05", 90, ["search_retrieval", "per_page"], pages=50)])
    assert "fee_not_permitted" not in codes(r)
    assert "Ciox" in only(r, "third_party_fee")["message"]
    assert "state_fee_not_encoded" in codes(r)


def test_ciox_electronic_ehr_directive_labor_cost_only():
    """42 U.S.C. 17935(e): EHR copy to a third party, fee limited to labor cost."""
    r = run(received="2024-01-02", send_to="third_party", in_writing=True, **ELECTRONIC,
            events=[fee("2024-01-05", 25, ["copying_labor"])])
    assert only(r, "third_party_fee")["citation"].startswith("42 U.S.C. 17935(e)")
