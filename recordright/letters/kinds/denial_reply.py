"""A reply to a denial whose ground the Privacy Rule does not permit."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _lazy

from recordright.letters import grounds
from recordright.letters.citing import printed
from recordright.letters.context import LetterContext
from recordright.letters.kinds.base import LetterKind, needs_denial

# Why an exception ground fails when it was used for more than its own kind of record
# (the engine's denial_not_permitted finding on psychotherapy notes or litigation materials).
EXCEPTION_TOO_WIDE = _lazy("As to the reason %(reason)s: that exception covers only its own "
                           "kind of record, not the other records I asked for; those must be "
                           "provided.")
ELSE_NOT_PERMITTED = _lazy("As to the reason %(reason)s: it is not among the grounds the "
                           "regulation allows for denying access.")


def _not_permitted_findings(context: LetterContext) -> dict[str, dict]:
    return {f["ground"]: f for f in context.findings
            if f.get("code") == "denial_not_permitted" and f.get("ground")}


def explain_grounds(context: LetterContext) -> dict:
    """Each reason the office gave, in words; for those the law does not allow, why, citing
    the engine's finding on that reason (its citation may add a state statute). Without an
    assessment (a preview), the reasons the Privacy Rule never allows are explained."""
    flagged = _not_permitted_findings(context)
    assessed = bool(context.findings)
    explained = []
    for ground in context.denial_grounds:
        finding = flagged.get(ground)
        known = grounds.why_not_permitted(ground)
        if finding is None and (assessed or known is None):
            continue
        why, citation = known if known else (None, "")
        if finding is not None:
            citation = finding.get("citation") or citation
            if why is None:
                why = str(EXCEPTION_TOO_WIDE if ground in ("psychotherapy_notes",
                                                          "litigation_materials")
                          else ELSE_NOT_PERMITTED) % {"reason": grounds.reason(ground)}
        explained.append({"reason": grounds.reason(ground), "why": why,
                          "citation": printed(citation)})
    return {"reasons": [grounds.reason(g) for g in context.denial_grounds],
            "not_permitted": explained,
            "all_not_permitted": len(explained) == len(context.denial_grounds)}


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
