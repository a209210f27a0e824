"""Insisting on an electronic copy of electronically kept records, 164.524(c)(2)(ii)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.letters.context import LetterContext
from recordright.letters.kinds.base import LetterKind


def check(context: LetterContext) -> list[str]:
    if context.request.copy != "electronic":
        return [_("This letter asks for an electronic copy; the request is for another "
                  "form.")]
    return []


KIND = LetterKind(
    id="format_request",
    title=_lazy("Request for an electronic copy in the format I asked for"),
    when=_lazy("When the office offers paper or an unreadable file although it keeps the "
               "records electronically: asks for the electronic format you chose, or another "
               "readable electronic format you agree to."),
    template="letters/kinds/format_request.html",
    citations=("access.form.electronic", "access.form", "access.deadline"),
    applies_to=("access",),
    check=check,
)
