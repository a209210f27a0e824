"""State overlays as data (data/states.json): deadlines, fee caps, unpaid-bill rules and
complaint routes, each with its citation, source and the date checked.

Status comes from the research notes: A (deadline and fee verified), B (fee verified, no day
count: federal 30 days applies), C (partial) and U (unverified). Only A and B states are
encoded; for C, U and codes not in the table the engine applies the federal rule and says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from recordright.rules.law import load_json

ENCODED_STATUSES = ("A", "B")


@dataclass(frozen=True)
class StateDeadline:
    id: str
    holder_types: tuple[str, ...]
    copy: tuple[str, ...] | None
    days: int
    basis: str
    requires_written_request: bool
    extension_days: int | None
    citation: str
    source: str
    checked: str
    summary: str

    def applies(self, holder_type: str, copy: str | None) -> bool:
        # An unknown copy kind is treated as a copy (paper or electronic), the usual request.
        kind = copy or "paper"
        return holder_type in self.holder_types and (self.copy is None or kind in self.copy)


@dataclass(frozen=True)
class StateFee:
    id: str
    holder_types: tuple[str, ...]
    copy: tuple[str, ...]
    kind: str  # schedule | per_page_rate | hipaa_only | no_cap | note
    fixed: float
    tiers: tuple[tuple[int, int | None, float], ...]
    brackets: tuple[tuple[int, int | None, float], ...]
    total_max: float | None
    floor: float | None
    max_pages: int | None
    postage: str
    verified_current: bool
    effective_from: dt.date | None
    per_admission: bool
    third_party: bool
    citation: str
    source: str
    checked: str
    summary: str

    def applies(self, holder_type: str, copy: str | None, on: dt.date) -> bool:
        if self.effective_from and on < self.effective_from:
            return False
        return holder_type in self.holder_types and (copy or "paper") in self.copy

    def cap(self, pages: int | None) -> float | None:
        """The state's maximum for `pages` pages, or None when it cannot be computed."""
        if self.kind != "schedule":
            return None
        needs_pages = bool(self.tiers or self.brackets)
        if needs_pages and pages is None:
            return None
        if self.max_pages is not None and pages is not None and pages > self.max_pages:
            # Beyond the pages the schedule covers only the overall maximum is known.
            return self.total_max
        amount = self.fixed + sum(_tier_charge(t, pages or 0) for t in self.tiers)
        bracket = _bracket(self.brackets, pages or 0)
        if self.brackets:
            if bracket is None:
                return None
            amount = bracket if not self.tiers else min(amount, bracket)
        if self.floor is not None:
            amount = max(amount, self.floor)
        if self.total_max is not None:
            amount = min(amount, self.total_max) if (self.tiers or self.brackets or
                                                     self.fixed) else self.total_max
        return round(amount, 2)


def _tier_charge(tier: tuple[int, int | None, float], pages: int) -> float:
    low, high, rate = tier
    top = pages if high is None else min(pages, high)
    return max(0, top - low + 1) * rate


def _bracket(brackets: tuple, pages: int) -> float | None:
    for low, high, amount in brackets:
        if pages >= low and (high is None or pages <= high):
            return amount
    return None


@dataclass(frozen=True)
class StateRoute:
    name: str
    citation: str
    source: str
    checked: str
    summary: str


@dataclass(frozen=True)
class StateOverlay:
    code: str
    name: str
    status: str
    statute: str
    sources: str
    checked: str
    note: str
    deadlines: tuple[StateDeadline, ...]
    fees: tuple[StateFee, ...]
    unpaid_bill_citation: str | None
    complaint_routes: tuple[StateRoute, ...]


class StateLookup(NamedTuple):
    overlay: StateOverlay | None
    status: str  # A, B, C, U, or "not_listed"
    name: str


def _deadline(d: dict) -> StateDeadline:
    return StateDeadline(
        id=d["id"], holder_types=tuple(d["holder_types"]),
        copy=tuple(d["copy"]) if d["copy"] is not None else None, days=d["days"],
        basis=d["basis"], requires_written_request=d["requires_written_request"],
        extension_days=d["extension_days"], citation=d["citation"], source=d["source"],
        checked=d["checked"], summary=d["summary"])


def _fee(d: dict) -> StateFee:
    eff = d["effective_from"]
    return StateFee(
        id=d["id"], holder_types=tuple(d["holder_types"]), copy=tuple(d["copy"]),
        kind=d["kind"], fixed=float(d["fixed"]), tiers=tuple(tuple(t) for t in d["tiers"]),
        brackets=tuple(tuple(b) for b in d["brackets"]), total_max=d["total_max"],
        floor=d["floor"], max_pages=d["max_pages"], postage=d["postage"],
        verified_current=d["verified_current"],
        effective_from=dt.date.fromisoformat(eff) if eff else None,
        per_admission=d["per_admission"], third_party=d["third_party"],
        citation=d["citation"], source=d["source"], checked=d["checked"],
        summary=d["summary"])


@cache
def _table() -> dict[str, tuple[dict, StateOverlay | None]]:
    out: dict[str, tuple[dict, StateOverlay | None]] = {}
    for code, s in load_json("states.json")["states"].items():
        overlay = None
        if s["status"] in ENCODED_STATUSES:
            overlay = StateOverlay(
                code=code, name=s["name"], status=s["status"], statute=s["statute"],
                sources=s["sources"], checked=s["checked"], note=s["note"],
                deadlines=tuple(_deadline(d) for d in s["deadlines"]),
                fees=tuple(_fee(f) for f in s["fees"]),
                unpaid_bill_citation=(s["unpaid_bill"] or {}).get("citation"),
                complaint_routes=tuple(StateRoute(**r) for r in s["complaint_routes"]))
        out[code] = (s, overlay)
    return out


def state_rule(code: str) -> StateLookup:
    """The overlay for a USPS code (None unless encoded) with its status and name."""
    raw, overlay = _table().get(code, (None, None))
    if raw is None:
        return StateLookup(None, "not_listed", code)
    return StateLookup(overlay, raw["status"], raw["name"])


def encoded_states() -> dict[str, str]:
    """Every state in the table with its status, encoded or not, e.g. {"CA": "A", ...}."""
    return {code: raw["status"] for code, (raw, _) in sorted(_table().items())}


def raw_state(code: str) -> dict | None:
    """The data-file entry for a state, for documentation."""
    entry = _table().get(code)
    return entry[0] if entry else None
