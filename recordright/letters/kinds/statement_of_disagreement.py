"""A statement of disagreement with a denied amendment, 164.526(d)(1)(ii) and (d)(2)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.letters.context import LetterContext
from recordright.letters.kinds.base import LetterKind


def check(context: LetterContext) -> list[str]:
    missing = []
    if context.denial_on is None:
        missing.append(_("The date the amendment was denied."))
    if not context.statement_of_disagreement.strip():
        missing.append(_("Your statement: why you disagree with the denial."))
    return missing


KIND = LetterKind(
    id="statement_of_disagreement",
    title=_lazy("Statement of disagreement with the denial of my amendment"),
    when=_lazy("When a requested correction was refused: your statement must be kept with "
               "the record and sent along whenever that part of the record is disclosed."),
    template="letters/kinds/statement_of_disagreement.html",
    citations=("amendment.denial.notice.disagreement", "amendment.disagreement.statement",
               "amendment.disagreement.append", "amendment.disagreement.future_disclosures"),
    applies_to=("amendment",),
    check=check,
)
