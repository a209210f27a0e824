"""Was the holder on time, and what is the request's status? Shared by the three rights."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recordright.rules.calendar import ONE_DAY
from recordright.rules.context import Ctx
from recordright.rules.findings import Finding, NextStep, finding, human_date, step
from recordright.rules.law import rule
from recordright.rules.response import Response, fulfilment, read_response

WHAT = {"access": "the records", "amendment": "a decision on the amendment request",
        "accounting": "the accounting of disclosures"}


@dataclass(frozen=True)
class Deadline:
    effective: dt.date  # the date that governs: the earlier of federal and state
    federal: dt.date
    rule_id: str  # catalog rule for the federal deadline
    extended: bool
    state_citation: str | None = None  # set when a shorter state deadline governs


@dataclass(frozen=True)
class Timeliness:
    status: str
    findings: list[Finding]
    steps: list[NextStep]
    response: Response


def assess_timeliness(ctx: Ctx, dl: Deadline) -> Timeliness:
    resp = read_response(ctx)
    found: list[Finding] = []
    steps: list[NextStep] = []
    late = _late_finding(ctx, dl, resp)
    if late:
        found.append(late)
    status = _status(ctx, dl, resp)
    what = WHAT[ctx.case.right]
    if status in ("pending", "extended"):
        steps.append(step("wait", dl.effective,
                          f"The holder has until {human_date(dl.effective)} to provide {what} "
                          "or a written denial. If nothing arrives by then, send a reminder."))
    elif status == "overdue":
        steps.append(step("send_reminder", ctx.as_of,
                          f"The deadline of {human_date(dl.effective)} has passed. Send a "
                          f"written reminder citing {late.citation if late else dl.rule_id}."))
    return Timeliness(status, found, steps, resp)


def _late_finding(ctx: Ctx, dl: Deadline, resp: Response) -> Finding | None:
    done = resp.resolved_on
    if done is None and resp.first_action and resp.first_action <= dl.effective:
        return None  # something came on time; the missing rest is an incomplete response
    if done is not None and done <= dl.effective:
        return None
    if done is None and ctx.as_of <= dl.effective:
        return None
    federal_late = (done or ctx.as_of) > dl.federal
    knew = (dl.federal if federal_late else dl.effective) + ONE_DAY
    if done is None:
        msg = (f"Neither {WHAT[ctx.case.right]} nor a written denial came by the deadline of "
               f"{human_date(dl.effective)}; the response is late.")
    else:
        msg = (f"The response came on {human_date(done)}, after the deadline of "
               f"{human_date(dl.effective)}: it was late, even though it came in the end.")
    if ctx.events("denial") and not any(d.in_writing for d in ctx.events("denial")):
        msg += " An oral denial is not a response: a denial must be in writing."
    if not federal_late:
        if done is None:
            msg += (f" This is late under state law; the federal deadline "
                    f"({human_date(dl.federal)}) has not passed yet.")
        else:
            msg += f" It met the federal deadline ({human_date(dl.federal)}) but not the state's."
        return finding("late_response", "violation", dl.rule_id, msg,
                       citation=dl.state_citation, law="state", knew_on=knew)
    citation = None
    if dl.state_citation:
        citation = f"{dl.state_citation}; {rule(dl.rule_id).citation}"
    return finding("late_response", "violation", dl.rule_id, msg, citation=citation,
                   knew_on=knew, days_late=((done or ctx.as_of) - dl.effective).days)


def _status(ctx: Ctx, dl: Deadline, resp: Response) -> str:
    done = fulfilment(resp, dl.effective)
    if done:
        return done
    if resp.any_grant:
        return "partially_fulfilled"
    if resp.full_denial_on or resp.partial_denial:
        return "denied"
    if ctx.as_of > dl.effective:
        return "overdue"
    return "extended" if dl.extended else "pending"
