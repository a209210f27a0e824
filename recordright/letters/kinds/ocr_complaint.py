"""A drafted complaint to HHS's Office for Civil Rights, 45 CFR 160.306."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.letters.context import LetterContext, Recipient
from recordright.letters.kinds.base import LetterKind, deadline_cites

# OCR's published address for written complaints, as on hhs.gov "Filing a Civil Rights
# Complaint" (checked 2026-11-22 against archived copies of that page); complaints may also be
# filed through the OCR Complaint Portal or by email.
OCR = Recipient(
    name="U.S. Department of Health and Human Services",
    records_office="Office for Civil Rights, Centralized Case Management Operations",
    address_lines=("200 Independence Avenue, S.W.", "Room 509F, HHH Building",
                   "Washington, D.C. 20201"),
    email="OCRComplaint@hhs.gov",
)


def check(context: LetterContext) -> list[str]:
    # What 160.306(b)(2) requires: the entity named, and the acts or omissions described.
    missing = []
    if not context.recipient.address_lines:
        missing.append(_("The address of the provider or plan you complain about."))
    if not context.timeline:
        missing.append(_("What happened and when: at least one dated event (for example "
                         "the date the request was sent)."))
    return missing


def window_state(context: LetterContext) -> dict:
    """Whether the engine's 180-day date has passed (the date itself is the engine's)."""
    ends = context.complaint_window_ends
    return {"window_passed": bool(ends and context.today > ends),
            "good_cause": context.extra.get("good_cause", "")}


def cites_for(context: LetterContext) -> tuple[str, ...]:
    return ("complaint.ocr.in_writing", "complaint.ocr.content", "complaint.ocr",
            *deadline_cites(context))


KIND = LetterKind(
    id="ocr_complaint",
    title=_lazy("Complaint to the HHS Office for Civil Rights"),
    when=_lazy("When the office is late, refuses without a permitted reason, or overcharges, "
               "and letters did not help: a drafted complaint with the timeline and the "
               "evidence. It must be filed within 180 days of when you knew."),
    template="letters/kinds/ocr_complaint.html",
    citations=("complaint.ocr.in_writing", "complaint.ocr.content", "complaint.ocr",
               "access.deadline"),
    applies_to=("access", "amendment", "accounting"),
    check=check,
    cites_for=cites_for,
    extra_context=window_state,
    needs_recipient_address=False,  # check() asks for the entity's address itself
)
