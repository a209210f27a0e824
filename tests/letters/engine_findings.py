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
from typing import Any

import recordright.rules
from recordright.rules import assess

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

WRITTEN_NOTICE = {"basis": True, "review_rights": True, "complaint_process": True,
                  "statement_of_disagreement_rights": True, "future_disclosures": True}


def _denial(on: str, grounds: list[str], **kw: Any) -> dict:
    kw.setdefault("in_writing", True)
    kw.setdefault("notice", WRITTEN_NOTICE)
    return {"on": on, "type": "denial", "grounds": grounds, **kw}


def _fee(on: str, amount: float, components: list[str], **kw: Any) -> dict:
    kw.setdefault("disclosed_in_advance", True)
    return {"on": on, "type": "fee_quote", "amount": amount, "components": components, **kw}


def _extension(on: str, new_date: str | None, **kw: Any) -> dict:
    kw.setdefault("in_writing", True)
    kw.setdefault("reasons_given", True)
    return {"on": on, "type": "extension_notice", "new_date": new_date, **kw}


def _provided(on: str, **kw: Any) -> dict:
    return {"on": on, "type": "records_provided", **kw}


def _case(*, right: str = "access", received: str = "2024-01-02", state: str | None = None,
          holder: str = "provider", requester: str = "individual", events=(),
          representative: str | None = None, facts: dict | None = None,
          **request: Any) -> dict:
    case: dict[str, Any] = {
        "format": "recordright-case/1", "right": right,
        "holder": {"type": holder, "name": "Test Clinic"}, "requester": requester,
        "request": {"received_on": received, **request}, "events": list(events)}
    if state:
        case["state"] = state
    if representative:
        case["representative"] = representative
    if facts:
        case["representative_facts"] = facts
    return case


# (case, today): each produces some findings; together they produce every code and the
# variants the statement table tells apart (rule, ground, condition, severity).
UNLAWFUL = ["unpaid_bill", "privacy_law", "emotional_distress", "records_from_other_provider",
            "records_too_old", "in_person_required", "identity_not_verified", "policy", "other",
            "accurate_and_complete"]
CASES: list[tuple[dict, str]] = [
    # Late, oral denial, invalid and capped extensions, complaint window.
    (_case(events=[_denial("2024-01-10", ["policy"], in_writing=False)]), "2024-03-01"),
    (_case(events=[_extension("2024-01-20", None, reasons_given=False)]), "2024-02-10"),
    (_case(events=[_extension("2024-01-20", "2024-02-20"), _extension("2024-01-25", "2024-02-25")]),
     "2024-02-10"),
    (_case(events=[_extension("2024-01-20", "2024-04-30")]), "2024-01-20"),
    (_case(events=[_provided("2024-03-15", complete=True)]), "2024-03-20"),
    # Every ground, one denial each (permitted, reviewable, unreviewable, unlawful).
    *[(_case(events=[_denial("2024-01-10", [g])], records=["medical"]), "2024-01-15")
      for g in UNLAWFUL + ["psychotherapy_notes", "litigation_materials", "research_in_progress",
                           "privacy_act", "confidential_source", "correctional_safety",
                           "records_not_held", "clia_lab_rule", "oversight_suspension"]],
    (_case(events=[_denial("2014-01-10", ["clia_lab_rule"])], received="2014-01-02",
           holder="clinical_lab"), "2014-01-15"),
    (_case(events=[_denial("2024-01-10", ["psychotherapy_notes"])],
           records=["psychotherapy_notes"]), "2024-01-15"),
    (_case(events=[_denial("2024-01-10", ["endanger_life_or_safety"],
                           licensed_professional_determination=False)]), "2024-01-15"),
    (_case(events=[_denial("2024-01-10", ["harm_to_other_person"],
                           licensed_professional_determination=True)]), "2024-01-15"),
    (_case(events=[_denial("2024-01-10", ["personal_representative_harm"])]), "2024-01-15"),
    (_case(events=[_denial("2024-01-10", ["unpaid_bill"], notice={"basis": True})]),
     "2024-01-15"),
    (_case(events=[_denial("2024-01-10", ["unpaid_bill"])], state="CA"), "2024-01-15"),
    # Amendment and accounting.
    (_case(right="amendment", events=[_denial("2024-01-10", ["accurate_and_complete"]),
                                      _denial("2024-01-11", ["policy"], notice={})]),
     "2024-01-15"),
    (_case(right="amendment", events=[_denial("2024-01-10", ["policy"], in_writing=False)]),
     "2024-01-15"),
    (_case(right="accounting", events=[_denial("2024-01-10", ["oversight_suspension"]),
                                       _denial("2024-01-11", ["policy"])]), "2024-01-15"),
    (_case(right="accounting", prior_accountings_last_12_months=0,
           events=[_fee("2024-01-05", 20, ["copying_labor"])]), "2024-01-15"),
    (_case(right="accounting", events=[_fee("2024-01-05", 20, ["copying_labor"])]),
     "2024-01-15"),
    (_case(right="accounting", prior_accountings_last_12_months=2,
           events=[_fee("2024-01-05", 20, ["copying_labor"], disclosed_in_advance=False)]),
     "2024-01-15"),
    # Fees.
    (_case(copy="inspection", events=[_fee("2024-01-05", 10, ["copying_labor"])]),
     "2024-01-15"),
    (_case(copy="electronic", maintained_electronically=True, delivery="email",
           events=[_fee("2024-01-05", 90, ["search_retrieval", "per_page", "postage", "media",
                                           "supplies", "summary"],
                        disclosed_in_advance=False)]), "2024-01-15"),
    (_case(copy="electronic", maintained_electronically=True, delivery="email",
           events=[_fee("2024-01-05", 20, ["copying_labor"])]), "2024-01-15"),
    (_case(send_to="third_party", copy="paper", delivery="mail", in_writing=True, state="TX",
           events=[_fee("2024-01-05", 90, ["copying_labor"], pages=50)]), "2024-01-15"),
    (_case(send_to="third_party", copy="electronic", delivery="email", in_writing=False,
           events=[_fee("2024-01-05", 20, ["copying_labor"])]), "2024-01-15"),
    (_case(state="MI", copy="paper", delivery="pickup",
           events=[_fee("2024-01-05", 500, ["copying_labor"], pages=10)]), "2024-01-15"),
    (_case(state="DE", copy="paper", delivery="pickup",
           events=[_fee("2024-01-05", 60, ["copying_labor", "supplies"], pages=40)]),
     "2024-01-15"),
    # Formats and conditions.
    (_case(copy="electronic", maintained_electronically=True, delivery="unencrypted_email",
           events=[_provided("2024-01-10", form="paper", summary_only=True)]), "2024-01-15"),
    (_case(copy="electronic", events=[_provided("2024-01-10", form="paper")]), "2024-01-15"),
    (_case(copy="paper", delivery="mail", events=[_provided("2024-01-10", form="electronic")]),
     "2024-01-15"),
    (_case(events=[{"on": "2024-01-05", "type": "condition_imposed", "what": what}
                   for what in ("in_person_request", "portal_only", "mail_only", "buy_media",
                                "pay_outstanding_bill", "reason_for_request", "other")]),
     "2024-01-15"),
    (_case(events=[_provided("2024-01-10", complete=False)]), "2024-02-15"),
    (_case(events=[_provided("2024-01-10", complete=False)]), "2024-01-15"),
    (_case(records=["medical", "imaging"], events=[
        _denial("2024-01-10", ["psychotherapy_notes"], scope="partial",
                records=["psychotherapy_notes"])]), "2024-02-15"),
    # Representatives.
    *[(_case(requester="personal_representative", representative=kind, facts=facts),
       "2024-01-03")
      for kind, facts in (
          ("guardian", {}), ("executor", {"authority_documented": True}),
          ("parent_of_minor", {"minor_exception": "minor_consented"}),
          ("health_care_agent", {"abuse_concern_cited": True, "professional_judgment": False}),
          ("health_care_agent", {"abuse_concern_cited": True}),
          ("health_care_agent", {"abuse_concern_cited": True, "professional_judgment": True}))],
    # States: stricter, longer, unset, expected, missed, unencoded.
    (_case(state="TX", copy="paper", received="2024-11-22"), "2025-01-10"),
    (_case(state="DE", holder="hospital"), "2024-01-02"),
    (_case(state="DE", holder="hospital"), "2024-03-01"),
    (_case(state="IL", events=[_extension("2024-01-20", "2024-02-20")]), "2024-02-10"),
    (_case(state="NY"), "2024-01-02"),
    (_case(state="TN", in_writing=False, received="2024-11-22"), "2024-11-23"),
    (_case(state="CO", holder="hospital", received="2024-08-30"), "2024-08-30"),
    (_case(state="ID"), "2024-01-02"),
    (_case(right="amendment", state="TX"), "2024-01-02"),
    (_case(state="TX", copy="paper", received="2024-11-22",
           events=[_provided("2024-12-20", complete=True)]), "2024-12-30"),
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
