"""Right of access, 45 CFR 164.524: the deadline (federal, and a shorter state one where
encoded) and the response's timeliness and completeness."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recordright.rules import clock
from recordright.rules.calendar import add_days
from recordright.rules.context import Ctx
from recordright.rules.findings import Finding, NextStep, finding, human_date, step
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
    rule_dl = _state_deadline_rule(ctx, found)
    if rule_dl is None:
        return AccessDeadline(Deadline(fed.deadline, fed.deadline, "access.deadline",
                                       fed.extended_by is not None), found, "calendar")
    state_date = _state_date(ctx, rule_dl)
    name = ctx.state.name
    if state_date < fed.deadline:
        found.append(finding(
            "state_deadline_shorter", "info", "state.preemption",
            f"{name} law is stricter than HIPAA here: {rule_dl.summary} That makes the deadline "
            f"{human_date(state_date)} ({rule_dl.days} {BASIS_WORDS[rule_dl.basis]}"
            f"{' after a written request' if rule_dl.requires_written_request else ''}), "
            f"earlier than the federal {human_date(fed.deadline)}.",
            citation=f"{rule_dl.citation}; 45 CFR 160.203", state=ctx.case.state,
            state_rule=rule_dl.id, deadline_basis=rule_dl.basis, checked=rule_dl.checked))
        return AccessDeadline(Deadline(state_date, fed.deadline, "access.deadline",
                                       fed.extended_by is not None, rule_dl.citation),
                              found, rule_dl.basis)
    if rule_dl.days > 30:
        found.append(finding(
            "state_deadline_longer", "info", "state.preemption",
            f"{name} allows {rule_dl.days} days, but a longer state deadline does not extend "
            f"HIPAA's: the federal deadline of {human_date(fed.deadline)} applies.",
            citation=f"{rule_dl.citation}; 45 CFR 160.203", state=ctx.case.state,
            state_rule=rule_dl.id))
    return AccessDeadline(Deadline(fed.deadline, fed.deadline, "access.deadline",
                                   fed.extended_by is not None), found, "calendar")


def _state_deadline_rule(ctx: Ctx, found: list[Finding]) -> StateDeadline | None:
    overlay = ctx.overlay
    if overlay is None:
        return None
    req = ctx.case.request
    matches = [d for d in overlay.deadlines if d.applies(ctx.case.holder.type, req.copy)]
    if req.in_writing is False:
        matches = [d for d in matches if not d.requires_written_request]
    if not matches:
        found.append(finding(
            "state_deadline_not_set", "info", "state.preemption",
            f"{overlay.name} sets no day count that the engine has encoded for this request "
            f"(holder: {ctx.case.holder.type}); the federal 30-day rule applies.",
            citation=f"{overlay.statute}; 45 CFR 164.524(b)(2)" if overlay.statute else None,
            state=ctx.case.state))
        return None
    return min(matches, key=lambda d: _state_date(ctx, d))


def _state_date(ctx: Ctx, rule_dl: StateDeadline) -> dt.date:
    """The state deadline, with the state's own delay-notice extension where it has one."""
    received = ctx.case.request.received_on
    base = add_days(received, rule_dl.days, rule_dl.basis)
    if not rule_dl.extension_days:
        return base
    limit = add_days(received, rule_dl.extension_days, rule_dl.basis)
    for notice in ctx.events("extension_notice"):
        if notice.in_writing and notice.reasons_given and notice.on <= base:
            return max(base, min(notice.new_date or limit, limit))
    return base


def completeness(ctx: Ctx, dl: Deadline) -> tuple[list[Finding], list[NextStep]]:
    """Records given in part, with the rest neither given nor denied in writing."""
    grants = ctx.events("records_provided")
    partial = [g for g in grants if not g.complete]
    if not partial or any(g.complete for g in grants):
        return [], []
    if any(d.in_writing and d.scope == "partial" for d in ctx.events("denial")):
        return [], []
    overdue = ctx.as_of > dl.effective
    first = partial[0].on
    msg = (f"Only part of the records came on {human_date(first)}. The rest must be provided, "
           f"or denied in writing with the reasons, by {human_date(dl.effective)}.")
    if overdue:
        msg += " That date has passed."
    f = finding("incomplete_response", "violation" if overdue else "warning",
                "access.deadline", msg, also=("access.denial.partial",),
                knew_on=dl.effective + dt.timedelta(days=1) if overdue else None)
    s = step("request_remaining_records", ctx.as_of if overdue else dl.effective,
             "Write to the holder listing what is missing and ask for it, citing "
             "45 CFR 164.524(b)(2) and (d)(1).")
    return [f], [s]
