"""Complaint routes: HHS OCR within 180 days of when the patient knew (45 CFR 160.306(b)(3)),
and the state route where the state data names one."""

from __future__ import annotations

import datetime as dt

from recordright.rules.context import Ctx
from recordright.rules.findings import Finding, NextStep, finding, human_date, step

OCR_WINDOW_DAYS = 180
WARN_WHEN_DAYS_LEFT = 30


def assess_complaints(ctx: Ctx, found: list[Finding]) -> tuple[list[Finding], list[NextStep]]:
    out_f: list[Finding] = []
    out_s: list[NextStep] = []
    federal = [f for f in found if f.severity == "violation" and f.law == "federal"]
    if federal:
        f, s = _ocr(ctx, federal)
        out_f.append(f)
        out_s.append(s)
    violations = [f for f in found if f.severity == "violation"]
    if violations and ctx.overlay and ctx.overlay.complaint_routes:
        for route in ctx.overlay.complaint_routes:
            out_s.append(step("file_state_complaint", None,
                              f"{ctx.overlay.name}: {route.name}. {route.summary} "
                              f"({route.citation})", citation=route.citation,
                              state=ctx.case.state))
    return out_f, out_s


def _ocr(ctx: Ctx, federal: list[Finding]) -> tuple[Finding, NextStep]:
    knew_dates = sorted({f.knew_on or ctx.as_of for f in federal})
    windows = [k + dt.timedelta(days=OCR_WINDOW_DAYS) for k in knew_dates]
    open_windows = [w for w in windows if w >= ctx.as_of]
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
        msg = (f"The {OCR_WINDOW_DAYS}-day window to complain to the HHS Office for Civil Rights "
               f"closed on {human_date(due)}. You can still file and ask OCR to waive the limit "
               "for good cause.")
        severity = "warning"
    f = finding("complaint_deadline", severity, "complaint.ocr", msg,
                also=("complaint.knew_date",), due=due.isoformat(), window_open=bool(open_windows))
    s = step("file_ocr_complaint", due,
             "File a written complaint with the HHS Office for Civil Rights (online portal or "
             "mail) naming the holder and describing what happened, with copies of your "
             "request and any replies (45 CFR 160.306).")
    return f, s
