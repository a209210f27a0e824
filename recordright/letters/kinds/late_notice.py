"""The notice after the deadline has passed without the records or a written denial."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.letters.context import LetterContext
from recordright.letters.kinds.base import LetterKind, deadline_cites, needs_sent_and_deadline


def check(context: LetterContext) -> list[str]:
    missing = needs_sent_and_deadline(context)
    if context.request.deadline and context.today <= context.request.deadline:
        missing.append(_("The deadline has not passed yet: send a reminder instead."))
    return missing


def cites_for(context: LetterContext) -> tuple[str, ...]:
    cited = deadline_cites(context)
    if context.request.right == "access":
        cited = (*cited, "access.denial.notice")
    return (*cited, "complaint.ocr.right")


KIND = LetterKind(
    id="late_notice",
    title=_lazy("Notice that my request is overdue"),
    when=_lazy("After the deadline, when you have neither the records nor a written denial: "
               "states that the office is late and that you will complain to HHS if the "
               "records do not come."),
    template="letters/kinds/late_notice.html",
    citations=("access.deadline", "access.denial.notice", "complaint.ocr.right"),
    applies_to=("access", "amendment", "accounting"),
    check=check,
    cites_for=cites_for,
)
