"""A complaint to a state agency, where the state data names the route."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.letters.context import LetterContext
from recordright.letters.kinds.base import LetterKind


def check(context: LetterContext) -> list[str]:
    missing = []
    if not context.state_complaint_route.strip():
        missing.append(_("Where to complain in this state (the state data names no route)."))
    if context.addressee is None or not context.addressee.name:
        missing.append(_("The name and address of the state agency or board."))
    if not context.timeline:
        missing.append(_("What happened and when: at least one dated event."))
    return missing


KIND = LetterKind(
    id="state_complaint",
    title=_lazy("Complaint to a state agency"),
    when=_lazy("When your state gives a route, such as the medical licensing board or the "
               "Attorney General: a complaint with the timeline, alongside or instead of the "
               "federal complaint."),
    template="letters/kinds/state_complaint.html",
    citations=("access.deadline",),
    applies_to=("access",),
    check=check,
)
