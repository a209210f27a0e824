"""The shape every letter kind has, and the checks every letter shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from recordright.letters.citing import cite, clock_for
from recordright.letters.context import LetterContext

Check = Callable[[LetterContext], list[str]]


def no_check(context: LetterContext) -> list[str]:
    return []


@dataclass(frozen=True)
class LetterKind:
    """One kind of letter: what it is for, what it cites, and what it cannot do without.

    ``check`` returns the missing facts that make the letter impossible (for example a
    late notice without a deadline), as plain sentences the user can act on.
    """

    id: str
    title: str  # lazy translation; also the letter's subject line
    when: str  # lazy translation: when to use it, in plain words
    template: str
    citations: tuple[str, ...]  # catalog rule ids (recordright.rules.law) it always cites
    applies_to: tuple[str, ...]  # rights: access | amendment | accounting
    check: Check = no_check
    # For kinds whose citations depend on the request's right (reminder, late notice).
    cites_for: Callable[[LetterContext], tuple[str, ...]] | None = None
    needs_recipient_address: bool = True
    # Values only this kind's template needs (for example the denial grounds explained).
    extra_context: Callable[[LetterContext], dict] | None = None

    def cited(self, context: LetterContext | None = None) -> tuple[str, ...]:
        """The rule ids this letter cites for ``context`` (the default right if None)."""
        if context is not None and self.cites_for is not None:
            return self.cites_for(context)
        return self.citations

    def citation_strings(self, context: LetterContext | None = None) -> list[str]:
        return [cite(rule_id) for rule_id in self.cited(context)]

    def missing(self, context: LetterContext) -> list[str]:
        """Every missing fact: the shared ones first, then this kind's own."""
        return common_missing(context, self) + list(self.check(context))


def common_missing(context: LetterContext, kind: LetterKind) -> list[str]:
    missing = []
    if not context.patient.name.strip():
        missing.append(_("The patient's name."))
    if context.patient.date_of_birth is None:
        missing.append(_("The patient's date of birth, so the office can find the records."))
    if not context.recipient.name.strip():
        missing.append(_("The name of the provider or plan that holds the records."))
    reachable = (context.recipient.address_lines or context.recipient.fax
                 or context.recipient.email)
    if kind.needs_recipient_address and not reachable:
        missing.append(_("An address, fax number or email address for the records office."))
    if context.representative is not None and context.representative.legal_basis in ("none", ""):
        missing.append(_("Legal authority to act for the patient. Without it the patient "
                         "must sign the letter; add the patient as the signer."))
    if context.request.right not in kind.applies_to:
        missing.append(_("This letter is for a different kind of request."))
    return missing


def deadline_cites(context: LetterContext) -> tuple[str, ...]:
    return (clock_for(context.request.right).deadline_rule,)


def needs_sent_and_deadline(context: LetterContext) -> list[str]:
    missing = []
    if context.request.sent_on is None:
        missing.append(_("The date the request was sent."))
    if context.request.deadline is None:
        missing.append(_("The deadline (it is worked out from the date the office received "
                         "the request)."))
    return missing


def needs_denial(context: LetterContext) -> list[str]:
    missing = []
    if context.denial_on is None:
        missing.append(_("The date of the denial."))
    if not context.denial_grounds:
        missing.append(_("The reason the office gave for the denial."))
    return missing
