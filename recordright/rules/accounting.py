"""Accounting of disclosures, 45 CFR 164.528: 60 days + one 30-day extension, six-year
look-back, first accounting in 12 months free (fees are in fees.py)."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta

from recordright.rules.context import Ctx
from recordright.rules.findings import Finding, NextStep, finding, human_date, step


def assess_accounting(ctx: Ctx) -> tuple[list[Finding], list[NextStep]]:
    received = ctx.case.request.received_on
    start = received - relativedelta(years=6)
    found = [finding(
        "accounting_lookback", "info", "accounting.scope",
        f"The accounting covers disclosures from {human_date(start)} to {human_date(received)} "
        "(six years before the request, unless you asked for less). It need not list "
        "disclosures for treatment, payment or operations, disclosures to you, or those you "
        "authorized.", period_start=start.isoformat())]
    steps: list[NextStep] = []
    for denial in ctx.events("denial"):
        for ground in denial.grounds or ("other",):
            if ground == "oversight_suspension":
                found.append(finding(
                    "accounting_suspended", "info", "accounting.suspension",
                    "A health oversight agency or law enforcement official may have the "
                    "accounting suspended; an oral request lasts at most 30 days unless "
                    "confirmed in writing."))
            else:
                found.append(finding(
                    "denial_not_permitted", "violation", "accounting.scope",
                    f"The refusal of {human_date(denial.on)} ('{ground}') is not allowed: "
                    "the regulation gives no ground to refuse an accounting, only a temporary "
                    "suspension at an oversight agency's or law enforcement's request.",
                    knew_on=denial.on, ground=ground))
                steps.append(step("send_reminder", ctx.as_of,
                                  "Write back asking for the accounting, citing 45 CFR 164.528."))
    return found, steps[:1]
