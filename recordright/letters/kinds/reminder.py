"""A friendly reminder before the deadline passes."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.letters.context import LetterContext
from recordright.letters.kinds.base import LetterKind, deadline_cites, needs_sent_and_deadline


def check(context: LetterContext) -> list[str]:
    missing = needs_sent_and_deadline(context)
    if context.request.deadline and context.today > context.request.deadline:
        missing.append(_("The deadline has passed: send a late notice instead."))
    return missing


def cites_for(context: LetterContext) -> tuple[str, ...]:
    cited = deadline_cites(context)
    return (*cited, "access.extension.terms") if context.request.right == "access" else cited


KIND = LetterKind(
    id="reminder",
    title=_lazy("Reminder of my pending request"),
    when=_lazy("Before the deadline, when you have heard nothing: reminds the office of the "
               "date the law gives it and of the one written extension it may take."),
    template="letters/kinds/reminder.html",
    citations=("access.deadline", "access.extension.terms"),
    applies_to=("access", "amendment", "accounting"),
    check=check,
    cites_for=cites_for,
)
