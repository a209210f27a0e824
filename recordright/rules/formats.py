"""Form, format and manner of access, 45 CFR 164.524(c)(2)-(3), and third-party directives
after Ciox v. Azar."""

from __future__ import annotations

from recordright.rules.context import Ctx
from recordright.rules.findings import Finding, NextStep, finding, human_date, step


def assess_formats(ctx: Ctx) -> tuple[list[Finding], list[NextStep]]:
    found: list[Finding] = []
    steps: list[NextStep] = []
    req = ctx.case.request
    for given in ctx.events("records_provided"):
        if given.summary_only and not req.summary_agreed:
            found.append(finding(
                "summary_without_agreement", "violation", "access.form.summary",
                f"On {human_date(given.on)} you were given a summary instead of the records, "
                "but you had not agreed to a summary in advance. You are entitled to the "
                "records themselves.", knew_on=given.on))
            steps.append(step("request_remaining_records", ctx.as_of,
                              "Ask for the full records rather than the summary, citing "
                              "45 CFR 164.524(c)(2)(iii)."))
        f = _format(ctx, given)
        if f:
            found.append(f)
            # Electronic is an entitlement only for records kept electronically (c)(2)(ii).
            if req.copy == "electronic" and req.maintained_electronically is not False:
                steps.append(step("request_electronic_format", ctx.as_of,
                                  "Ask again for an electronic copy, citing 45 CFR "
                                  "164.524(c)(2)(ii): the records are kept electronically, "
                                  "so paper is not an acceptable substitute."))
    if req.delivery == "unencrypted_email":
        found.append(finding(
            "unencrypted_email_on_request", "info", "access.unencrypted_email",
            "You asked for unencrypted email. The holder may warn you briefly of the risk that "
            "someone could read it in transit; if you still want it, it must send it that way "
            "and is not responsible for what happens in transit."))
    found.extend(_third_party(ctx))
    if directive_outside_access(ctx):
        steps.append(step(
            "request_own_copy", None,
            "Ask for the copy yourself: as your own access request it has the 30-day deadline "
            "and the HIPAA fee limit, and you can pass it on to the person you chose (45 CFR "
            "164.524). Or, if you want the holder to send it directly, give it a signed "
            "authorization naming the recipient (45 CFR 164.508); the holder's terms and state "
            "law then set the time and fee."))
    return found, steps


def _format(ctx: Ctx, given) -> Finding | None:
    req = ctx.case.request
    if given.form is None or req.copy in (None, "inspection") or given.form == req.copy:
        return None
    if req.copy == "electronic" and req.maintained_electronically:
        return finding("format_not_honored", "violation", "access.form.electronic",
                       f"You asked for an electronic copy of records kept electronically, but "
                       f"on {human_date(given.on)} you got paper. The holder must provide an "
                       "electronic copy in the form you asked for or an agreed readable "
                       "electronic form.", knew_on=given.on)
    if req.copy == "electronic" and req.maintained_electronically is None:
        return finding("format_not_honored", "warning", "access.form.electronic",
                       f"You asked for an electronic copy but got paper on {human_date(given.on)}."
                       " If the records are kept electronically, paper is not an acceptable "
                       "substitute.")
    return finding("format_not_honored", "warning", "access.form",
                   f"You asked for a {req.copy} copy but got {given.form} on "
                   f"{human_date(given.on)}. The form asked for must be given if it is readily "
                   "producible, otherwise a readable form you agree to.")


def _third_party(ctx: Ctx) -> list[Finding]:
    req = ctx.case.request
    if not ctx.third_party:
        return []
    out = []
    if req.copy != "electronic" or req.maintained_electronically is False:
        out.append(finding(
            "third_party_not_electronic_ehr", "warning", "access.third_party",
            "You asked for a copy to be sent to someone else, but not as an electronic copy of "
            "an electronic health record. Since Ciox v. Azar (2020) the holder need not treat "
            "this as an access request: it is a disclosure under your signed authorization "
            "(45 CFR 164.508), without the 30-day deadline, and the HIPAA patient-rate fee "
            "limit does not apply. An electronic copy of an EHR can still be directed to a "
            "third party, with the fee limited to labor cost (42 U.S.C. 17935(e)). You can also "
            "get the copy yourself and pass it on.", also=("access.third_party.ehr",)))
    elif req.maintained_electronically is None:
        out.append(finding(
            "third_party_not_electronic_ehr", "info", "access.third_party.ehr",
            "A directive to send an electronic copy to a third party is binding only for "
            "records kept in an electronic health record (42 U.S.C. 17935(e), after Ciox v. "
            "Azar). This assessment assumes they are; if they are not, the request is a "
            "disclosure under your authorization instead.", also=("access.third_party",)))
    if req.in_writing is False:
        out.append(finding(
            "third_party_directive_not_written", "warning", "access.third_party",
            "A directive to send a copy to a third party must be in writing, signed by you, "
            "and name the recipient and where to send it (45 CFR 164.524(c)(3)(ii))."))
    return out


def directive_outside_access(ctx: Ctx) -> bool:
    """True when a third-party request is not an access request at all after Ciox."""
    req = ctx.case.request
    return ctx.third_party and (req.copy != "electronic" or req.maintained_electronically is False)
