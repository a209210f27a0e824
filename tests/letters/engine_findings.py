"""Every finding the rights engine can produce, from real cases run through the engine.

``ENGINE_CODES`` is read from the rules' source (every ``finding("code", ...)`` call), so a
new finding code fails the plain-letters test until a case here produces it and the letters'
statement table (recordright.letters.statements) says what each letter makes of it.
"""

from __future__ import annotations

import ast
import datetime as dt
from functools import cache
from pathlib import Path

import recordright.rules
from recordright.rules import assess
from tests.case_builders import denial, extension, fee, make_case, provided

RULES_DIR = Path(recordright.rules.__file__).parent


def _engine_codes() -> frozenset[str]:
    codes = set()
    for path in RULES_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "finding"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                codes.add(node.args[0].value)
    return frozenset(codes)


ENGINE_CODES = _engine_codes()

# (case, today): each produces some findings; together they produce every code and the
# variants the statement table tells apart (rule, ground, condition, severity).
UNLAWFUL = ["unpaid_bill", "privacy_law", "emotional_distress", "records_from_other_provider",
            "records_too_old", "in_person_required", "identity_not_verified", "policy", "other",
            "accurate_and_complete"]
CASES: list[tuple[dict, str]] = [
    # Late, oral denial, invalid and capped extensions, complaint window.
    (make_case(events=[denial("2024-01-10", ["policy"], in_writing=False)]), "2024-03-01"),
    (make_case(events=[extension("2024-01-20", None, reasons_given=False)]), "2024-02-10"),
    (make_case(events=[extension("2024-01-20", "2024-02-20"),
                       extension("2024-01-25", "2024-02-25")]), "2024-02-10"),
    (make_case(events=[extension("2024-01-20", "2024-04-30")]), "2024-01-20"),
    (make_case(events=[provided("2024-03-15", complete=True)]), "2024-03-20"),
    # Every ground, one denial each (permitted, reviewable, unreviewable, unlawful).
    *[(make_case(events=[denial("2024-01-10", [g])], records=["medical"]), "2024-01-15")
      for g in UNLAWFUL + ["psychotherapy_notes", "litigation_materials", "research_in_progress",
                           "privacy_act", "confidential_source", "correctional_safety",
                           "records_not_held", "clia_lab_rule", "oversight_suspension"]],
    (make_case(events=[denial("2014-01-10", ["clia_lab_rule"])], received="2014-01-02",
           holder="clinical_lab"), "2014-01-15"),
    (make_case(events=[denial("2024-01-10", ["psychotherapy_notes"])],
           records=["psychotherapy_notes"]), "2024-01-15"),
    (make_case(events=[denial("2024-01-10", ["endanger_life_or_safety"],
                           licensed_professional_determination=False)]), "2024-01-15"),
    (make_case(events=[denial("2024-01-10", ["harm_to_other_person"],
                           licensed_professional_determination=True)]), "2024-01-15"),
    (make_case(events=[denial("2024-01-10", ["personal_representative_harm"])]), "2024-01-15"),
    (make_case(events=[denial("2024-01-10", ["unpaid_bill"], notice={"basis": True})]),
     "2024-01-15"),
    (make_case(events=[denial("2024-01-10", ["unpaid_bill"])], state="CA"), "2024-01-15"),
    # Amendment and accounting.
    (make_case(right="amendment", events=[denial("2024-01-10", ["accurate_and_complete"]),
                                      denial("2024-01-11", ["policy"], notice={})]),
     "2024-01-15"),
    (make_case(right="amendment", events=[denial("2024-01-10", ["policy"], in_writing=False)]),
     "2024-01-15"),
    (make_case(right="accounting", events=[denial("2024-01-10", ["oversight_suspension"]),
                                       denial("2024-01-11", ["policy"])]), "2024-01-15"),
    (make_case(right="accounting", prior_accountings_last_12_months=0,
           events=[fee("2024-01-05", 20, ["copying_labor"])]), "2024-01-15"),
    (make_case(right="accounting", events=[fee("2024-01-05", 20, ["copying_labor"])]),
     "2024-01-15"),
    (make_case(right="accounting", prior_accountings_last_12_months=2,
           events=[fee("2024-01-05", 20, ["copying_labor"], disclosed_in_advance=False)]),
     "2024-01-15"),
    # Fees.
    (make_case(copy="inspection", events=[fee("2024-01-05", 10, ["copying_labor"])]),
     "2024-01-15"),
    (make_case(copy="electronic", maintained_electronically=True, delivery="email",
           events=[fee("2024-01-05", 90, ["search_retrieval", "per_page", "postage", "media",
                                           "supplies", "summary"],
                        disclosed_in_advance=False)]), "2024-01-15"),
    (make_case(copy="electronic", maintained_electronically=True, delivery="email",
           events=[fee("2024-01-05", 20, ["copying_labor"])]), "2024-01-15"),
    (make_case(send_to="third_party", copy="paper", delivery="mail", in_writing=True, state="TX",
           events=[fee("2024-01-05", 90, ["copying_labor"], pages=50)]), "2024-01-15"),
    (make_case(send_to="third_party", copy="electronic", delivery="email", in_writing=False,
           events=[fee("2024-01-05", 20, ["copying_labor"])]), "2024-01-15"),
    (make_case(state="MI", copy="paper", delivery="pickup",
           events=[fee("2024-01-05", 500, ["copying_labor"], pages=10)]), "2024-01-15"),
    (make_case(state="DE", copy="paper", delivery="pickup",
           events=[fee("2024-01-05", 60, ["copying_labor", "supplies"], pages=40)]),
     "2024-01-15"),
    # Formats and conditions.
    (make_case(copy="electronic", maintained_electronically=True, delivery="unencrypted_email",
           events=[provided("2024-01-10", form="paper", summary_only=True)]), "2024-01-15"),
    (make_case(copy="electronic", events=[provided("2024-01-10", form="paper")]), "2024-01-15"),
    (make_case(copy="paper", delivery="mail", events=[provided("2024-01-10", form="electronic")]),
     "2024-01-15"),
    (make_case(events=[{"on": "2024-01-05", "type": "condition_imposed", "what": what}
                   for what in ("in_person_request", "portal_only", "mail_only", "buy_media",
                                "pay_outstanding_bill", "reason_for_request", "other")]),
     "2024-01-15"),
    (make_case(events=[provided("2024-01-10", complete=False)]), "2024-02-15"),
    (make_case(events=[provided("2024-01-10", complete=False)]), "2024-01-15"),
    (make_case(records=["medical", "imaging"], events=[
        denial("2024-01-10", ["psychotherapy_notes"], scope="partial",
                records=["psychotherapy_notes"])]), "2024-02-15"),
    # Representatives.
    *[(make_case(requester="personal_representative", representative=kind, facts=facts),
       "2024-01-03")
      for kind, facts in (
          ("guardian", {}), ("executor", {"authority_documented": True}),
          ("parent_of_minor", {"minor_exception": "minor_consented"}),
          ("health_care_agent", {"abuse_concern_cited": True, "professional_judgment": False}),
          ("health_care_agent", {"abuse_concern_cited": True}),
          ("health_care_agent", {"abuse_concern_cited": True, "professional_judgment": True}))],
    # States: stricter, longer, unset, expected, missed, unencoded.
    (make_case(state="TX", copy="paper", received="2024-11-22"), "2025-01-10"),
    (make_case(state="DE", holder="hospital"), "2024-01-02"),
    (make_case(state="DE", holder="hospital"), "2024-03-01"),
    (make_case(state="IL", events=[extension("2024-01-20", "2024-02-20")]), "2024-02-10"),
    (make_case(state="NY"), "2024-01-02"),
    (make_case(state="TN", in_writing=False, received="2024-11-22"), "2024-11-23"),
    (make_case(state="CO", holder="hospital", received="2024-08-30"), "2024-08-30"),
    (make_case(state="ID"), "2024-01-02"),
    (make_case(right="amendment", state="TX"), "2024-01-02"),
    (make_case(state="TX", copy="paper", received="2024-11-22",
           events=[provided("2024-12-20", complete=True)]), "2024-12-30"),
]


@cache
def engine_results() -> tuple[dict, ...]:
    return tuple(assess(case, today=dt.date.fromisoformat(today)) for case, today in CASES)


def _variant(finding: dict) -> tuple:
    return (finding["code"], finding["severity"], finding.get("rule"), finding.get("ground"),
            finding.get("what"), finding.get("law"), bool(finding.get("missing")),
            "state_maximum" in finding, finding.get("defective"))


@cache
def engine_findings() -> tuple[dict, ...]:
    """One finding of each distinct variant the cases produce."""
    seen: dict[tuple, dict] = {}
    for result in engine_results():
        for finding in result["findings"]:
            seen.setdefault(_variant(finding), finding)
    return tuple(seen.values())
