"""Personal representatives, 45 CFR 164.502(g), stated exactly: treated as the individual,
once the holder has verified their authority (164.514(h)); not the representative at all for
a minor's care under the (g)(3) exceptions; and refused as representative only on a
reasonable belief of abuse together with a professional judgment of the patient's best
interest ((g)(5)). The case says which of these facts are known (`representative_facts`)."""

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
PROOF = {
    "parent_of_minor": "for example the child's birth certificate or a custody order",
    "guardian": "the guardianship order",
    "health_care_agent": "the health care power of attorney",
    "executor": "the letters testamentary or of administration, and the death certificate",
}
MINOR = {
    "minor_consented": "the minor consented to this care and no other consent was required",
    "court_authorized": "a court (or another person the law allows) authorized this care",
    "confidentiality_agreed": "you agreed that this care would be confidential between the "
                              "minor and the provider",
}


def assess_representative(ctx: Ctx) -> list[Finding]:
    if ctx.case.requester != "personal_representative":
        return []
    kind = ctx.case.representative or ""
    rid, note = KIND.get(kind, (None, ""))
    also = (rid,) if rid else ()
    out = [finding(
        "personal_representative", "info", "personal_representative",
        "The request is made by a personal representative, who has the same rights as the "
        f"patient and is treated as the patient.{note}", also=also)]
    out.append(_verification(ctx, kind))
    out += _minor(ctx, kind)
    out += _refusal(ctx)
    return out


def _verification(ctx: Ctx, kind: str) -> Finding:
    documented = ctx.case.representative_facts.authority_documented
    if documented:
        msg = ("You gave the holder proof of your authority. It must still verify your identity "
               "and authority before giving access, but only by reasonable steps.")
    else:
        msg = ("Before giving access the holder must verify your identity and your authority to "
               "act for the patient. Send a copy of the document that gives you that authority "
               f"({PROOF.get(kind, 'the document that gives you authority')}) with the request, "
               "or as soon as the holder asks.")
    return finding("representative_verification", "info",
                   "personal_representative.verification", msg,
                   authority_documented=documented)


def _minor(ctx: Ctx, kind: str) -> list[Finding]:
    exception = ctx.case.representative_facts.minor_exception
    if exception in (None, "none"):
        return []
    who = "a parent" if kind == "parent_of_minor" else "a parent or guardian"
    return [finding(
        "representative_minor_exception", "warning", "personal_representative.minor_exception",
        f"Because {MINOR[exception]}, {who} is not the minor's personal representative for the "
        "records of that care. Whether you may see them depends on state law on parental "
        "access; where state law says nothing, a licensed health care professional decides. "
        "For the child's other care you remain the representative.",
        minor_exception=exception)]


def _refusal(ctx: Ctx) -> list[Finding]:
    facts = ctx.case.representative_facts
    if not facts.abuse_concern_cited:
        return []
    base = ("The holder refused to treat you as the patient's representative, citing a concern "
            "of abuse, neglect or endangerment. That is allowed only if it reasonably believes "
            "the patient has been or may be abused, neglected or endangered by you, or that "
            "treating you as representative could endanger the patient, and it also decides, "
            "in professional judgment, that treating you as representative is not in the "
            "patient's best interest.")
    if facts.professional_judgment is False:
        return [finding("representative_refusal", "violation", "personal_representative.abuse",
                        base + " No such professional judgment was made, so the refusal does "
                        "not meet the rule.", professional_judgment=False)]
    if facts.professional_judgment is None:
        return [finding("representative_refusal", "warning", "personal_representative.abuse",
                        base + " Ask the holder in writing whether that professional judgment "
                        "was made, and by whom.", professional_judgment=None)]
    return [finding("representative_refusal", "info", "personal_representative.abuse",
                    base + " The holder says it made that judgment. You may complain to the "
                    "holder or to the HHS Office for Civil Rights if you believe it is wrong.",
                    professional_judgment=True)]
