"""Builders for test cases: a valid case with only the facts a test cares about."""

from __future__ import annotations

import datetime as dt
from typing import Any

from recordright.rules import assess
from tests.case_builders import denial, extension, fee, make_case, provided

__all__ = ["actions", "codes", "denial", "extension", "fee", "make_case", "only", "provided",
           "run", "step_for"]


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
