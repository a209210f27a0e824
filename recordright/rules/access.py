"""Right of access, 45 CFR 164.524: the deadline (federal, and a shorter state one where
encoded) and the response's timeliness and completeness."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recordright.rules import clock
from recordright.rules.calendar import add_days
from recordright.rules.context import Ctx
from recordright.rules.findings import Finding, NextStep, finding, human_date, step
from recordright.rules.response import granted
from recordright.rules.states import StateDeadline
from recordright.rules.timeliness import Deadline

BASIS_WORDS = {"calendar": "days", "business": "business days"}


@dataclass(frozen=True)
class AccessDeadline:
    deadline: Deadline
    findings: list[Finding]
    basis: str  # "calendar" or "business": how the governing deadline was counted


def access_deadline(ctx: Ctx) -> AccessDeadline:
    fed = clock.federal_clock(ctx.case, ctx.as_of, clock.ACCESS)
    found = list(fed.findings)
    rule_dl = _state_deadline_rule(ctx, fed, found)
    if rule_dl is None:
        return AccessDeadline(Deadline(fed.deadline, fed.deadline, "access.deadline",
                                       fed.extended_by is not None), found, "calendar")
    state_date = _state_date(ctx, rule_dl, fed)
    name = ctx.state_name
    if state_date < fed.deadline:
        state_base = add_days(ctx.case.request.received_on, rule_dl.days, rule_dl.basis)
        no_ext = ""
        if fed.extended_by is not None and rule_dl.extension == "none":
            no_ext = (f" {name} law has no extension, so the holder's extension notice does "
                      "not move this date.")
        found.append(finding(
            "state_deadline_shorter", "info", "state.preemption",
            f"{name} law is stricter than HIPAA here: {rule_dl.summary} That makes the deadline "
            f"{human_date(state_date)} ({rule_dl.days} {BASIS_WORDS[rule_dl.basis]}"
            f"{' after a written request' if rule_dl.requires_written_request else ''}), "
            f"earlier than the federal {human_date(fed.deadline)}.{no_ext}",
            citation=f"{rule_dl.citation}; 45 CFR 160.203", state=ctx.case.state,
            state_rule=rule_dl.id, deadline_basis=rule_dl.basis, checked=rule_dl.checked))
        return AccessDeadline(Deadline(state_date, fed.deadline, "access.deadline",
                                       state_date > state_base, rule_dl.citation),
                              found, rule_dl.basis)
    if rule_dl.days > 30:
        found.append(finding(
            "state_deadline_longer", "info", "state.preemption",
            f"{name} allows {rule_dl.days} days, but a longer state deadline does not extend "
            f"HIPAA's: the federal deadline of {human_date(fed.deadline)} applies.",
            citation=f"{rule_dl.citation}; 45 CFR 160.203", state=ctx.case.state,
            state_rule=rule_dl.id))
    elif rule_dl.extension == "unquantified" and fed.extended_by is not None:
        found.append(finding(
            "state_deadline_not_set", "info", "state.preemption",
            f"{name} law allows a written extension, but how long it may be is not encoded, "
            f"so the federal extended deadline of {human_date(fed.deadline)} is applied. "
            f"Check {rule_dl.citation}.",
            citation=f"{rule_dl.citation}; 45 CFR 164.524(b)(2)(ii)", state=ctx.case.state,
            state_rule=rule_dl.id))
    return AccessDeadline(Deadline(fed.deadline, fed.deadline, "access.deadline",
                                   fed.extended_by is not None), found, "calendar")


def _state_deadline_rule(ctx: Ctx, fed: clock.Clock, found: list[Finding]
                         ) -> StateDeadline | None:
    overlay = ctx.overlay
    if overlay is None:
        return None
    req = ctx.case.request
    matches = [d for d in overlay.deadlines if d.applies(ctx.case.holder.type, req.copy)]
    oral_only = False
    if req.in_writing is False:
        oral_only = bool(matches)
        matches = [d for d in matches if not d.requires_written_request]
    if not matches:
        why = (f"{overlay.name}'s day count runs from a written request, and this request was "
               "not in writing" if oral_only else
               f"{overlay.name} sets no day count that the engine has encoded for this request "
               f"(holder: {ctx.case.holder.type})")
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
    base = add_days(received, rule_dl.days, rule_dl.basis)
    if rule_dl.extension in ("hipaa", "unquantified") and fed.extended_by is not None:
        # The state adopts HIPAA's timing (or allows an extension of unencoded length): a
        # valid federal extension moves the state date too; never earlier than the state's.
        return max(base, fed.deadline)
    if rule_dl.extension != "days" or not rule_dl.extension_days:
        return base
    limit = add_days(received, rule_dl.extension_days, rule_dl.basis)
    for notice in ctx.events("extension_notice"):
        if notice.in_writing and notice.reasons_given and notice.on <= base:
            return max(base, min(notice.new_date or limit, limit))
    return base


def completeness(ctx: Ctx, dl: Deadline) -> tuple[list[Finding], list[NextStep]]:
    """Records given in part, with the rest neither given nor denied in writing; or a written
    partial denial with nothing of the rest given (164.524(d)(1): give the rest)."""
    grants = granted(ctx)
    partial = [g for g in grants if not g.complete]
    partial_denials = [d for d in ctx.events("denial") if d.in_writing and d.scope == "partial"]
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
