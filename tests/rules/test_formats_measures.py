"""Form and format, 45 CFR 164.524(c)(2)-(3); third-party directives after Ciox v. Azar;
unreasonable measures, 164.524(b)(1) and HHS guidance; personal representatives 164.502(g)."""

import pytest
from rules_helpers import actions, codes, only, provided, run


@pytest.mark.parametrize(("copy", "kept", "form", "severity"), [
    ("electronic", True, "paper", "violation"),   # (c)(2)(ii)
    ("electronic", None, "paper", "warning"),     # unknown how it is kept
    ("electronic", False, "paper", "warning"),    # (c)(2)(i): readable hard copy allowed
    ("paper", False, "electronic", "warning"),
    ("electronic", True, "electronic", None),
])
def test_c2_form_and_format(copy, kept, form, severity):
    """164.524(c)(2)(i)-(ii): the form and format asked for."""
    r = run(received="2024-01-02", copy=copy, maintained_electronically=kept,
            events=[provided("2024-01-10", form=form)])
    if severity is None:
        assert "format_not_honored" not in codes(r)
    else:
        assert only(r, "format_not_honored")["severity"] == severity
    entitled = severity is not None and copy == "electronic" and kept is not False
    assert ("request_electronic_format" in actions(r)) is entitled


@pytest.mark.parametrize(("agreed", "flagged"), [(False, True), (True, False)])
def test_c2iii_summary_only_with_agreement(agreed, flagged):
    """164.524(c)(2)(iii): a summary instead of records only if agreed in advance."""
    r = run(received="2024-01-02", summary_agreed=agreed,
            events=[provided("2024-01-10", summary_only=True)])
    assert ("summary_without_agreement" in codes(r, "violation")) is flagged


def test_c3_unencrypted_email_must_be_honoured():
    """78 FR 5634: unencrypted email on request, after a brief warning."""
    r = run(received="2024-01-02", delivery="unencrypted_email", copy="electronic")
    assert only(r, "unencrypted_email_on_request")["severity"] == "info"


@pytest.mark.parametrize(("copy", "kept", "severity", "deadline"), [
    ("paper", False, "warning", None),           # disclosure under authorization
    ("electronic", False, "warning", None),      # not an EHR
    ("electronic", None, "info", "2024-02-01"),  # assumed EHR: access clock applies
])
def test_c3ii_third_party_directive_ciox(copy, kept, severity, deadline):
    """164.524(c)(3)(ii) after Ciox v. Azar; 42 U.S.C. 17935(e)."""
    r = run(received="2024-01-02", today="2024-03-01", send_to="third_party", copy=copy,
            maintained_electronically=kept, in_writing=True)
    f = only(r, "third_party_not_electronic_ehr")
    assert f["severity"] == severity
    assert r["deadline"] == deadline
    assert ("late_response" in codes(r)) is (deadline is not None)


def test_c3ii_third_party_ehr_directive_is_access():
    """42 U.S.C. 17935(e): an electronic EHR copy to a designee is still an access request."""
    r = run(received="2024-01-02", today="2024-03-01", send_to="third_party",
            copy="electronic", maintained_electronically=True, in_writing=True)
    assert "third_party_not_electronic_ehr" not in codes(r)
    assert "late_response" in codes(r)


@pytest.mark.parametrize("what", ["in_person_request", "portal_only", "mail_only", "buy_media",
                                  "pay_outstanding_bill", "reason_for_request"])
def test_b1_unreasonable_measures(what):
    """164.524(b)(1) and HHS access guidance: unreasonable measures."""
    r = run(received="2024-01-02", today="2024-01-10",
            events=[{"on": "2024-01-05", "type": "condition_imposed", "what": what}])
    f = only(r, "unreasonable_measure")
    assert f["severity"] == "violation" and "164.524(b)(1)" in f["citation"]
    if what == "pay_outstanding_bill":
        assert "unpaid bills" in f["citation"]
    assert "file_ocr_complaint" in actions(r)


def test_b1_other_condition_is_a_warning():
    r = run(received="2024-01-02", today="2024-01-10",
            events=[{"on": "2024-01-05", "type": "condition_imposed", "what": "other"}])
    assert only(r, "unreasonable_measure")["severity"] == "warning"


@pytest.mark.parametrize(("kind", "paragraph"), [
    (None, "164.502(g)(1)"), ("parent_of_minor", "164.502(g)(3)"),
    ("guardian", "164.502(g)(2)"), ("health_care_agent", "164.502(g)(2)"),
    ("executor", "164.502(g)(4)")])
def test_502g_personal_representative_treated_as_individual(kind, paragraph):
    """164.502(g): a personal representative is treated as the individual."""
    extra = {"representative": kind} if kind else {}
    from rules_helpers import make_case

    from recordright.rules import assess
    case = make_case(received="2024-01-02", requester="personal_representative", as_of="2024-01-03")
    case.update(extra)
    r = assess(case)
    f = only(r, "personal_representative")
    assert paragraph.split("(")[0] in f["citation"] and f"(g)({paragraph[-2]})" in f["citation"]
    assert r["deadline"] == "2024-02-01"  # same clock as the individual's


def test_ciox_non_ehr_directive_not_judged_as_access_denial():
    """After Ciox a paper copy to a third party is a 164.508 disclosure, not access."""
    from rules_helpers import denial
    r = run(received="2024-01-02", send_to="third_party", copy="paper", in_writing=True,
            events=[denial("2024-01-10", ["unpaid_bill"])])
    assert "denial_not_permitted" not in codes(r)
    assert r["status"] == "denied" and r["deadline"] is None
