"""Orchestration: run each rule module over a case and assemble the result
(status, deadline, findings, next steps)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from recordright.rules import clock
from recordright.rules.access import access_deadline, completeness
from recordright.rules.accounting import assess_accounting
from recordright.rules.amendment import assess_amendment_denials
from recordright.rules.calendar import iso
from recordright.rules.case import Case
from recordright.rules.complaints import assess_complaints
from recordright.rules.context import Ctx
from recordright.rules.denials import assess_denials
from recordright.rules.errors import CaseError
from recordright.rules.fees import assess_fees
from recordright.rules.findings import Finding, NextStep, finding, human_date
from recordright.rules.formats import assess_formats, directive_outside_access
from recordright.rules.measures import assess_measures
from recordright.rules.representatives import assess_representative
from recordright.rules.response import read_response
from recordright.rules.timeliness import Deadline, assess_timeliness

SEVERITY_ORDER = {"violation": 0, "warning": 1, "info": 2}
STEP_ORDER = ("request_review", "request_remaining_records", "request_electronic_format",
              "dispute_fee", "send_reminder", "wait", "submit_statement_of_disagreement",
              "file_ocr_complaint", "file_state_complaint")


def assess_case(case: Case, *, source: str | None, today: dt.date | None) -> dict[str, Any]:
    as_of = case.as_of or today
    if as_of is None:
        raise CaseError("as_of", "missing: give as_of in the case or pass today")
    if as_of < case.request.received_on:
        raise CaseError("as_of", f"{as_of} is before request.received_on "
                        f"{case.request.received_on}")
    ctx = Ctx.build(case, as_of)
    found: list[Finding] = _state_findings(ctx) + assess_representative(ctx)
    steps: list[NextStep] = []
    status, deadline = _run_right(ctx, found, steps)
    f, s = assess_complaints(ctx, found)
    found += f
    steps += s
    return {
        "source": source,
        "right": case.right,
        "status": status,
        "deadline": iso(deadline),
        "findings": [x.as_dict() for x in sorted(found, key=lambda x: SEVERITY_ORDER[x.severity])],
        "next_steps": [x.as_dict() for x in _order_steps(steps)],
    }


def _run_right(ctx: Ctx, found: list[Finding], steps: list[NextStep]
               ) -> tuple[str, dt.date | None]:
    right = ctx.case.right
    if right == "access":
        modules = [assess_denials, assess_formats, assess_measures, assess_fees]
        if directive_outside_access(ctx):
            deadline, status = None, _status_without_deadline(ctx)
        else:
            ad = access_deadline(ctx)
            found += ad.findings
            deadline, status = _timely(ctx, ad.deadline, found, steps)
            f, s = completeness(ctx, ad.deadline)
            found += f
            steps += s
    else:
        rules = clock.AMENDMENT if right == "amendment" else clock.ACCOUNTING
        fed = clock.federal_clock(ctx.case, ctx.as_of, rules)
        found += fed.findings
        dl = Deadline(fed.deadline, fed.deadline, rules.deadline_rule, fed.extended_by is not None)
        deadline, status = _timely(ctx, dl, found, steps)
        modules = ([assess_amendment_denials] if right == "amendment"
                   else [assess_accounting, assess_fees])
    for module in modules:
        f, s = module(ctx)
        found += f
        steps += s
    return status, deadline


def _timely(ctx: Ctx, dl: Deadline, found: list[Finding], steps: list[NextStep]
            ) -> tuple[dt.date, str]:
    t = assess_timeliness(ctx, dl)
    found += t.findings
    steps += t.steps
    return dl.effective, t.status


def _status_without_deadline(ctx: Ctx) -> str:
    resp = read_response(ctx)
    if resp.complete_grant_on:
        return "fulfilled"
    if resp.any_grant:
        return "partially_fulfilled"
    if resp.full_denial_on or resp.partial_denial:
        return "denied"
    return "pending"


def _state_findings(ctx: Ctx) -> list[Finding]:
    if ctx.state is None:
        return []
    lookup, code = ctx.state, ctx.case.state
    if lookup.overlay is None:
        return [finding(
            "state_law_not_encoded", "info", "state.not_encoded",
            f"{lookup.name}'s law on medical records is not yet encoded (status: "
            f"{lookup.status}). The federal rule is applied; {lookup.name} law may give you "
            "more, such as a shorter deadline or a lower fee.", state=code,
            state_status=lookup.status)]
    if ctx.case.right != "access":
        return [finding(
            "state_law_not_encoded", "info", "state.not_encoded",
            f"The encoded {lookup.name} rules cover access to records, not {ctx.case.right}; "
            "the federal rule is applied.", state=code, state_status=lookup.status)]
    overlay = lookup.overlay
    note = f" {overlay.note}" if overlay.note else ""
    return [finding(
        "state_law_applied", "info", "state.preemption",
        f"{overlay.name} law ({overlay.statute}, status {overlay.status}, checked "
        f"{human_date(dt.date.fromisoformat(overlay.checked))}) is applied where it gives you "
        f"more than HIPAA.{note}", citation=f"{overlay.statute}; 45 CFR 160.203", state=code,
        state_status=overlay.status)]


def _order_steps(steps: list[NextStep]) -> list[NextStep]:
    seen: set[tuple[str, str]] = set()
    unique: list[NextStep] = []
    for s in steps:
        key = (s.action, s.message if s.action == "file_state_complaint" else "")
        if key not in seen:
            seen.add(key)
            unique.append(s)
    return sorted(unique, key=lambda s: STEP_ORDER.index(s.action))
