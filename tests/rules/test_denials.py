"""Denial grounds, 45 CFR 164.524(a)(2) (unreviewable), (a)(3) (reviewable, licensed
professional), everything else not permitted; and the (d)(2) denial notice."""

import pytest
from rules_helpers import actions, codes, denial, only, run

ORDINARY = ["medical"]


@pytest.mark.parametrize(("ground", "records", "holder", "copy", "scope", "code", "severity"), [
    # (a)(2)(i): psychotherapy notes and litigation materials
    ("psychotherapy_notes", ["psychotherapy_notes"], "provider", "paper", "full",
     "denial_unreviewable", "info"),
    ("psychotherapy_notes", ["medical", "psychotherapy_notes"], "provider", "paper", "partial",
     "denial_unreviewable", "info"),
    ("psychotherapy_notes", ORDINARY, "provider", "paper", "full", "denial_not_permitted",
     "violation"),
    ("litigation_materials", ["litigation_materials"], "provider", "paper", "full",
     "denial_unreviewable", "info"),
    ("litigation_materials", ["medical", "billing"], "hospital", "paper", "full",
     "denial_not_permitted", "violation"),
    # (a)(2)(ii): correctional institutions, copies only
    ("correctional_safety", ORDINARY, "correctional", "paper", "full", "denial_unreviewable",
     "info"),
    ("correctional_safety", ORDINARY, "correctional", "inspection", "full",
     "denial_not_permitted", "violation"),
    ("correctional_safety", ORDINARY, "hospital", "paper", "full", "denial_not_permitted",
     "violation"),
    # (a)(2)(iii)-(v)
    ("research_in_progress", ["research"], "provider", "paper", "full", "denial_unreviewable",
     "warning"),
    ("privacy_act", ORDINARY, "other", "paper", "full", "denial_unreviewable", "warning"),
    ("confidential_source", ORDINARY, "provider", "paper", "partial", "denial_unreviewable",
     "info"),
])
def test_a2_unreviewable_grounds(ground, records, holder, copy, scope, code, severity):
    """164.524(a)(1)-(2): unreviewable grounds, checked for applicability."""
    r = run(received="2024-01-02", records=records, holder=holder, copy=copy,
            events=[denial("2024-01-10", [ground], scope=scope)])
    f = only(r, code)
    assert f["severity"] == severity
    assert "164.524(a)" in f["citation"]
    assert "request_review" not in actions(r)


@pytest.mark.parametrize("ground", ["endanger_life_or_safety", "harm_to_other_person"])
@pytest.mark.parametrize(("determination", "severity"), [(True, "warning"), (False, "violation")])
def test_a3_reviewable_grounds(ground, determination, severity):
    """164.524(a)(3): reviewable only on a licensed professional's determination."""
    r = run(received="2024-01-02", events=[
        denial("2024-01-10", [ground], licensed_professional_determination=determination)])
    f = only(r, "denial_reviewable")
    assert f["severity"] == severity and f["defective"] is (not determination)
    assert f["citation"].startswith("45 CFR 164.524(a)(3)")
    assert "request_review" in actions(r)


@pytest.mark.parametrize(("requester", "code"), [
    ("personal_representative", "denial_reviewable"),
    ("individual", "denial_not_permitted")])
def test_a3iii_personal_representative_harm(requester, code):
    """164.524(a)(3)(iii): only when a personal representative asks."""
    r = run(received="2024-01-02", requester=requester, events=[
        denial("2024-01-10", ["personal_representative_harm"],
               licensed_professional_determination=True)])
    assert code in codes(r)


@pytest.mark.parametrize("ground", [
    "unpaid_bill", "privacy_law", "emotional_distress", "records_from_other_provider",
    "records_too_old", "in_person_required", "identity_not_verified", "policy", "other",
    "not_created_by_entity", "accurate_and_complete", "oversight_suspension"])
def test_a2_a3_other_grounds_not_permitted(ground):
    """164.524(a)(2)-(3) are the only grounds: anything else is not permitted."""
    r = run(received="2024-01-02", events=[denial("2024-01-10", [ground])])
    f = only(r, "denial_not_permitted")
    assert f["severity"] == "violation" and f["law"] == "federal"
    assert "file_ocr_complaint" in actions(r)
    assert "send_reminder" in actions(r)


@pytest.mark.parametrize(("received", "code"), [
    ("2014-10-06", "denial_not_permitted"),  # compliance date of 79 FR 7290
    ("2020-05-01", "denial_not_permitted"),
    ("2014-10-05", "denial_unreviewable"),   # before: the CLIA exception still stood
])
def test_a1_clia_lab_rule_removed_2014(received, code):
    """164.524(a)(1) as amended by 79 FR 7290: labs must give test reports from 2014-10-06."""
    r = run(received=received, holder="clinical_lab", records=["lab_results"],
            today=received, events=[denial(received, ["clia_lab_rule"])])
    assert code in codes(r)


def test_unpaid_bill_cites_state_law_where_encoded():
    """CA HSC 123110(g): records may not be withheld for unpaid bills."""
    r = run(state="CA", received="2024-01-02", events=[denial("2024-01-10", ["unpaid_bill"])])
    assert "123110(g)" in only(r, "denial_not_permitted")["citation"]


def test_d3_records_not_held():
    """164.524(d)(3): say where the records are."""
    r = run(received="2024-01-02", events=[denial("2024-01-10", ["records_not_held"])])
    assert only(r, "records_not_held")["severity"] == "info"


@pytest.mark.parametrize(("notice", "reviewable", "missing"), [
    ({"basis": True, "complaint_process": True}, False, 0),
    ({"basis": False, "complaint_process": True}, False, 1),
    ({"basis": True, "complaint_process": False}, False, 1),
    ({"basis": True, "complaint_process": True}, True, 1),  # review rights missing
    ({"basis": True, "complaint_process": True, "review_rights": True}, True, 0),
    (None, False, 2),
])
def test_d2_denial_notice_content(notice, reviewable, missing):
    """164.524(d)(2)(i)-(iii): basis, review rights if applicable, complaint process."""
    ground = "endanger_life_or_safety" if reviewable else "confidential_source"
    d = denial("2024-01-10", [ground], licensed_professional_determination=True,
               scope="partial")
    if notice is None:
        del d["notice"]
    else:
        d["notice"] = notice
    r = run(received="2024-01-02", events=[d])
    defective = [f for f in r["findings"] if f["code"] == "denial_notice_defective"]
    assert len(defective) == (1 if missing else 0)
    if missing:
        assert len(defective[0]["missing"]) == missing
        assert defective[0]["citation"] == "45 CFR 164.524(d)(2)"


def test_d2_oral_denial_defective():
    """164.524(d)(2): a denial must be in writing."""
    r = run(received="2024-01-02", today="2024-01-20",
            events=[denial("2024-01-10", ["unpaid_bill"], in_writing=False)])
    assert "not in writing" in only(r, "denial_notice_defective")["message"]
    assert r["status"] == "pending"
