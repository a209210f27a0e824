"""Builders for rights-engine cases and events: a valid case with only the facts a test cares about.

Shared by tests/rules (through rules_helpers, since tests/rules is not a package and its
modules import ``rules_helpers`` by bare name) and tests/letters (engine_findings).
"""

from __future__ import annotations

from typing import Any

WRITTEN_NOTICE = {"basis": True, "review_rights": True, "complaint_process": True,
                  "statement_of_disagreement_rights": True, "future_disclosures": True}


def make_case(*, right: str = "access", received: str = "2024-01-02", as_of: str | None = None,
              state: str | None = None, holder: str = "provider", requester: str = "individual",
              events: list[dict] | tuple = (), representative: str | None = None,
              facts: dict | None = None, **request: Any) -> dict:
    case: dict[str, Any] = {
        "format": "recordright-case/1", "right": right,
        "holder": {"type": holder, "name": "Test Clinic"}, "requester": requester,
        "request": {"received_on": received, **request}, "events": list(events)}
    if as_of:
        case["as_of"] = as_of
    if state:
        case["state"] = state
    if representative:
        case["representative"] = representative
    if facts:
        case["representative_facts"] = facts
    return case


def provided(on: str, **kw: Any) -> dict:
    return {"on": on, "type": "records_provided", **kw}


def denial(on: str, grounds: list[str], **kw: Any) -> dict:
    kw.setdefault("in_writing", True)
    kw.setdefault("notice", dict(WRITTEN_NOTICE))
    return {"on": on, "type": "denial", "grounds": grounds, **kw}


def extension(on: str, new_date: str | None, **kw: Any) -> dict:
    kw.setdefault("in_writing", True)
    kw.setdefault("reasons_given", True)
    return {"on": on, "type": "extension_notice", "new_date": new_date, **kw}


def fee(on: str, amount: float, components: list[str], **kw: Any) -> dict:
    kw.setdefault("disclosed_in_advance", True)
    return {"on": on, "type": "fee_quote", "amount": amount, "components": components, **kw}
