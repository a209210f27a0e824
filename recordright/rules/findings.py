"""Findings and next steps: the engine's two kinds of output, built only through helpers
that take their citation from the catalog so nothing can be emitted without one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from recordright.rules.calendar import iso
from recordright.rules.law import rule
from recordright.rules.vocab import NEXT_STEP_ACTIONS

SEVERITIES = ("violation", "warning", "info")


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    citation: str
    message: str
    rule: str | None = None
    # "federal" or "state": which law a violation is under, so complaints go to the right place.
    law: str = "federal"
    # When the patient knew (or should have known) of the act: starts the OCR complaint window.
    knew_on: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "severity": self.severity,
                               "citation": self.citation, "message": self.message}
        if self.rule:
            out["rule"] = self.rule
        if self.severity == "violation":
            out["law"] = self.law
        out.update(self.extra)
        return out


@dataclass(frozen=True)
class NextStep:
    action: str
    due: dt.date | None
    message: str
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"action": self.action, "due": iso(self.due), "message": self.message,
                **self.extra}


def cite(*rule_ids: str) -> str:
    """Citations of several catalog rules joined, without repeats."""
    seen: list[str] = []
    for rid in rule_ids:
        c = rule(rid).citation
        if c not in seen:
            seen.append(c)
    return "; ".join(seen)


def finding(code: str, severity: str, rule_id: str, message: str, *,
            also: tuple[str, ...] = (), citation: str | None = None, law: str = "federal",
            knew_on: dt.date | None = None, **extra: Any) -> Finding:
    """A finding citing catalog rule `rule_id` (plus `also`), or an explicit state citation."""
    assert severity in SEVERITIES, severity
    text = citation or cite(rule_id, *also)
    return Finding(code=code, severity=severity, citation=text, message=message, rule=rule_id,
                   law=law, knew_on=knew_on, extra=extra)


def step(action: str, due: dt.date | None, message: str, **extra: Any) -> NextStep:
    assert action in NEXT_STEP_ACTIONS, action  # a new action goes into the vocabulary first
    return NextStep(action=action, due=due, message=message, extra=extra)


def money(amount: float) -> str:
    return f"${amount:,.2f}"


def human_date(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"
