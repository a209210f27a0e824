"""Builders for test cases: a valid case with only the facts a test cares about."""

from __future__ import annotations

import datetime as dt
from typing import Any

from recordright.rules import assess


def make_case(*, right: str = "access", received: str = "2024-01-02", as_of: str | None = None,
              state: str | None = None, holder: str = "provider", requester: str = "individual",
              events: list[dict] | tuple = (), **request: Any) -> dict:
    case: dict[str, Any] = {
        "format": "recordright-case/1", "right": right,
        "holder": {"type": holder, "name": "Test Clinic"}, "requester": requester,
        "request": {"received_on": received, **request}, "events": list(events)}
    if as_of:
        case["as_of"] = as_of
    if state:
        case["state"] = state
    return case


def run(today: str = "2024-12-31", **kwargs: Any) -> dict:
    return assess(make_case(**kwargs), today=dt.date.fromisoformat(today))


def codes(result: dict, severity: str | None = None) -> list[str]:
    return [f["code"] for f in result["findings"] if severity in (None, f["severity"])]


def only(result: dict, code: str) -> dict:
    found = [f for f in result["findings"] if f["code"] == code]
    assert len(found) == 1, (code, result["findings"])
    return found[0]


def actions(result: dict) -> list[str]:
    return [s["action"] for s in result["next_steps"]]


def step_for(result: dict, action: str) -> dict:
    return next(s for s in result["next_steps"] if s["action"] == action)


def provided(on: str, **kw: Any) -> dict:
    return {"on": on, "type": "records_provided", **kw}


def denial(on: str, grounds: list[str], **kw: Any) -> dict:
    kw.setdefault("in_writing", True)
    kw.setdefault("notice", {"basis": True, "review_rights": True, "complaint_process": True,
                             "statement_of_disagreement_rights": True,
                             "future_disclosures": True})
    return {"on": on, "type": "denial", "grounds": grounds, **kw}


def extension(on: str, new_date: str | None, **kw: Any) -> dict:
    kw.setdefault("in_writing", True)
    kw.setdefault("reasons_given", True)
    return {"on": on, "type": "extension_notice", "new_date": new_date, **kw}


def fee(on: str, amount: float, components: list[str], **kw: Any) -> dict:
    kw.setdefault("disclosed_in_advance", True)
    return {"on": on, "type": "fee_quote", "amount": amount, "components": components, **kw}
