"""The closed-practice guide's letter: one step's plain values -> the letters app's context.

The letters app renders (``recordright.letters.render``); this module only converts what
``guide.closed_practice_letter_context`` gathered, plus who writes the letter (the
patient, or a personal representative with the document that shows it).
"""

from __future__ import annotations

import re
from datetime import date

from django.utils.translation import gettext as _

from recordright.closed_practices.guide import closed_practice_letter_context
from recordright.closed_practices.models import ClosedPracticeSearch, ClosedPracticeStep
from recordright.letters.context import LetterContext, Person, Recipient
from recordright.letters.kinds import records_location_inquiry as inquiry
from recordright.letters.signatures import signature_for
from recordright.patients.models import PatientAccess
from recordright.requests.letters import representative_for

KIND = inquiry.KIND.id


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def recipient_lines(address: str) -> tuple[str, ...]:
    """A typed address keeps its lines; the directory's one-line "100 MAIN ST, SPRINGFIELD,
    IL 62704" becomes the street, then "SPRINGFIELD, IL 62704"."""
    lines = _lines(address)
    if len(lines) != 1:
        return lines
    parts = [part.strip() for part in lines[0].split(",") if part.strip()]
    if len(parts) >= 3:
        return (", ".join(parts[:-2]), ", ".join(parts[-2:]))
    return lines


def _what_happened(reason: str, reason_code: str) -> str:
    if reason_code == ClosedPracticeSearch.Reason.UNKNOWN:
        return ""
    if reason_code == ClosedPracticeSearch.Reason.DEACTIVATED:
        return _("the doctor's NPI was deactivated, so the practice may have closed")
    return reason[:1].lower() + reason[1:] if reason else ""


def _practice(value: str) -> str:
    """The old address as one line; the directory's upper case reads as shouting."""
    return re.sub(r"\s+", " ", value).strip()


def letter_context(search: ClosedPracticeSearch, step: ClosedPracticeStep, *, user,
                   link: PatientAccess | None, today: date) -> LetterContext:
    """The records_location_inquiry letter for ``step``, written by ``user`` through ``link``."""
    values = closed_practice_letter_context(search, step)
    representative = representative_for(link)
    name, png = signature_for(user)
    patient = Person(
        name=values["patient_name"], former_names=values["patient_former_names"],
        date_of_birth=values["patient_date_of_birth"],
        date_of_death=values["patient_date_of_death"],
        address_lines=_lines(values["patient_address"]), phone=values["patient_phone"],
        email=values["patient_email"])
    recipient = Recipient(
        name=values["recipient_name"], address_lines=recipient_lines(values["recipient_address"]),
        fax=values["recipient_fax"], phone=values["recipient_phone"], state=search.state,
        npi=values["recipient_npi"])
    extra = {inquiry.DOCTOR: values["doctor"], inquiry.NPI: values["npi"],
             inquiry.PRACTICE: _practice(values["practice_address"]),
             inquiry.UNTIL: values["until"],
             inquiry.WHAT_HAPPENED: _what_happened(values["reason"], search.reason)}
    # A drawn signature belongs on the letter only if its owner signs it: the patient, or
    # a representative. A helper without authority prepares the letter for the patient.
    signs = representative is not None or (link is not None and link.relationship == "self")
    return LetterContext(kind=values["kind"], today=today, patient=patient, recipient=recipient,
                         representative=representative, extra=extra,
                         signer_name=name if representative else "",
                         signature_png=png if signs else None)


def letter_filename(search: ClosedPracticeSearch, step: ClosedPracticeStep) -> str:
    """No patient name in the file name: it shows in download lists and mail attachments."""
    return f"records-location-inquiry-{search.pk}-{step.order}.pdf"
