"""Counting days: calendar days for HIPAA, business (working) days for states that use them.

A business day is Monday to Friday except legal holidays. Which holidays depends on the state
whose law sets the deadline: Washington counts its own legal holidays (RCW 1.16.050: no
Columbus Day, the day after Thanksgiving), Texas its own (Tex. Gov't Code 662.003: also the
day after Thanksgiving, December 24 and 26). A state's calendar is data in states.json
(`holidays`): a subdivision of the `holidays` library, checked against the statute and
corrected by explicit removals and additions. Where a state's holiday statute is not encoded
the US federal calendar is used, and the finding says so (docs/rules.md lists each state).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import holidays

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class HolidayChange:
    """One correction to the library's calendar: a holiday (by its library name) removed, or a
    date added (fixed, or by `rule`), for the years `since` to `until` (inclusive; None =
    open)."""

    name: str
    month: int | None = None
    day: int | None = None
    since: int | None = None
    until: int | None = None
    rule: str | None = None  # a movable date: "friday_after_thanksgiving"

    def in_force(self, year: int) -> bool:
        return (self.since is None or year >= self.since) and (
            self.until is None or year <= self.until)

    def date_in(self, year: int) -> dt.date | None:
        if self.rule == "friday_after_thanksgiving":
            first = dt.date(year, 11, 1)
            thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
            return thursday + ONE_DAY
        if self.month and self.day:
            return dt.date(year, self.month, self.day)
        return None


@dataclass(frozen=True)
class HolidayCalendar:
    """A state's legal holidays for counting business days, with the statute they come from."""

    state: str
    subdiv: str
    observed: bool  # whether a holiday on a weekend moves to a weekday
    remove: tuple[HolidayChange, ...]
    add: tuple[HolidayChange, ...]
    citation: str
    source: str
    checked: str
    summary: str

    def holidays(self, year: int) -> frozenset[dt.date]:
        return _state_holidays(self, year)


@cache
def _federal_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("US", years=year).keys())


@cache
def _state_holidays(cal: HolidayCalendar, year: int) -> frozenset[dt.date]:
    lib = holidays.country_holidays("US", subdiv=cal.subdiv, years=year,
                                    observed=cal.observed)
    removed = {c.name for c in cal.remove if c.in_force(year)}
    days = {day for day in lib if any(_base_name(n) not in removed for n in lib.get_list(day))}
    days |= {d for c in cal.add if c.in_force(year) and (d := c.date_in(year)) is not None}
    return frozenset(days)


def _base_name(name: str) -> str:
    """'Christmas Day (observed)' -> 'Christmas Day': a removal covers the observed date too."""
    return name.removesuffix(" (observed)")


def is_business_day(day: dt.date, cal: HolidayCalendar | None = None) -> bool:
    """Monday to Friday and not a legal holiday: the state's (`cal`) or else federal."""
    if day.weekday() >= 5:
        return False
    return day not in (cal.holidays(day.year) if cal else _federal_holidays(day.year))


def add_calendar_days(start: dt.date, days: int) -> dt.date:
    """The last day of a period of `days` calendar days after `start` (start not counted)."""
    return start + dt.timedelta(days=days)


def add_business_days(start: dt.date, days: int, cal: HolidayCalendar | None = None
                      ) -> dt.date:
    """The `days`-th business day after `start`; the day of receipt is not counted."""
    day = start
    remaining = days
    while remaining > 0:
        day += ONE_DAY
        if is_business_day(day, cal):
            remaining -= 1
    return day


def add_days(start: dt.date, days: int, basis: str, cal: HolidayCalendar | None = None
             ) -> dt.date:
    if basis == "business":
        return add_business_days(start, days, cal)
    return add_calendar_days(start, days)


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
