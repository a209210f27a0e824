"""A request to amend the record, 45 CFR 164.526."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.letters.context import LetterContext
from recordright.letters.kinds.base import LetterKind


def check(context: LetterContext) -> list[str]:
    missing = []
    if not context.request.amendment_what.strip():
        missing.append(_("What in the record is wrong or incomplete."))
    if not context.request.amendment_why.strip():
        missing.append(_("Why it should be changed, and how it should read."))
    return missing


KIND = LetterKind(
    id="amendment_request",
    title=_lazy("Request to amend my health record"),
    when=_lazy("When something in your record is wrong or missing: asks the office to "
               "correct it within 60 days and to tell the people who rely on it."),
    template="letters/kinds/amendment_request.html",
    citations=("amendment.right", "amendment.deadline", "amendment.accepted.notify",
               "amendment.denial.grounds"),
    applies_to=("amendment",),
    check=check,
)
