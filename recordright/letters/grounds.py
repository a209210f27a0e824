"""Denial grounds as a letter names them, and why the ones the law does not allow fail.

The request records an office's reason as a code of the rights engine's vocabulary
(``recordright.rules.vocab.DENIAL_GROUNDS``). A letter never prints the code: it says the
reason as the office gave it ("giving as the reason that privacy law prevents it") and, for
a reason the Privacy Rule does not allow, why, citing the catalog rule. Where the engine's
finding on that ground carries its own citation (a state's unpaid-bill statute beside the
federal rule), the letter cites that instead (``recordright.letters.statements``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _lazy

from recordright.letters.citing import cite

# code -> what the office said, as a clause after "giving as the reason". Written so that it
# reads the same whoever signs (the patient or a representative) and whoever reads it.
REASONS: dict[str, str] = {
    # Not permitted (vocab.UNLAWFUL_GROUNDS)
    "unpaid_bill": _lazy("that a bill is unpaid"),
    "privacy_law": _lazy("that privacy law prevents it"),
    "emotional_distress": _lazy("that the records might upset the patient"),
    "records_from_other_provider": _lazy("that the records were created by another provider"),
    "clia_lab_rule": _lazy("that laboratory rules (CLIA) prevent it"),
    "records_too_old": _lazy("that the records are too old"),
    "in_person_required": _lazy("that the request must be made in person"),
    "identity_not_verified": _lazy("that identity could not be verified"),
    "policy": _lazy("that office policy does not allow it"),
    "records_not_held": _lazy("that the records are not held there"),
    "other": _lazy("a reason that is not among those the regulation lists"),
    # Unreviewable grounds, 164.524(a)(1)-(2)
    "psychotherapy_notes": _lazy("that the records are psychotherapy notes"),
    "litigation_materials": _lazy("that the records were prepared for a lawsuit"),
    "correctional_safety": _lazy("the safety of a correctional institution"),
    "research_in_progress": _lazy("that a research study is in progress"),
    "privacy_act": _lazy("the federal Privacy Act"),
    "confidential_source": _lazy("that the information was obtained from someone else "
                                 "under a promise of confidentiality"),
    # Reviewable grounds, 164.524(a)(3)
    "endanger_life_or_safety": _lazy("that access is reasonably likely to endanger the life "
                                     "or physical safety of the patient or another person"),
    "harm_to_other_person": _lazy("that access is reasonably likely to cause substantial harm "
                                  "to another person named in the records"),
    "personal_representative_harm": _lazy("that access by the personal representative is "
                                          "reasonably likely to cause substantial harm"),
    # Amendment, 164.526(a)(2)
    "not_created_by_entity": _lazy("that the record was not created there"),
    "not_in_designated_record_set": _lazy("that the information is not part of the "
                                          "designated record set"),
    "not_available_for_inspection": _lazy("that the information is not open to inspection"),
    "accurate_and_complete": _lazy("that the record is accurate and complete"),
    # Accounting, 164.528(a)(2)
    "oversight_suspension": _lazy("a suspension asked for by a health oversight agency or "
                                  "law enforcement"),
}

# Reasons the Privacy Rule does not allow for access, each with why (addressed to the office
# that gave it) and the catalog rule to cite.
NOT_PERMITTED: dict[str, tuple[str, str]] = {
    "unpaid_bill": (
        _lazy("An unpaid bill is not among the grounds for denial. A covered entity may not "
              "withhold or deny access because the individual has not paid for health care "
              "services."),
        "access.denial.unreviewable"),
    "policy": (
        _lazy("An office policy cannot add grounds for denial to those the regulation lists."),
        "access.denial.unreviewable"),
    "records_too_old": (
        _lazy("The right of access covers the information for as long as it is maintained "
              "in the designated record set, whatever its age."),
        "access.scope"),
    "in_person_required": (
        _lazy("A requirement to come in person is not a ground for denial; an office may "
              "not require an individual to appear in person when the copy can be mailed "
              "or sent electronically."),
        "access.request"),
    "records_from_other_provider": (
        _lazy("Records held in your designated record set are covered even if another "
              "provider created them."),
        "access.scope"),
    "clia_lab_rule": (
        _lazy("The laboratory exceptions were removed from the regulation in 2014 "
              "(79 FR 7290); a covered laboratory must give individuals their test reports."),
        "access.scope"),
    "privacy_law": (
        _lazy("Privacy law does not stop an office from giving individuals their own "
              "information: the Privacy Rule gives them the right to it."),
        "access.scope"),
    "emotional_distress": (
        _lazy("Possible distress is not a ground. Only a licensed health care professional's "
              "determination that access is reasonably likely to endanger the life or "
              "physical safety of the individual or another person may justify a denial, and "
              "that denial can be reviewed."),
        "access.denial.reviewable"),
    "identity_not_verified": (
        _lazy("Identity may be verified by reasonable steps that do not create a barrier to "
              "access or delay it; the details in this letter and the signature identify the "
              "requester. If you need more, please say what, rather than deny the request."),
        "access.request"),
    "other": (
        _lazy("An office may deny access only on the grounds the regulation lists, and this "
              "reason is not among them."),
        "access.denial.unreviewable"),
}


def reason(ground: str) -> str:
    """The office's reason as a clause; a reason typed as free text is quoted as written."""
    known = REASONS.get(ground)
    return str(known) if known is not None else f"“{ground}”"


def reasons(grounds: tuple[str, ...] | list[str]) -> str:
    """Several reasons joined for one sentence: "that a bill is unpaid and that ..."."""
    names = [reason(ground) for ground in grounds]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " " + str(_lazy("and")) + " " + names[-1]


def why_not_permitted(ground: str) -> tuple[str, str] | None:
    """(why, citation) for a reason the Privacy Rule does not allow, else None."""
    known = NOT_PERMITTED.get(ground)
    if known is None:
        return None
    why, rule_id = known
    return str(why), cite(rule_id)
