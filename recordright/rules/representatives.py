"""Personal representatives, 45 CFR 164.502(g): treated as the individual."""

from __future__ import annotations

from recordright.rules.context import Ctx
from recordright.rules.findings import Finding, finding

KIND = {
    "parent_of_minor": ("personal_representative.minor",
                        " As a parent or guardian of a minor you act for the child, except for "
                        "care the minor could consent to alone, care a court authorized, or "
                        "where you agreed to confidentiality; state law then decides."),
    "guardian": ("personal_representative.adult",
                 " A guardian with authority over health care decisions is the representative."),
    "health_care_agent": ("personal_representative.adult",
                          " A health care agent acts as the representative within the scope "
                          "of the authority given."),
    "executor": ("personal_representative.deceased",
                 " For a deceased patient the executor or administrator, or another person "
                 "with authority for the estate, is the representative."),
}


def assess_representative(ctx: Ctx) -> list[Finding]:
    if ctx.case.requester != "personal_representative":
        return []
    rid, note = KIND.get(ctx.case.representative or "", (None, ""))
    also = (rid,) if rid else ()
    return [finding(
        "personal_representative", "info", "personal_representative",
        "The request is made by a personal representative, who has the same rights as the "
        f"patient and is treated as the patient.{note} The holder may refuse to treat someone "
        "as representative only on a reasonable belief of abuse, neglect or endangerment.",
        also=(*also, "personal_representative.abuse"))]
