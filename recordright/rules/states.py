"""State overlays as data (data/states.json): deadlines, fee caps, unpaid-bill rules and
complaint routes, each with its citation, source and the date checked.

Status comes from the research notes: A (deadline and fee verified), B (fee verified, no day
count: federal 30 days applies), C (partial) and U (unverified). A and B states are encoded; a
C state is encoded only for the parts it has data for (e.g. Colorado's facility expectation,
which is not binding); for the rest, U and codes not in the table the federal rule applies and
the finding says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from recordright.rules.calendar import HolidayCalendar, HolidayChange
from recordright.rules.law import load_json

ENCODED_STATUSES = ("A", "B")
# Day-count words for people, when the data does not name the statute's own ("working days").
UNIT = {"calendar": "days", "business": "business days"}


@dataclass(frozen=True)
class StateDeadline:
    id: str
    holder_types: tuple[str, ...]
    copy: tuple[str, ...] | None
    days: int
    basis: str
    requires_written_request: bool
    # How the state deadline may be extended: "none"; "days" (a delay notice, up to
    # extension_days); "hipaa" (the state adopts 164.524(b), so a valid federal extension
    # extends it too); "unquantified" (the state allows an extension whose length is not
    # encoded, so a valid federal extension is not second-guessed).
    extension: str
    extension_days: int | None
    citation: str
    source: str
    checked: str
    summary: str
    # False for a figure the state states as an expectation ("normally"), not a deadline: it is
    # shown, never used to call a response late.
    binding: bool = True
    unit: str = ""  # how the statute names its days ("working days"); default from basis

    @property
    def unit_words(self) -> str:
        return self.unit or UNIT[self.basis]

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
    # Finding codes that open this route (empty: any violation), e.g. Delaware's court penalty
    # only once its own 45 days have passed.
    requires: tuple[str, ...] = ()
    due_days: int | None = None  # days after receipt by which the route must be taken
    kind: str = "complaint"  # "complaint" (a board or agency) or "court" (a motion in court)


@dataclass(frozen=True)
class StateOverlay:
    code: str
    name: str
    status: str
    statute: str
    sources: str
    checked: str
    note: str
    patient_note: str
    holidays: HolidayCalendar | None  # the state's legal holidays, where encoded
    deadlines: tuple[StateDeadline, ...]
    fees: tuple[StateFee, ...]
    unpaid_bill_citation: str | None
    complaint_routes: tuple[StateRoute, ...]


class StateLookup(NamedTuple):
    overlay: StateOverlay | None
    status: str  # A, B, C, U, or "not_listed"


def _deadline(d: dict) -> StateDeadline:
    return StateDeadline(
        id=d["id"], holder_types=tuple(d["holder_types"]),
        copy=tuple(d["copy"]) if d["copy"] is not None else None, days=d["days"],
        basis=d["basis"], requires_written_request=d["requires_written_request"],
        extension=d["extension"], extension_days=d["extension_days"],
        citation=d["citation"], source=d["source"],
        checked=d["checked"], summary=d["summary"], binding=d.get("binding", True),
        unit=d.get("unit", ""))


def _holidays(code: str, h: dict | None) -> HolidayCalendar | None:
    if h is None:
        return None

    def change(c: dict) -> HolidayChange:
        return HolidayChange(name=c["name"], month=c.get("month"), day=c.get("day"),
                             since=c.get("since"), until=c.get("until"), rule=c.get("rule"))

    return HolidayCalendar(
        state=code, subdiv=h["subdiv"], observed=h["observed"],
        remove=tuple(change(c) for c in h["remove"]), add=tuple(change(c) for c in h["add"]),
        citation=h["citation"], source=h["source"], checked=h["checked"], summary=h["summary"])


def _route(r: dict) -> StateRoute:
    return StateRoute(name=r["name"], citation=r["citation"], source=r["source"],
                      checked=r["checked"], summary=r["summary"],
                      requires=tuple(r.get("requires", ())), due_days=r.get("due_days"),
                      kind=r.get("kind", "complaint"))


def _encoded(s: dict) -> bool:
    """A and B states; a C state only where it has figures (its verified parts)."""
    return s["status"] in ENCODED_STATUSES or (
        s["status"] == "C" and bool(s["deadlines"] or s["fees"]))


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
        if _encoded(s):
            overlay = StateOverlay(
                code=code, name=s["name"], status=s["status"], statute=s["statute"],
                sources=s["sources"], checked=s["checked"], note=s["note"],
                patient_note=s.get("patient_note", ""),
                holidays=_holidays(code, s.get("holidays")),
                deadlines=tuple(_deadline(d) for d in s["deadlines"]),
                fees=tuple(_fee(f) for f in s["fees"]),
                unpaid_bill_citation=(s["unpaid_bill"] or {}).get("citation"),
                complaint_routes=tuple(_route(r) for r in s["complaint_routes"]))
        out[code] = (s, overlay)
    return out


def state_rule(code: str) -> StateLookup:
    """The overlay for a USPS code (None unless encoded: status A or B, or C with figures)
    and its status:
    `overlay, status = state_rule("CA")`."""
    raw, overlay = _table().get(code, (None, None))
    if raw is None:
        return StateLookup(None, "not_listed")
    return StateLookup(overlay, raw["status"])


def state_name(code: str) -> str:
    """The state's name, or the code itself for one not in the table."""
    raw = raw_state(code)
    return raw["name"] if raw else code


def encoded_states() -> dict[str, str]:
    """Every state in the table with its status, encoded or not, e.g. {"CA": "A", ...}."""
    return {code: raw["status"] for code, (raw, _) in sorted(_table().items())}


def raw_state(code: str) -> dict | None:
    """The data-file entry for a state, for documentation."""
    entry = _table().get(code)
    return entry[0] if entry else None
