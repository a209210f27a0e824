"""A request for the records left out of a partial response."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.letters.context import LetterContext
from recordright.letters.kinds.base import LetterKind


def check(context: LetterContext) -> list[str]:
    if not context.missing_records.strip():
        return [_("Which records are missing from what you received.")]
    return []


KIND = LetterKind(
    id="remaining_records",
    title=_lazy("Request for the rest of my records"),
    when=_lazy("When some records arrived but others are missing: lists what is missing "
               "and asks for it, or a written denial naming the reason."),
    template="letters/kinds/remaining_records.html",
    citations=("access.provide", "access.deadline", "access.denial.partial",
               "access.denial.elsewhere"),
    applies_to=("access",),
    check=check,
)
