"""The closed-practice search on a records request: timeline notes, and the holder found.

A search started from a request keeps the request (``ClosedPracticeSearch.records_request``);
every call note, letter and answer is then also a note on that request's timeline, so the
search itself is part of the record of what the patient did to get the records.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from recordright.closed_practices.models import ClosedPracticeSearch, ClosedPracticeStep
from recordright.directory.models import NpiRecord
from recordright.providers.from_directory import provider_from_record
from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest
from recordright.requests.timeline import add_note


def _note(search: ClosedPracticeSearch, on: date, text: str, user) -> None:
    if search.records_request_id:
        add_note(search.records_request, on,
                 _("Closed-practice search: %(text)s") % {"text": text}, user)


def note_started(search: ClosedPracticeSearch, user, today: date) -> None:
    _note(search, today, _("started looking for the records of %(doctor)s.")
          % {"doctor": search.doctor_name}, user)


def note_step(search: ClosedPracticeSearch, step: ClosedPracticeStep, user, today: date) -> None:
    """A call or an answer: "<step> — No answer or not there: voicemail, left a message"."""
    text = f"{step.title} — {step.get_status_display()}"
    if step.notes.strip():
        text = f"{text}: {step.notes.strip()}"
    _note(search, step.done_on or today, text, user)


def note_letter(search: ClosedPracticeSearch, recipient: str, user, today: date) -> None:
    _note(search, today, _("letter to %(recipient)s downloaded.") % {"recipient": recipient},
          user)


def note_found(search: ClosedPracticeSearch, provider: Provider, user, today: date) -> None:
    _note(search, today, _("the records are with %(holder)s; a new request to them is "
                           "started.") % {"holder": provider.name}, user)


def provider_for_found(user, details: dict) -> Provider:
    """The new records holder: from the directory when its NPI is there (so it can be
    refreshed later), else from what the user entered."""
    npi = (details.get("npi") or "").strip()
    record = NpiRecord.objects.filter(npi=int(npi)).first() if npi.isdigit() else None
    if record is not None:
        return provider_from_record(record, user)
    return Provider.objects.create(owner=user, **details)


def deactivated_record(npi: str) -> NpiRecord | None:
    """The directory's record for ``npi`` if the NPI is deactivated there."""
    npi = (npi or "").strip()
    if not npi.isdigit():
        return None
    return NpiRecord.objects.filter(npi=int(npi), active=False).first()


def request_hint(req: RecordsRequest) -> dict:
    """What the request page shows about closed practices: the provider's deactivated NPI
    (if the directory says so) and the searches started from this request."""
    record = deactivated_record(req.provider.npi)
    return {"deactivated_on": record.deactivated_on if record else None,
            "deactivated": record is not None,
            "searches": list(req.closed_practice_searches.all())}
