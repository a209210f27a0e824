"""Right of access, 45 CFR 164.524: the deadline (federal, and a shorter state one where
encoded) and the response's timeliness and completeness."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recordright.rules import clock
from recordright.rules.calendar import add_days
from recordright.rules.context import Ctx
from recordright.rules.findings import Finding, NextStep, finding, human_date, step
from recordright.rules.response import granted, partial_denial, read_response
from recordright.rules.states import StateDeadline
from recordright.rules.timeliness import Deadline

HOLDER_WORDS = {"provider": "a doctor's office or other provider", "hospital": "a hospital",
                "clinical_lab": "a laboratory", "health_plan": "a health plan",
                "pharmacy": "a pharmacy", "correctional": "a correctional facility",
                "other": "this kind of records holder"}


@dataclass(frozen=True)
class AccessDeadline:
    deadline: Deadline
    findings: list[Finding]
    basis: str  # "calendar" or "business": how the governing deadline was counted
    # A state deadline longer than HIPAA's (Delaware's 45 days): it never extends the federal
    # one, but once it passes too the state's own law is breached.
    state_longer: StateDeadline | None = None
    state_longer_date: dt.date | None = None


def access_deadline(ctx: Ctx) -> AccessDeadline:
    fed = clock.federal_clock(ctx.case, ctx.as_of, clock.ACCESS)
    found = list(fed.findings)
    found += _expectations(ctx, fed)
    rule_dl = _state_deadline_rule(ctx, fed, found)
    federal = Deadline(fed.deadline, fed.deadline, "access.deadline", fed.extended_by is not None)
    if rule_dl is None:
        return AccessDeadline(federal, found, "calendar")
    state_date = _state_date(ctx, rule_dl, fed)
    name = ctx.state_name
    if state_date < fed.deadline:
        state_base = _add(ctx, ctx.case.request.received_on, rule_dl.days, rule_dl)
        no_ext = ""
        if fed.extended_by is not None and rule_dl.extension == "none":
            no_ext = (f" {name} law has no extension, so the holder's extension notice does "
                      "not move this date.")
        label = _label(ctx, rule_dl, state_date, state_base)
        found.append(finding(
            "state_deadline_shorter", "info", "state.preemption",
            f"{name} law is stricter than HIPAA here: {rule_dl.summary} That makes the deadline "
            f"{human_date(state_date)} ({label}), earlier than the federal "
            f"{human_date(fed.deadline)}.{no_ext}{_holiday_sentence(ctx, rule_dl)}",
            citation=_citation(ctx, rule_dl), state=ctx.case.state,
            state_rule=rule_dl.id, deadline_basis=rule_dl.basis, checked=rule_dl.checked,
            **_holiday_extra(ctx, rule_dl)))
        # The late finding cites the deadline rule with its holiday statute beside it.
        state_citation = _citation(ctx, rule_dl).removesuffix("; 45 CFR 160.203")
        return AccessDeadline(Deadline(state_date, fed.deadline, "access.deadline",
                                       state_date > state_base, state_citation),
                              found, rule_dl.basis)
    if rule_dl.days > 30:
        found.append(finding(
            "state_deadline_longer", "info", "state.preemption",
            f"{name} allows {rule_dl.days} {rule_dl.unit_words}, but a longer state deadline "
            f"does not extend HIPAA's: the federal deadline of {human_date(fed.deadline)} "
            f"applies. {name}'s own law is broken only if its {rule_dl.days} "
            f"{rule_dl.unit_words} ({human_date(state_date)}) also pass without the records.",
            citation=f"{rule_dl.citation}; 45 CFR 160.203", state=ctx.case.state,
            state_rule=rule_dl.id, state_deadline=state_date.isoformat()))
        return AccessDeadline(federal, found, "calendar", rule_dl, state_date)
    if rule_dl.extension == "unquantified" and fed.extended_by is not None:
        found.append(finding(
            "state_deadline_not_set", "info", "state.preemption",
            f"{name} law allows a written extension, but how long it may be is not encoded, "
            f"so the federal extended deadline of {human_date(fed.deadline)} is applied. "
            f"Check {rule_dl.citation}.",
            citation=f"{rule_dl.citation}; 45 CFR 164.524(b)(2)(ii)", state=ctx.case.state,
            state_rule=rule_dl.id))
    return AccessDeadline(federal, found, "calendar")


def _add(ctx: Ctx, start: dt.date, days: int, rule_dl: StateDeadline) -> dt.date:
    """Count a state's days on its own calendar (its legal holidays, where encoded)."""
    return add_days(start, days, rule_dl.basis, ctx.overlay.holidays if ctx.overlay else None)


def _label(ctx: Ctx, rule_dl: StateDeadline, date: dt.date, base: dt.date) -> str:
    """How the state date was counted, in the statute's own words: after a delay notice
    Washington's date is its 21-working-day cap, not "15 business days"."""
    unit = rule_dl.unit_words
    written = " after a written request" if rule_dl.requires_written_request else ""
    if date <= base or not rule_dl.extension_days:
        return f"{rule_dl.days} {unit}{written}"
    cap = f"{rule_dl.extension_days}-{unit.rstrip('s').replace(' ', '-')} cap"
    limit = _add(ctx, ctx.case.request.received_on, rule_dl.extension_days, rule_dl)
    return (f"the {cap} after a delay notice" if date == limit
            else f"the date in the delay notice, within the {cap}")


def _citation(ctx: Ctx, rule_dl: StateDeadline) -> str:
    """The deadline rule, with the holiday statute beside it when days are business days."""
    cal = ctx.overlay.holidays if ctx.overlay else None
    parts = [rule_dl.citation]
    if rule_dl.basis == "business" and cal is not None:
        parts.append(cal.citation)
    return "; ".join([*parts, "45 CFR 160.203"])


def _holiday_sentence(ctx: Ctx, rule_dl: StateDeadline) -> str:
    if rule_dl.basis != "business":
        return ""
    name = ctx.state_name
    cal = ctx.overlay.holidays if ctx.overlay else None
    if cal is not None:
        return f" {rule_dl.unit_words.capitalize()} skip weekends and {name}'s legal holidays."
    return (f" {name}'s own list of state holidays has not been checked yet, so weekends "
            f"and federal holidays were skipped in counting; where {name}'s holidays differ "
            "from the federal ones, the true date may be a day or more different.")


def _holiday_extra(ctx: Ctx, rule_dl: StateDeadline) -> dict:
    if rule_dl.basis != "business":
        return {}
    cal = ctx.overlay.holidays if ctx.overlay else None
    return {"holidays": cal.citation if cal else "federal",
            "holidays_encoded": cal is not None}


def _expectations(ctx: Ctx, fed: clock.Clock) -> list[Finding]:
    """A state figure stated as an expectation ("normally within 10 business days") is shown
    with its date, never used to call the response late."""
    overlay = ctx.overlay
    if overlay is None:
        return []
    out = []
    for rule_dl in overlay.deadlines:
        if rule_dl.binding or not rule_dl.applies(ctx.case.holder.type, ctx.case.request.copy):
            continue
        expected = _state_date(ctx, rule_dl, fed)
        out.append(finding(
            "state_expectation", "info", "state.preemption",
            f"{ctx.state_name}: {rule_dl.summary} For this request that would be "
            f"{human_date(expected)} ({rule_dl.days} {rule_dl.unit_words}). The current text of "
            f"{ctx.state_name}'s rule has not been verified, so this is what the state expects, "
            f"not a deadline: the federal deadline of {human_date(fed.deadline)} decides whether "
            f"the response is late.{_holiday_sentence(ctx, rule_dl)}",
            citation=_citation(ctx, rule_dl), state=ctx.case.state, state_rule=rule_dl.id,
            expected_by=expected.isoformat(), binding=False, checked=rule_dl.checked,
            **_holiday_extra(ctx, rule_dl)))
    return out


def _state_deadline_rule(ctx: Ctx, fed: clock.Clock, found: list[Finding]
                         ) -> StateDeadline | None:
    overlay = ctx.overlay
    if overlay is None:
        return None
    req = ctx.case.request
    applicable = [d for d in overlay.deadlines if d.applies(ctx.case.holder.type, req.copy)]
    matches = [d for d in applicable if d.binding]
    if applicable and not matches:
        return None  # only an expectation applies; _expectations has said so
    oral_only = False
    if req.in_writing is False:
        oral_only = bool(matches)
        matches = [d for d in matches if not d.requires_written_request]
    if not matches:
        holder = HOLDER_WORDS.get(ctx.case.holder.type, HOLDER_WORDS["other"])
        why = (f"{overlay.name}'s day count runs from a written request, and this request was "
               "not in writing" if oral_only else
               f"{overlay.name} law sets no day count known here for a request to {holder}")
        found.append(finding(
            "state_deadline_not_set", "info", "state.preemption",
            f"{why}; the federal 30-day rule applies.",
            citation=f"{overlay.statute}; 45 CFR 164.524(b)(2)" if overlay.statute else None,
            state=ctx.case.state))
        return None
    return min(matches, key=lambda d: _state_date(ctx, d, fed))


def _state_date(ctx: Ctx, rule_dl: StateDeadline, fed: clock.Clock) -> dt.date:
    """The state deadline, with the state's own extension where it has one."""
    received = ctx.case.request.received_on
    base = _add(ctx, received, rule_dl.days, rule_dl)
    if rule_dl.extension in ("hipaa", "unquantified") and fed.extended_by is not None:
        # The state adopts HIPAA's timing (or allows an extension of unencoded length): a
        # valid federal extension moves the state date too; never earlier than the state's.
        return max(base, fed.deadline)
    if rule_dl.extension != "days" or not rule_dl.extension_days:
        return base
    limit = _add(ctx, received, rule_dl.extension_days, rule_dl)
    for notice in ctx.events("extension_notice"):
        if notice.in_writing and notice.reasons_given and notice.on <= base:
            return max(base, min(notice.new_date or limit, limit))
    return base


def state_breach(ctx: Ctx, ad: AccessDeadline) -> list[Finding]:
    """Past a longer state deadline too (Delaware's 45 days) with the records still not given:
    the state's own law is broken as well, which opens its own remedy."""
    rule_dl, date = ad.state_longer, ad.state_longer_date
    if rule_dl is None or date is None:
        return []
    resp = read_response(ctx)
    done = resp.resolved_on
    if (done or ctx.as_of) <= date:
        return []
    name = ctx.state_name
    when = (f"the holder answered only on {human_date(done)}" if done else
            "the records have still not been provided")
    return [finding(
        "state_deadline_missed", "violation", "state.preemption",
        f"{name}'s own limit of {rule_dl.days} {rule_dl.unit_words} ({human_date(date)}) has "
        f"also passed and {when}, so {name} law is broken too.",
        citation=rule_dl.citation, law="state", knew_on=date + dt.timedelta(days=1),
        state=ctx.case.state, state_rule=rule_dl.id)]


def completeness(ctx: Ctx, dl: Deadline) -> tuple[list[Finding], list[NextStep]]:
    """Records given in part, with the rest neither given nor denied in writing; or a written
    partial denial with nothing of the rest given (164.524(d)(1): give the rest)."""
    grants = granted(ctx)
    partial = [g for g in grants if not g.complete]
    partial_denials = [d for d in ctx.events("denial") if d.in_writing and partial_denial(ctx, d)]
    if any(g.complete for g in grants):
        return [], []
    if partial and not partial_denials:
        msg = (f"Only part of the records came on {human_date(partial[0].on)}. The rest must be "
               f"provided, or denied in writing with the reasons, by "
               f"{human_date(dl.effective)}.")
    elif partial_denials and not grants:
        msg = (f"On {human_date(partial_denials[0].on)} part of the request was denied in "
               "writing, but the records that were not denied have not been provided. They "
               f"must be provided by {human_date(dl.effective)}.")
    else:
        return [], []
    overdue = ctx.as_of > dl.effective
    federal = ctx.as_of > dl.federal
    if overdue:
        msg += " That date has passed."
    f = finding("incomplete_response", "violation" if overdue else "warning",
                "access.deadline", msg, also=("access.denial.partial",),
                citation=None if federal or not overdue else dl.state_citation,
                law="federal" if federal or not overdue else "state",
                knew_on=dl.federal + dt.timedelta(days=1) if federal else None)
    s = step("request_remaining_records", ctx.as_of if overdue else dl.effective,
             "Write to the holder listing what is missing and ask for it, citing "
             "45 CFR 164.524(b)(2) and (d)(1).")
    return [f], [s]
