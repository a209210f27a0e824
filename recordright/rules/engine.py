"""Orchestration: run each rule module over a case and assemble the result
(status, deadline, findings, next steps)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from recordright.rules import clock
from recordright.rules.access import access_deadline, completeness, state_breach
from recordright.rules.accounting import assess_accounting
from recordright.rules.amendment import assess_amendment_denials
from recordright.rules.calendar import iso
from recordright.rules.case import Case
from recordright.rules.complaints import assess_complaints
from recordright.rules.context import Ctx
from recordright.rules.denials import assess_denials
from recordright.rules.errors import CaseError
from recordright.rules.fees import assess_fees
from recordright.rules.findings import Finding, NextStep, finding
from recordright.rules.formats import assess_formats, directive_outside_access
from recordright.rules.measures import assess_measures
from recordright.rules.representatives import assess_representative
from recordright.rules.response import fulfilment, read_response
from recordright.rules.timeliness import Deadline, assess_timeliness
from recordright.rules.vocab import NEXT_STEP_ACTIONS

STATE_ROUTES = ("file_state_complaint", "seek_court_remedy")  # one step per route
SEVERITY_ORDER = {"violation": 0, "warning": 1, "info": 2}
STEP_ORDER = NEXT_STEP_ACTIONS  # the vocabulary lists them in the order results show them


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
            # Not an access request after Ciox: 164.524's denial and measure rules don't apply.
            modules = [assess_formats, assess_fees]
            deadline, status = None, _status_without_deadline(ctx)
        else:
            ad = access_deadline(ctx)
            found += ad.findings
            deadline, status = _timely(ctx, ad.deadline, found, steps)
            found += state_breach(ctx, ad)
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
    done = fulfilment(resp, None)
    if done:
        return done
    if resp.any_grant:
        return "partially_fulfilled"
    if resp.full_denial_on or resp.partial_denial:
        return "denied"
    return "pending"


def _state_findings(ctx: Ctx) -> list[Finding]:
    """Which state law is applied. The sentence is for the patient; the status, source and
    check date go in the finding's keys (and docs/rules.md), not in the words."""
    if ctx.state is None:
        return []
    lookup, code, name = ctx.state, ctx.case.state, ctx.state_name
    if lookup.overlay is None:
        return [finding(
            "state_law_not_encoded", "info", "state.not_encoded",
            f"{name}'s own law on medical records has not been checked here yet, so the federal "
            f"rule is applied; {name} law may give you more, such as a shorter deadline or a "
            "lower fee.", state=code, state_status=lookup.status)]
    overlay = lookup.overlay
    if ctx.case.right != "access":
        return [finding(
            "state_law_not_encoded", "info", "state.not_encoded",
            f"The {name} rules known here cover access to records, not "
            f"{RIGHT_WORDS[ctx.case.right]}; the federal rule is applied.", state=code,
            state_status=lookup.status, checked=overlay.checked)]
    partly = (f" Only part of {name}'s law has been verified; the rest follows the federal "
              "rule." if overlay.status not in ("A", "B") else "")
    note = f" {overlay.patient_note}" if overlay.patient_note else ""
    return [finding(
        "state_law_applied", "info", "state.preemption",
        f"{name} law ({overlay.statute}) is applied where it gives you more than HIPAA."
        f"{partly}{note}", citation=f"{overlay.statute}; 45 CFR 160.203", state=code,
        state_status=overlay.status, checked=overlay.checked, sources=overlay.sources)]


RIGHT_WORDS = {"amendment": "amendment of records", "accounting": "an accounting of disclosures"}


def _order_steps(steps: list[NextStep]) -> list[NextStep]:
    seen: set[tuple[str, str]] = set()
    unique: list[NextStep] = []
    for s in steps:
        key = (s.action, s.message if s.action in STATE_ROUTES else "")
        if key not in seen:
            seen.add(key)
            unique.append(s)
    return sorted(unique, key=lambda s: STEP_ORDER.index(s.action))
