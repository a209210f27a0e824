"""A request for an accounting of disclosures, 45 CFR 164.528."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.letters.context import LetterContext
from recordright.letters.kinds.base import LetterKind


def check(context: LetterContext) -> list[str]:
    start, end = context.request.accounting_from, context.request.accounting_to
    if start and end and start > end:
        return [_("The period asked for ends before it starts.")]
    return []


KIND = LetterKind(
    id="accounting_request",
    title=_lazy("Request for an accounting of disclosures"),
    when=_lazy("To learn who your health information was given to outside treatment, "
               "payment and the office's own operations, in the last six years (or a "
               "shorter period). The first one in 12 months is free."),
    template="letters/kinds/accounting_request.html",
    citations=("accounting.six_years", "accounting.shorter_period", "accounting.content",
               "accounting.deadline", "accounting.fee"),
    applies_to=("accounting",),
    check=check,
)
