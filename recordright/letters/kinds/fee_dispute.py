"""A dispute of a fee above what 45 CFR 164.524(c)(4) allows."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.letters.context import LetterContext
from recordright.letters.kinds.base import LetterKind


def check(context: LetterContext) -> list[str]:
    missing = []
    if context.fee_amount is None:
        missing.append(_("The fee the office quoted."))
    if context.request.send_to == "third_party":
        # Ciox Health v. Azar (D.D.C. 2020): the patient-rate limit covers only copies
        # for the patient; a copy sent to someone else falls under state law and contract.
        missing.append(_("The cost-based fee limit applies only to copies sent to you, not "
                         "to copies sent to someone else; this letter cannot be used."))
    return missing


KIND = LetterKind(
    id="fee_dispute",
    title=_lazy("Dispute of the fee for my records"),
    when=_lazy("When the office asks for more than a reasonable, cost-based fee: for "
               "example search or retrieval charges, per-page fees for electronic records, "
               "or a fee to look at your records."),
    template="letters/kinds/fee_dispute.html",
    citations=("access.fee", "access.deadline"),
    applies_to=("access",),
    check=check,
)
