"""Denials of access, 45 CFR 164.524(a)(2)-(3) and (d): is each ground permitted, is it
reviewable, and does the notice say what (d)(2) requires?"""

from __future__ import annotations

import dataclasses
import datetime as dt

from recordright.rules.case import Event
from recordright.rules.context import Ctx
from recordright.rules.findings import Finding, NextStep, finding, human_date, step
from recordright.rules.vocab import AMENDMENT_GROUNDS, REVIEWABLE_GROUNDS, UNREVIEWABLE_GROUNDS

CLIA_COMPLIANCE = dt.date(2014, 10, 6)
ORDINARY_RECORDS = ("medical", "billing", "lab_results", "imaging", "other")

# Plain-language explanations of grounds the law does not allow.
NOT_PERMITTED = {
    "unpaid_bill": "Records may not be withheld because a bill is unpaid.",
    "privacy_law": "Privacy law is not a reason to refuse a patient their own records: HIPAA "
                   "gives you the right to them.",
    "emotional_distress": "Worry that the records would upset you is not a ground; only a "
                          "licensed professional's finding of danger to life or physical "
                          "safety is, and it is reviewable.",
    "records_from_other_provider": "Records that came from another provider are part of the "
                                   "holder's designated record set and must be provided.",
    "records_too_old": "Access lasts for as long as the records are kept; age is not a ground.",
    "in_person_required": "Requiring you to come in person is an unreasonable measure, not a "
                          "ground for denial.",
    "identity_not_verified": "Identity checks must be reasonable and may not become a barrier; "
                             "a refusal on this basis is not a listed ground.",
    "policy": "An internal policy is not one of the grounds the regulation allows.",
    "other": "This reason is not one of the grounds listed in 164.524(a)(2) or (a)(3).",
}


def assess_denials(ctx: Ctx) -> tuple[list[Finding], list[NextStep]]:
    found: list[Finding] = []
    steps: list[NextStep] = []
    for denial in ctx.events("denial"):
        reviewable = False
        for ground in denial.grounds or ("other",):
            for f in _ground(ctx, denial, ground):
                found.append(f)
                reviewable |= f.code == "denial_reviewable"
        found.extend(_notice(denial, reviewable))
        if reviewable:
            steps.append(step(
                "request_review", None,
                "Ask in writing for the denial to be reviewed by a licensed health care "
                "professional who did not take part in it (45 CFR 164.524(a)(4)). The holder "
                "must refer it promptly; no fixed number of days is set."))
        if any(f.code == "denial_not_permitted" for f in found):
            steps.append(step(
                "send_reminder", ctx.as_of,
                f"Write back about the denial of {human_date(denial.on)}: its reason is not one "
                "the law allows. Ask for the records and cite 45 CFR 164.524(a)."))
    return found, _dedupe(steps)


def covered_records(ctx: Ctx, denial: Event) -> tuple[str, ...]:
    """The record kinds a denial refuses: those it names, else everything asked for."""
    return denial.records or ctx.case.request.records


def _dedupe(steps: list[NextStep]) -> list[NextStep]:
    seen, out = set(), []
    for s in steps:
        if s.action not in seen:
            seen.add(s.action)
            out.append(s)
    return out


def _bad(ctx: Ctx, denial: Event, ground: str, why: str, rule_id: str = "access.denial."
         "not_permitted", also: tuple[str, ...] = (), citation: str | None = None,
         **extra: object) -> Finding:
    return finding("denial_not_permitted", "violation", rule_id,
                   f"Denial of {human_date(denial.on)} on the ground "
                   f"'{ground.replace('_', ' ')}': {why}",
                   also=also, citation=citation, knew_on=denial.on, ground=ground, **extra)


def _ground(ctx: Ctx, denial: Event, ground: str) -> list[Finding]:
    if ground in UNREVIEWABLE_GROUNDS:
        return _unreviewable(ctx, denial, ground)
    if ground in REVIEWABLE_GROUNDS:
        return [_reviewable(ctx, denial, ground)]
    if ground == "clia_lab_rule":
        return [_clia(ctx, denial)]
    if ground == "unpaid_bill":
        overlay = ctx.overlay
        citation = None
        if overlay and overlay.unpaid_bill_citation:
            citation = f"{overlay.unpaid_bill_citation}; 45 CFR 164.524(a)(2)-(3); " \
                       "HHS FAQ on unpaid bills"
        return [_bad(ctx, denial, ground, NOT_PERMITTED[ground], "access.denial.unpaid_bill",
                     citation=citation)]
    if ground == "records_not_held":
        return [finding("records_not_held", "info", "access.denial.elsewhere",
                        f"The holder said on {human_date(denial.on)} that it does not keep the "
                        "records. If it knows where they are, it must tell you where to send "
                        "the request.", ground=ground)]
    if ground in AMENDMENT_GROUNDS or ground == "oversight_suspension":
        return [_bad(ctx, denial, ground, "that ground belongs to another right "
                     "(amendment or accounting) and cannot be used to deny access.")]
    return [_bad(ctx, denial, ground, NOT_PERMITTED.get(ground, NOT_PERMITTED["other"]))]


def _exception(ctx: Ctx, denial: Event, ground: str) -> list[Finding] | None:
    """Psychotherapy notes and litigation materials, 164.524(a)(1)(i)-(ii), judged against the
    records the denial covers: the exception covers its own kind of record, never the rest
    ((a)(2)-(3), (d)(1)). A denial of both the notes and the medical record yields a finding
    for each: the notes may be withheld; the medical record must still be given, unless
    another ground the denial gives is allowed for it (judged on its own)."""
    covered = covered_records(ctx, denial)
    ordinary = [r for r in covered if r in ORDINARY_RECORDS]
    if not ordinary or (denial.scope == "partial" and not denial.records):
        return None  # only the excepted kind is refused (or the denial says it is partial)
    rid = f"access.denial.unreviewable.{ground}"
    kind = ground.replace("_", " ")
    if ground not in covered:
        return [_bad(ctx, denial, ground,
                     f"this exception covers only {kind}, not the {', '.join(ordinary)} records "
                     "you asked for. Those must be provided.", rid,
                     also=("access.denial.partial",))]
    others = [g for g in denial.grounds if g not in ("psychotherapy_notes", "litigation_materials")]
    allowed = finding("denial_unreviewable", "info", rid,
                      f"The denial of {human_date(denial.on)} may withhold the {kind} without a "
                      f"review ({kind}), but that covers only the {kind}, not the "
                      f"{', '.join(ordinary)} records.", ground=ground, records=[ground])
    if others:
        allowed = dataclasses.replace(allowed, message=allowed.message + (
            " Those are judged on the other reasons the denial gives; they must still be "
            "provided unless one of those reasons is allowed."))
        return [allowed]
    return [allowed, _bad(ctx, denial, ground,
                          f"it covers only the {kind}. The {', '.join(ordinary)} records were "
                          "refused with no other reason, and no reason the law allows covers "
                          "them: they must still be provided.", rid,
                          also=("access.denial.partial",), records=ordinary)]


def _unreviewable(ctx: Ctx, denial: Event, ground: str) -> list[Finding]:
    req = ctx.case.request
    rid = f"access.denial.unreviewable.{ground}"
    if ground in ("psychotherapy_notes", "litigation_materials"):
        judged = _exception(ctx, denial, ground)
        if judged is not None:
            return judged
    if ground == "correctional_safety":
        if ctx.case.holder.type != "correctional":
            return [_bad(ctx, denial, ground, "only a correctional institution (or a provider "
                         "acting under its direction) may use this ground.", rid)]
        if req.copy == "inspection":
            return [_bad(ctx, denial, ground, "this ground covers obtaining a copy, not "
                         "inspection.", rid)]
    severity, note = "info", ""
    if ground == "research_in_progress":
        severity = "warning"
        note = (" It is valid only if you agreed to it when you joined the research and were "
                "told access would be restored when the research ends.")
    elif ground == "privacy_act":
        severity = "warning"
        note = " It applies only to records of federal agencies covered by the Privacy Act."
    return [finding("denial_unreviewable", severity, rid,
                    f"The denial of {human_date(denial.on)} uses a ground the law allows without "
                    f"a review ({ground.replace('_', ' ')}).{note}", ground=ground)]


def _reviewable(ctx: Ctx, denial: Event, ground: str) -> Finding:
    if ground == "personal_representative_harm" and ctx.case.requester != "personal_representative":
        return _bad(ctx, denial, ground, "this ground applies only when a personal "
                    "representative makes the request.",
                    "access.denial.reviewable.personal_representative")
    if not denial.licensed_professional_determination:
        return finding("denial_reviewable", "violation", "access.denial.reviewable",
                       f"The denial of {human_date(denial.on)} cites "
                       f"'{ground.replace('_', ' ')}' but no licensed health care professional "
                       "made that determination, so it is defective. You may also ask for a "
                       "review.", also=("access.denial.review",), knew_on=denial.on,
                       ground=ground, defective=True)
    return finding("denial_reviewable", "warning", "access.denial.reviewable",
                   f"The denial of {human_date(denial.on)} uses a reviewable ground "
                   f"('{ground.replace('_', ' ')}'). You have the right to a review by another "
                   "licensed professional.", also=("access.denial.review",), ground=ground,
                   defective=False)


def _clia(ctx: Ctx, denial: Event) -> Finding:
    # Judged by the law in force when the holder denied: from the compliance date a lab had
    # to act under the amended rule, even on a request it received a few days earlier.
    if denial.on >= CLIA_COMPLIANCE:
        return _bad(ctx, denial, "clia_lab_rule", "the CLIA exception was removed in 2014; "
                    "since October 6, 2014 laboratories must give patients their test reports.",
                    "access.denial.clia")
    return finding("denial_unreviewable", "info", "access.denial.clia",
                   "This denial came before October 6, 2014, when a laboratory could still "
                   "deny access under the CLIA exception.", ground="clia_lab_rule")


def _notice(denial: Event, reviewable: bool) -> list[Finding]:
    if not denial.in_writing:
        return [finding("denial_notice_defective", "violation", "access.denial.notice",
                        f"The denial of {human_date(denial.on)} was not in writing. A denial "
                        "must be written; an oral refusal does not stop the deadline clock.",
                        knew_on=denial.on)]
    notice = denial.notice
    missing = []
    if not (notice and notice.basis):
        missing.append("the basis for the denial")
    if reviewable and not (notice and notice.review_rights):
        missing.append("your right to a review and how to ask for it")
    if not (notice and notice.complaint_process):
        missing.append("how to complain to the holder or to HHS, with a contact and phone number")
    if not missing:
        return []
    return [finding("denial_notice_defective", "violation", "access.denial.notice",
                    f"The written denial of {human_date(denial.on)} does not state "
                    f"{'; '.join(missing)}.", knew_on=denial.on, missing=missing)]
