"""Personal representatives stated exactly, and plain messages (issue 15, items 6 and 7).

45 CFR 164.514(h)(1) (verify identity and authority), 164.502(g)(3)(i)-(ii) (a parent is not
the representative for care under the minor exceptions), 164.502(g)(5) (refusal on abuse
needs a reasonable belief and a professional judgment of best interest). Plain messages: no
data bookkeeping in patient-facing text; 164.524(c)(4) with FAQs 2029-2030 ($6.50);
164.524(c)(3)(ii) after Ciox v. Azar (third-party paper copies); (b)(2)(ii) (extension cap).
"""

import datetime as dt

import pytest
from rules_helpers import actions, codes, extension, fee, make_case, only, provided, run

from recordright.letters.registry import kind_for_step
from recordright.rules import CaseError, assess
from recordright.rules.report import render_text


def rep(kind=None, today="2024-01-03", **facts):
    case = make_case(received="2024-01-02", requester="personal_representative",
                     as_of=today)
    if kind:
        case["representative"] = kind
    if facts:
        case["representative_facts"] = facts
    return assess(case)


@pytest.mark.parametrize(("kind", "facts", "expect"), [
    # 164.514(h)(1): verification of authority; which document to send.
    ("guardian", {}, {"representative_verification": ("info", "guardianship order")}),
    ("executor", {"authority_documented": False},
     {"representative_verification": ("info", "letters testamentary")}),
    ("health_care_agent", {"authority_documented": True},
     {"representative_verification": ("info", "You gave the holder proof")}),
    # 164.502(g)(3)(i)(A)-(C): not the representative for that care.
    ("parent_of_minor", {"minor_exception": "minor_consented"},
     {"representative_minor_exception": ("warning", "not the minor's personal representative")}),
    ("parent_of_minor", {"minor_exception": "court_authorized"},
     {"representative_minor_exception": ("warning", "a court")}),
    ("parent_of_minor", {"minor_exception": "confidentiality_agreed"},
     {"representative_minor_exception": ("warning", "agreed that this care would be")}),
    ("parent_of_minor", {"minor_exception": "none"}, {"representative_minor_exception": None}),
    # 164.502(g)(5): the refusal needs both the belief and the professional judgment.
    ("parent_of_minor", {"abuse_concern_cited": True, "professional_judgment": False},
     {"representative_refusal": ("violation", "does not meet the rule")}),
    ("guardian", {"abuse_concern_cited": True},
     {"representative_refusal": ("warning", "Ask the holder in writing")}),
    ("guardian", {"abuse_concern_cited": True, "professional_judgment": True},
     {"representative_refusal": ("info", "best interest")}),
    (None, {"abuse_concern_cited": False}, {"representative_refusal": None}),
])
def test_502g_representative_facts_reported_exactly(kind, facts, expect):
    r = rep(kind, **facts)
    for code, want in expect.items():
        if want is None:
            assert code not in codes(r)
            continue
        f = only(r, code)
        assert f["severity"] == want[0] and want[1] in f["message"], f
    citations = " ".join(f["citation"] for f in r["findings"])
    assert "164.514(h)" in citations


def test_502g5_note_no_longer_overstates_the_abuse_exception():
    """The old note ("may refuse only on a reasonable belief of abuse") left out verification
    and the professional judgment: it is gone, and the exact rule is in its own finding."""
    r = rep("guardian")
    assert "only on a reasonable belief" not in only(r, "personal_representative")["message"]
    refused = rep("guardian", abuse_concern_cited=True, professional_judgment=False)
    f = only(refused, "representative_refusal")
    assert "164.502(g)(5)" in f["citation"] and f["law"] == "federal"
    assert "professional judgment" in f["message"] and "best interest" in f["message"]


@pytest.mark.parametrize(("mutate", "field", "problem"), [
    (lambda c: c.update(representative_facts={"authority_documented": True}),
     "representative_facts", "only allowed when requester is personal_representative"),
    (lambda c: c.update(requester="personal_representative",
                        representative_facts={"minor_exception": "teen"}),
     "representative_facts.minor_exception", "unknown minor exception"),
    (lambda c: c.update(requester="personal_representative",
                        representative_facts={"verified": True}),
     "representative_facts.verified", "unknown field"),
    (lambda c: c.update(requester="personal_representative",
                        representative_facts={"professional_judgment": "yes"}),
     "representative_facts.professional_judgment", "true or false"),
    # 164.502(g)(3) concerns unemancipated minors: not an executor's or agent's standing.
    (lambda c: c.update(requester="personal_representative", representative="executor",
                        representative_facts={"minor_exception": "court_authorized"}),
     "representative_facts.minor_exception", "parent or guardian of a minor"),
])
def test_representative_facts_are_validated(mutate, field, problem):
    case = make_case(received="2024-01-02")
    mutate(case)
    with pytest.raises(CaseError) as err:
        assess(case, today=dt.date(2024, 1, 3))
    assert err.value.field == field and problem in str(err.value)


BOOKKEEPING = ("status A", "status B", "status C", "checked 20", "checked November",
               "checked December", "holder type", "case format", "the engine", "(holder:",
               "(status:", "encoded")


@pytest.mark.parametrize("kwargs", [
    {"state": "TX", "received": "2024-11-22", "today": "2024-12-20"},
    {"state": "TX", "received": "2024-11-22", "today": "2024-11-22", "in_writing": False},
    {"state": "TX", "holder": "hospital", "received": "2024-11-22", "today": "2024-12-20"},
    {"state": "AZ", "received": "2024-01-02", "today": "2024-03-01"},
    {"state": "MN", "received": "2025-02-03", "today": "2025-02-03"},
    {"state": "CO", "holder": "hospital", "received": "2024-08-30", "today": "2024-10-01"},
    {"state": "IA", "received": "2024-01-02", "today": "2024-01-02"},
    {"state": "WA", "right": "amendment", "received": "2024-01-02", "today": "2024-01-02"},
    {"received": "2024-01-02", "today": "2024-03-01", "send_to": "third_party",
     "copy": "electronic", "in_writing": True},
    {"state": "MI", "received": "2024-01-02", "today": "2024-01-02", "copy": "paper",
     "events": [fee("2024-01-02", 500, ["copying_labor"], pages=10)]},
    {"state": "TX", "received": "2024-01-02", "today": "2024-01-02", "send_to": "third_party",
     "copy": "paper", "events": [fee("2024-01-02", 50, ["copying_labor"], pages=10)]},
])
def test_messages_carry_no_data_bookkeeping(kwargs):
    """Status, check date, holder type and format notes belong in the catalog and JSON keys,
    never in the sentence a patient reads."""
    r = run(**kwargs)
    text = render_text(r) + " ".join(s["message"] for s in r["next_steps"])
    for word in BOOKKEEPING:
        assert word not in text, (word, text)
    applied = [f for f in r["findings"] if f["code"] == "state_law_applied"]
    for f in applied:
        assert f["checked"] and f["state_status"]


@pytest.mark.parametrize(("quote", "flat_note"), [
    # FAQ 2030: $6.50 is not a cap: said beside a fee nothing else is wrong with...
    (fee("2024-01-05", 20, ["copying_labor"]), True),
    # ... never beside an actual violation of 164.524(c)(4).
    (fee("2024-01-05", 20, ["copying_labor", "search_retrieval"]), False),
    (fee("2024-01-05", 20, ["per_page"]), False),
    (fee("2024-01-05", 20, ["copying_labor"], disclosed_in_advance=False), False),
])
def test_c4_flat_fee_note_never_beside_a_fee_violation(quote, flat_note):
    r = run(received="2024-01-02", copy="electronic", maintained_electronically=True,
            delivery="portal", events=[quote])
    assert ("flat_fee_not_a_cap" in codes(r)) is flat_note


def test_c4_flat_fee_note_not_beside_a_violation_in_another_quote():
    r = run(received="2024-01-02", copy="electronic", maintained_electronically=True,
            delivery="portal", events=[fee("2024-01-05", 20, ["copying_labor"]),
                                       fee("2024-01-09", 25, ["search_retrieval"])])
    assert "fee_not_permitted" in codes(r) and "flat_fee_not_a_cap" not in codes(r)


def test_c4_flat_fee_note_not_beside_a_state_cap_violation():
    """22 TAC 165.2: $25 for an electronic copy up to 500 pages; $30 exceeds it."""
    r = run(state="TX", received="2024-01-02", copy="electronic", maintained_electronically=True,
            events=[fee("2024-01-05", 30, ["copying_labor"], pages=100)])
    assert "fee_exceeds_state_cap" in codes(r, "violation")
    assert "flat_fee_not_a_cap" not in codes(r)


@pytest.mark.parametrize(("copy", "kept", "step"), [
    ("paper", None, True),          # Ciox: a paper copy to a third party is not access
    ("electronic", False, True),    # nor an electronic copy of records not in an EHR
    ("electronic", True, False),    # 42 U.S.C. 17935(e): still an access request
])
def test_c3ii_third_party_paper_copy_gets_a_next_step(copy, kept, step):
    r = run(received="2024-01-02", today="2024-01-10", send_to="third_party", copy=copy,
            maintained_electronically=kept, in_writing=True)
    assert ("request_own_copy" in actions(r)) is step
    if step:
        s = next(x for x in r["next_steps"] if x["action"] == "request_own_copy")
        assert "164.508" in s["message"] and "yourself" in s["message"]
        assert kind_for_step(s) is None  # an explicit "no letter"
        assert "Ask for the copy yourself" in render_text(r)


@pytest.mark.parametrize(("right", "received", "stated", "deadline"), [
    ("access", "2024-01-02", "2024-04-30", "2024-03-02"),      # 164.524(b)(2)(ii): day 60
    ("amendment", "2024-01-02", "2024-06-30", "2024-04-01"),   # 164.526(b)(2)(ii): day 90
    ("accounting", "2024-01-02", "2024-06-30", "2024-04-01"),  # 164.528(c)(1)(ii): day 90
])
def test_valid_extension_naming_a_late_date_is_capped_not_invalid(right, received, stated,
                                                                  deadline):
    r = run(right=right, received=received, today="2024-01-20",
            events=[extension("2024-01-20", stated)])
    assert r["deadline"] == deadline and r["status"] == "extended"
    f = only(r, "extension_capped")
    assert f["stated_date"] == stated and f["severity"] == "info"
    assert "invalid_extension" not in codes(r)


def test_fulfilled_report_words_stay_honest():
    """A paper copy for an electronic request is reported as partly fulfilled, in words."""
    r = run(received="2024-01-02", copy="electronic", maintained_electronically=True,
            events=[provided("2024-01-10", form="paper")])
    assert "Status:   partly fulfilled" in render_text(r)
