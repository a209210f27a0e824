"""Amendment, 45 CFR 164.526: 60 days + one 30-day extension, four denial grounds, the
denial notice, and the statement of disagreement."""

from __future__ import annotations

from recordright.rules.case import Event
from recordright.rules.context import Ctx
from recordright.rules.findings import Finding, NextStep, finding, human_date, step
from recordright.rules.vocab import AMENDMENT_GROUNDS

NOTES = {
    "not_created_by_entity": " It does not apply if you give a reasonable basis to believe the "
                             "record's originator is no longer available to act on the request.",
    "accurate_and_complete": "",
    "not_in_designated_record_set": "",
    "not_available_for_inspection": "",
}


def assess_amendment_denials(ctx: Ctx) -> tuple[list[Finding], list[NextStep]]:
    found: list[Finding] = []
    permitted_denial = False
    for denial in ctx.events("denial"):
        for ground in denial.grounds or ("other",):
            if ground in AMENDMENT_GROUNDS:
                permitted_denial |= denial.in_writing
                found.append(finding(
                    "denial_permitted_ground", "info", "amendment.denial.grounds",
                    f"The denial of {human_date(denial.on)} uses a permitted ground "
                    f"({ground.replace('_', ' ')}).{NOTES[ground]}", ground=ground))
            else:
                found.append(finding(
                    "denial_not_permitted", "violation", "amendment.denial.grounds",
                    f"The denial of {human_date(denial.on)} gives '{ground}', which is not one "
                    "of the four grounds on which an amendment may be denied.",
                    knew_on=denial.on, ground=ground))
        found.extend(_notice(denial))
    steps: list[NextStep] = []
    if permitted_denial:
        steps.append(step(
            "submit_statement_of_disagreement", None,
            "You may file a written statement of disagreement; the holder may limit its length, "
            "may write a rebuttal (you get a copy), and must include your statement, or a "
            "summary, with future disclosures of the record (45 CFR 164.526(d)(2)-(5))."))
    return found, steps


def _notice(denial: Event) -> list[Finding]:
    if not denial.in_writing:
        return [finding("denial_notice_defective", "violation", "amendment.denial.notice",
                        f"The denial of {human_date(denial.on)} was not in writing.",
                        knew_on=denial.on)]
    n = denial.notice
    missing = [text for flag, text in (
        (n and n.basis, "the basis for the denial"),
        (n and n.statement_of_disagreement_rights,
         "your right to file a statement of disagreement and how"),
        (n and n.future_disclosures, "that you may ask for the request and denial to go with "
                                     "future disclosures"),
        (n and n.complaint_process, "how to complain to the holder or to HHS")) if not flag]
    if not missing:
        return []
    return [finding("denial_notice_defective", "violation", "amendment.denial.notice",
                    f"The denial of {human_date(denial.on)} does not state {'; '.join(missing)}.",
                    knew_on=denial.on, missing=missing)]
