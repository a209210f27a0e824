"""Complaint routes: HHS OCR within 180 days of when the patient knew (45 CFR 160.306(b)(3)),
and the state route where the state data names one.

A refusal that is still going on is not a closed matter. A failure to give access continues
for as long as the records are withheld (45 CFR 160.406 counts a separate violation for each
day a violation continues), so the window runs at least from the most recent refusal or
reminder left unanswered, and the patient is told to file now (asking for a good-cause waiver
where the last dated refusal is more than 180 days old). Only a completed act (a written
denial, records given late, a fee quoted) starts a window that can close.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recordright.rules.context import Ctx
from recordright.rules.findings import Finding, NextStep, finding, human_date, step
from recordright.rules.response import read_response

OCR_WINDOW_DAYS = 180
WARN_WHEN_DAYS_LEFT = 30
# Violations that go on for as long as the records are withheld.
CONTINUING = ("late_response", "incomplete_response")
# The holder's acts that renew a refusal while records are withheld, and how to name them.
RENEWALS = {"denial": "the refusal", "condition_imposed": "the condition set",
            "records_provided": "the partial delivery", "reminder_sent": "your reminder"}


def assess_complaints(ctx: Ctx, found: list[Finding]) -> tuple[list[Finding], list[NextStep]]:
    out_f: list[Finding] = []
    out_s: list[NextStep] = []
    federal = [f for f in found if f.severity == "violation" and f.law == "federal"]
    if federal:
        f, s = _ocr(ctx, federal)
        out_f.append(f)
        out_s.append(s)
    violations = {f.code for f in found if f.severity == "violation"}
    if violations and ctx.overlay:
        out_s += _state_routes(ctx, violations)
    return out_f, out_s


def _state_routes(ctx: Ctx, violations: set[str]) -> list[NextStep]:
    out = []
    for route in ctx.overlay.complaint_routes:
        if route.requires and not violations.intersection(route.requires):
            continue  # e.g. Delaware's court penalty: only once its own 45 days have passed
        text = f"{ctx.overlay.name}: {route.name}. {route.summary}"
        due = None
        if route.due_days:
            due = ctx.case.request.received_on + dt.timedelta(days=route.due_days)
            if due < ctx.as_of:
                text += f" That time ran out on {human_date(due)}."
                due = None
        # A court remedy (Delaware's penalty motion) is not a complaint to a board: its own
        # action, so no complaint letter is drafted for it.
        extra = {"citation": route.citation, "state": ctx.case.state}
        text = f"{text} ({route.citation})"
        if route.kind == "court":
            out.append(step("seek_court_remedy", due, text, **extra))
        else:
            out.append(step("file_state_complaint", due, text, **extra))
    return out


@dataclass(frozen=True)
class Continuing:
    knew: dt.date  # when the failure began (the day after the deadline)
    since: dt.date  # the most recent refusal, partial delivery or reminder
    what: str  # how to name that act


def continuing_refusal(ctx: Ctx, federal: list[Finding]) -> Continuing | None:
    """The records are still withheld after the deadline: nothing complete given, no written
    denial of all of it. The refusal is renewed by each later act of the holder's (an oral
    refusal, a condition, a partial delivery) and by each reminder the patient sends."""
    ongoing = [f for f in federal if f.code in CONTINUING and f.knew_on]
    if not ongoing or read_response(ctx).resolved_on is not None:
        return None
    knew = min(f.knew_on for f in ongoing)
    since, what = knew, f"the day after the deadline, {human_date(knew)}"
    for kind, name in RENEWALS.items():
        for e in ctx.events(kind):
            if e.on >= since:
                since, what = e.on, f"{name} of {human_date(e.on)}"
    return Continuing(knew, since, what)


def _ocr(ctx: Ctx, federal: list[Finding]) -> tuple[Finding, NextStep]:
    cont = continuing_refusal(ctx, federal)
    # While the refusal goes on, an oral refusal or a condition set is part of it, not a
    # completed act with a window of its own.
    renewals = {e.on for e in ctx.events("condition_imposed")} | {
        d.on for d in ctx.events("denial") if not d.in_writing}
    completed = [f for f in federal
                 if not (cont and (f.code in CONTINUING or f.knew_on in renewals))]
    knew_dates = sorted({f.knew_on or ctx.as_of for f in completed})
    windows = [k + dt.timedelta(days=OCR_WINDOW_DAYS) for k in knew_dates]
    open_windows = [w for w in windows if w >= ctx.as_of]
    if cont is not None:
        return _ocr_continuing(ctx, cont, closed_before=len(open_windows) < len(windows))
    if open_windows:
        due = open_windows[0]
        knew = knew_dates[windows.index(due)]
        left = (due - ctx.as_of).days
        msg = (f"You can complain to the HHS Office for Civil Rights. File by {human_date(due)} "
               f"({left} days left): a complaint must be filed within {OCR_WINDOW_DAYS} days of "
               f"when you knew of the problem (here {human_date(knew)}).")
        if len(open_windows) < len(windows):
            msg += (" The window for an earlier problem has closed; you may ask OCR to waive "
                    "the limit for good cause.")
        severity = "warning" if left < WARN_WHEN_DAYS_LEFT else "info"
    else:
        due = windows[-1]
        knew = knew_dates[-1]
        msg = (f"The {OCR_WINDOW_DAYS}-day window to complain to the HHS Office for Civil Rights "
               f"closed on {human_date(due)}. You can still file and ask OCR to waive the limit "
               "for good cause.")
        severity = "warning"
    f = finding("complaint_deadline", severity, "complaint.ocr", msg,
                also=("complaint.knew_date",), due=due.isoformat(), window_open=bool(open_windows))
    f.extra["knew_on"] = knew.isoformat()  # (finding()'s own knew_on is not output)
    text = ("File a written complaint with the HHS Office for Civil Rights (online portal or "
            "mail) naming the holder and describing what happened, with copies of your "
            "request and any replies (45 CFR 160.306).")
    if not open_windows:
        # A date in the past is no deadline to meet: file as soon as you can, asking for a waiver.
        text += (" The 180-day window has closed, so file as soon as you can and explain why "
                 "you could not file sooner, asking OCR to waive the time limit for good cause "
                 "(45 CFR 160.306(b)(3)).")
    s = step("file_ocr_complaint", due if open_windows else None, text)
    return f, s


def _ocr_continuing(ctx: Ctx, cont: Continuing, closed_before: bool
                    ) -> tuple[Finding, NextStep]:
    due = cont.since + dt.timedelta(days=OCR_WINDOW_DAYS)
    waiver = due < ctx.as_of
    msg = ("Your records are still being withheld. The failure to give access is still "
           "going on, and each day it continues counts: the "
           f"{OCR_WINDOW_DAYS} days to complain to the HHS Office for Civil Rights run at least "
           f"from the most recent refusal or unanswered reminder (here {cont.what}).")
    if waiver:
        msg += (f" That was more than {OCR_WINDOW_DAYS} days ago, so file now, say that the "
                "refusal is still going on, and ask OCR to accept the complaint for good cause "
                "if it considers it late. A written reminder sent now also gives a fresh date.")
        severity, file_by = "warning", ctx.as_of
    else:
        left = (due - ctx.as_of).days
        msg += f" File now; at the latest by {human_date(due)} ({left} days left)."
        severity, file_by = ("warning" if left < WARN_WHEN_DAYS_LEFT else "info"), due
    if closed_before:
        msg += (" The window for an earlier, completed problem has closed; you may ask OCR to "
                "waive the limit for good cause.")
    f = finding("complaint_deadline", severity, "complaint.ocr", msg,
                also=("complaint.continuing", "complaint.knew_date"), due=file_by.isoformat(),
                window_open=True, continuing=True, window_from=cont.since.isoformat(),
                good_cause_waiver=waiver)
    f.extra["knew_on"] = cont.knew.isoformat()
    text = ("File a written complaint with the HHS Office for Civil Rights (online portal or "
            "mail) naming the holder and describing what happened, with copies of your "
            "request and any replies (45 CFR 160.306). Say that the records are still being "
            "withheld.")
    if waiver:
        text += (" Ask OCR to accept it for good cause, since more than 180 days have passed "
                 "since the last dated refusal (45 CFR 160.306(b)(3)).")
    return f, step("file_ocr_complaint", ctx.as_of if waiver else due, text)
