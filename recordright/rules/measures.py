"""Unreasonable measures, 45 CFR 164.524(b)(1) and HHS access guidance: conditions a holder
may not put on the right of access."""

from __future__ import annotations

from recordright.rules.context import Ctx
from recordright.rules.findings import Finding, NextStep, finding, human_date, step

WHY = {
    "in_person_request": "You may not be required to come in person to make the request or "
                         "prove your identity when you want the copy sent.",
    "portal_only": "You may not be required to use a web portal to make the request.",
    "mail_only": "You may not be required to mail the request.",
    "buy_media": "You may not be required to buy portable media such as a USB stick or CD.",
    "pay_outstanding_bill": "Access may not be made to depend on paying a bill for care.",
    "reason_for_request": "You do not have to give a reason for wanting your records.",
}


def assess_measures(ctx: Ctx) -> tuple[list[Finding], list[NextStep]]:
    found: list[Finding] = []
    for event in ctx.events("condition_imposed"):
        when = human_date(event.on)
        if event.what == "other":
            found.append(finding(
                "unreasonable_measure", "warning", "access.unreasonable_measures",
                f"On {when} the holder set a condition on access. Conditions that make it "
                "harder to get your records than the regulation allows are unreasonable "
                "measures; check it against the HHS access guidance.", what=event.what))
            continue
        rid = ("access.unreasonable_measures.unpaid_bill" if event.what == "pay_outstanding_bill"
               else "access.unreasonable_measures")
        found.append(finding(
            "unreasonable_measure", "violation", rid,
            f"On {when} the holder required: {event.what.replace('_', ' ')}. {WHY[event.what]}",
            knew_on=event.on, what=event.what))
    steps = []
    if any(f.severity == "violation" for f in found):
        steps.append(step("send_reminder", ctx.as_of,
                          "Write back that the condition is an unreasonable measure under "
                          "45 CFR 164.524(b)(1) and HHS guidance, and that the deadline "
                          "keeps running."))
    return found, steps
