"""The first request for a copy (or inspection) under 45 CFR 164.524."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.letters.context import LetterContext
from recordright.letters.kinds.base import LetterKind


def check(context: LetterContext) -> list[str]:
    request = context.request
    missing = []
    if not request.all_records and not (request.record_types or request.condition
                                        or request.date_from or request.date_to):
        missing.append(_("Which records you want: everything, or the types, dates or "
                         "condition."))
    if request.send_to == "third_party" and (
            request.third_party is None or not request.third_party.name
            or not (request.third_party.address_lines or request.third_party.email)):
        missing.append(_("The name and address of the person the copy should go to."))
    if request.delivery == "fax" and not request.delivery_detail:
        missing.append(_("The fax number the records should be sent to."))
    signer = context.representative or context.patient
    if request.delivery == "mail" and not request.delivery_detail and not signer.address_lines:
        missing.append(_("Your postal address, so that the office can mail the copy to you."))
    return missing


def cites_for(context: LetterContext) -> tuple[str, ...]:
    cited = ["access.scope", "access.form"]
    if context.request.copy == "electronic":
        cited.append("access.form.electronic")
    cited += ["access.manner", "access.deadline"]
    if context.request.send_to == "third_party":
        cited.append("access.third_party.directive")
    else:
        cited.append("access.fee")
    return tuple(cited)


KIND = LetterKind(
    id="access_request",
    title=_lazy("Request for access to my health information"),
    when=_lazy("The first letter to a doctor, hospital, lab or health plan: asks for a copy "
               "of your records (or to see them) in the form you choose, and starts the "
               "30-day clock."),
    template="letters/kinds/access_request.html",
    citations=("access.scope", "access.form", "access.form.electronic", "access.manner",
               "access.deadline", "access.fee"),
    applies_to=("access",),
    check=check,
    cites_for=cites_for,
)
