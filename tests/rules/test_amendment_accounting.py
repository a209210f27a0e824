"""Amendment, 45 CFR 164.526, and accounting of disclosures, 45 CFR 164.528."""

import pytest
from rules_helpers import actions, codes, denial, extension, fee, only, run

AMEND_NOTICE = {"basis": True, "statement_of_disagreement_rights": True,
                "future_disclosures": True, "complaint_process": True}


@pytest.mark.parametrize("right", ["amendment", "accounting"])
@pytest.mark.parametrize(("events", "today", "deadline", "status"), [
    ([], "2024-03-02", "2024-03-02", "pending"),    # day 60 (leap year)
    ([], "2024-03-03", "2024-03-02", "overdue"),    # day 61
    ([("2024-03-02", "2024-03-20")], "2024-03-10", "2024-03-20", "extended"),  # notice day 60
    ([("2024-03-03", "2024-03-20")], "2024-03-10", "2024-03-02", "overdue"),   # notice day 61
    ([("2024-02-01", "2024-06-30")], "2024-03-10", "2024-04-01", "extended"),  # capped at 90
])
def test_526b2_528c1_60_days_plus_one_30_day_extension(right, events, today, deadline, status):
    """164.526(b)(2) and 164.528(c)(1): 60 days, one extension of at most 30 days."""
    r = run(right=right, received="2024-01-02", today=today,
            events=[extension(on, new) for on, new in events])
    assert r["deadline"] == deadline
    assert r["status"] == status


def test_526b2_second_extension_invalid():
    """164.526(b)(2)(ii): only one extension."""
    r = run(right="amendment", received="2024-01-02", today="2024-03-05", events=[
        extension("2024-02-01", "2024-03-10"), extension("2024-03-01", "2024-04-01")])
    assert r["deadline"] == "2024-03-10"
    assert "invalid_extension" in codes(r)


@pytest.mark.parametrize("ground", ["not_created_by_entity", "not_in_designated_record_set",
                                    "not_available_for_inspection", "accurate_and_complete"])
def test_526a2_permitted_grounds(ground):
    """164.526(a)(2): the four permitted grounds; statement of disagreement next."""
    r = run(right="amendment", received="2024-01-02",
            events=[denial("2024-02-01", [ground], notice=AMEND_NOTICE)])
    assert codes(r, "violation") == []
    assert r["status"] == "denied"
    assert "submit_statement_of_disagreement" in actions(r)


@pytest.mark.parametrize("ground", ["unpaid_bill", "policy", "psychotherapy_notes", "other"])
def test_526a2_other_grounds_not_permitted(ground):
    """164.526(a)(2): any other ground is not permitted."""
    r = run(right="amendment", received="2024-01-02",
            events=[denial("2024-02-01", [ground], notice=AMEND_NOTICE)])
    assert only(r, "denial_not_permitted")["citation"] == "45 CFR 164.526(a)(2)"
    assert "submit_statement_of_disagreement" not in actions(r)


@pytest.mark.parametrize("missing", sorted(AMEND_NOTICE))
def test_526d1_denial_notice_content(missing):
    """164.526(d)(1)(i)-(iv): basis, disagreement rights, future disclosures, complaints."""
    notice = {**AMEND_NOTICE, missing: False}
    r = run(right="amendment", received="2024-01-02",
            events=[denial("2024-02-01", ["accurate_and_complete"], notice=notice)])
    f = only(r, "denial_notice_defective")
    assert f["citation"] == "45 CFR 164.526(d)(1)" and len(f["missing"]) == 1


def test_526_accepted_amendment_fulfils():
    """164.526(c): an accepted amendment is the response."""
    r = run(right="amendment", received="2024-01-02",
            events=[{"on": "2024-02-01", "type": "amendment_accepted"}])
    assert r["status"] == "fulfilled"


def test_528a1_six_year_lookback():
    """164.528(a)(1): disclosures in the six years before the request."""
    r = run(right="accounting", received="2024-02-29", today="2024-03-01")
    assert only(r, "accounting_lookback")["period_start"] == "2018-02-28"


@pytest.mark.parametrize(("prior", "disclosed", "code"), [
    (0, True, "fee_not_permitted"),             # first in 12 months is free
    (1, False, "fee_not_disclosed_in_advance"),
    (1, True, None),
    (None, True, "accounting_fee_check"),
])
def test_528c2_first_accounting_free(prior, disclosed, code):
    """164.528(c)(2): first accounting in 12 months free; later ones only if told first."""
    r = run(right="accounting", received="2024-01-02", prior_accountings_last_12_months=prior,
            events=[fee("2024-01-10", 15, ["copying_labor"], disclosed_in_advance=disclosed)])
    fee_codes = {"fee_not_permitted", "fee_not_disclosed_in_advance", "accounting_fee_check"}
    assert [c for c in codes(r) if c in fee_codes] == ([code] if code else [])


def test_528_refusal_not_permitted_suspension_allowed():
    """164.528(a)(2): only a temporary suspension for oversight or law enforcement."""
    bad = run(right="accounting", received="2024-01-02",
              events=[denial("2024-01-10", ["policy"])])
    ok = run(right="accounting", received="2024-01-02",
             events=[denial("2024-01-10", ["oversight_suspension"])])
    assert "denial_not_permitted" in codes(bad)
    assert codes(ok, "violation") == []


def test_state_overlay_not_applied_to_amendment():
    """State overlays are encoded for access only."""
    r = run(right="amendment", state="TX", received="2024-01-02", today="2024-01-02")
    assert r["deadline"] == "2024-03-02"
    assert "state_law_not_encoded" in codes(r)
