"""Counting days: calendar days for HIPAA, business (working) days for states that use them.

Business days are Monday-Friday except US federal holidays, observed dates included, from the
`holidays` library's US calendar without a subdivision. State statutes that count "business"
or "working" days do not define their holidays; the federal list is the common baseline that
every covered entity observes, and adding a state's own holidays would lengthen deadlines on
an assumption. The choice is documented in docs/rules.md (rule calendar.business_days).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays

ONE_DAY = dt.timedelta(days=1)


def add_calendar_days(start: dt.date, days: int) -> dt.date:
    """The last day of a period of `days` calendar days after `start` (start not counted)."""
    return start + dt.timedelta(days=days)


@cache
def _federal_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("US", years=year).keys())


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _federal_holidays(day.year)


def add_business_days(start: dt.date, days: int) -> dt.date:
    """The `days`-th business day after `start`; the day of receipt is not counted."""
    day = start
    remaining = days
    while remaining > 0:
        day += ONE_DAY
        if is_business_day(day):
            remaining -= 1
    return day


def add_days(start: dt.date, days: int, basis: str) -> dt.date:
    if basis == "business":
        return add_business_days(start, days)
    return add_calendar_days(start, days)


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
