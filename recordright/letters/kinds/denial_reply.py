"""A reply to a denial whose ground the Privacy Rule does not permit."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _lazy

from recordright.letters.citing import cite, printed
from recordright.letters.context import LetterContext
from recordright.letters.kinds.base import LetterKind, needs_denial

# Grounds offices give that 164.524(a)(2)-(a)(3) do not allow, keyed by the rights engine's
# vocabulary (recordright.rules.vocab.UNLAWFUL_GROUNDS, plus "portal_only"), each with the
# plain reason it is not permitted and what to cite. A ground not listed here is quoted
# as the office wrote it.
GROUNDS: dict[str, tuple[str, str, str]] = {
    "unpaid_bill": (
        _lazy("an unpaid bill"),
        _lazy("An unpaid bill is not among the grounds for denial. HHS has made clear that "
              "a covered entity may not withhold or deny access because the individual has "
              "not paid for health care services."),
        "access.denial.unreviewable"),
    "policy": (
        _lazy("office policy"),
        _lazy("An office policy cannot add grounds for denial to those the regulation lists."),
        "access.denial.unreviewable"),
    "records_too_old": (
        _lazy("the age of the records"),
        _lazy("The right of access covers the information for as long as it is maintained "
              "in the designated record set, whatever its age."),
        "access.scope"),
    "in_person_required": (
        _lazy("a requirement to come in person"),
        _lazy("A requirement to come in person is not a ground for denial; an office may "
              "not require an individual to appear in person when the copy can be mailed "
              "or sent electronically."),
        "access.request"),
    "portal_only": (
        _lazy("a requirement to use the patient portal"),
        _lazy("An office may not require an individual to use a web portal to request "
              "access; a written request is enough."),
        "access.request"),
    "records_from_other_provider": (
        _lazy("records created by another provider"),
        _lazy("Records you hold in your designated record set are covered even if another "
              "provider created them."),
        "access.scope"),
    "clia_lab_rule": (
        _lazy("laboratory rules (CLIA)"),
        _lazy("The laboratory exceptions were removed from the regulation in 2014 "
              "(79 FR 7290); a covered laboratory must give individuals their test reports."),
        "access.scope"),
    "privacy_law": (
        _lazy("privacy law"),
        _lazy("Privacy law does not stop an office from giving individuals their own "
              "information: the Privacy Rule gives them the right to it."),
        "access.scope"),
    "emotional_distress": (
        _lazy("that the records might upset the patient"),
        _lazy("Possible distress is not a ground. Only a licensed health care professional's "
              "determination that access is reasonably likely to endanger the life or "
              "physical safety of the individual or another person may justify a denial, and "
              "that denial can be reviewed."),
        "access.denial.reviewable"),
    "identity_not_verified": (
        _lazy("identity not verified"),
        _lazy("Identity may be verified by reasonable steps that do not create a barrier to "
              "access or delay it; the details above and my signature identify me. If you "
              "need more, please tell me what, rather than deny the request."),
        "access.request"),
    "psychotherapy_notes": (
        _lazy("psychotherapy notes"),
        _lazy("Psychotherapy notes are defined narrowly: they exclude medication, test "
              "results, diagnoses, the treatment plan, symptoms, prognosis and progress, "
              "and notes kept in the medical record. Those records must be provided."),
        "definitions"),
}


def explain_grounds(context: LetterContext) -> dict:
    grounds = []
    for ground in context.denial_grounds:
        known = GROUNDS.get(ground)
        if known:
            label, why, rule_id = known
            grounds.append({"label": label, "why": why, "citation": printed(cite(rule_id))})
        else:
            grounds.append({"label": f"“{ground}”", "why": "", "citation": ""})
    return {"grounds": grounds}


KIND = LetterKind(
    id="denial_reply",
    title=_lazy("Reply to the denial of my request for access"),
    when=_lazy("When the office refused for a reason the law does not allow, such as an "
               "unpaid bill, an office policy or the age of the records: names why the "
               "reason is not permitted and asks for the records."),
    template="letters/kinds/denial_reply.html",
    citations=("access.denial.unreviewable", "access.denial.reviewable", "access.deadline",
               "access.denial.notice"),
    applies_to=("access",),
    check=needs_denial,
    extra_context=explain_grounds,
)
