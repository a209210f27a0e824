"""The federal clock shared by access (30 + 30), amendment and accounting (60 + 30): a base
period in calendar days, and at most one extension announced in writing, with reasons and a
new date, before the base period ends."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recordright.rules.calendar import add_calendar_days
from recordright.rules.case import Case, Event
from recordright.rules.findings import Finding, finding, human_date


@dataclass(frozen=True)
class ClockRules:
    base_days: int
    extension_days: int
    deadline_rule: str
    extension_rule: str
    once_rule: str


ACCESS = ClockRules(30, 30, "access.deadline", "access.extension", "access.extension_once")
AMENDMENT = ClockRules(60, 30, "amendment.deadline", "amendment.extension", "amendment.extension")
ACCOUNTING = ClockRules(60, 30, "accounting.deadline", "accounting.deadline",
                        "accounting.deadline")
# The clock of each right (letters quote its days and its deadline rule from here).
CLOCKS = {"access": ACCESS, "amendment": AMENDMENT, "accounting": ACCOUNTING}


@dataclass(frozen=True)
class Clock:
    received: dt.date
    base: dt.date
    limit: dt.date
    deadline: dt.date
    extended_by: Event | None
    findings: tuple[Finding, ...]


def federal_clock(case: Case, as_of: dt.date, rules: ClockRules) -> Clock:
    received = case.request.received_on
    base = add_calendar_days(received, rules.base_days)
    limit = add_calendar_days(received, rules.base_days + rules.extension_days)
    deadline, extended_by = base, None
    found: list[Finding] = []
    for notice in case.events_of("extension_notice", as_of):
        if extended_by is not None:
            found.append(finding(
                "invalid_extension", "warning", rules.once_rule,
                f"A second extension notice on {human_date(notice.on)} has no effect: only one "
                f"extension is allowed. The deadline stays {human_date(deadline)}.",
                date=notice.on.isoformat()))
            continue
        problems = _notice_problems(notice, base, rules.base_days)
        if problems:
            found.append(finding(
                "invalid_extension", "warning", rules.extension_rule,
                f"The extension notice of {human_date(notice.on)} does not extend the deadline "
                f"because {' and '.join(problems)}. The deadline stays {human_date(base)}.",
                date=notice.on.isoformat()))
            continue
        extended_by = notice
        # A stated date earlier than the base deadline is a promise, not a shorter deadline.
        deadline = max(base, min(notice.new_date, limit))
        if notice.new_date > limit:
            # A valid extension naming too late a date is still an extension: capped, not void.
            found.append(finding(
                "extension_capped", "info", rules.extension_rule,
                f"The extension notice of {human_date(notice.on)} is valid, but it names "
                f"{human_date(notice.new_date)}, and an extension may be at most "
                f"{rules.extension_days} days: the deadline is {human_date(limit)}.",
                date=notice.on.isoformat(), stated_date=notice.new_date.isoformat()))
    return Clock(received, base, limit, deadline, extended_by, tuple(found))


def _notice_problems(notice: Event, base: dt.date, base_days: int) -> list[str]:
    problems = []
    if not notice.in_writing:
        problems.append("it was not in writing")
    if not notice.reasons_given:
        problems.append("it gave no reasons for the delay")
    if notice.new_date is None:
        problems.append("it gave no date by which the request will be completed")
    if notice.on > base:
        problems.append(f"it came after the first {base_days} days (day "
                        f"{(notice.on - base).days + base_days})")
    return problems
