"""Adding to a request's timeline. Views, the letter sender and other apps call these."""

from __future__ import annotations

from datetime import date, datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from recordright.filenames import fit
from recordright.requests.choices import EventType
from recordright.requests.models import RecordsRequest, RequestEvent


@transaction.atomic  # the evidence file is kept only if its event row is
def add_event(records_request: RecordsRequest, *, type: str, on: date, user,  # noqa: A002
              text: str = "", facts: dict | None = None, channel: str = "",
              tracking_number: str = "", email_sent_at: datetime | None = None,
              fax_confirmation: str = "", letter_kind: str = "",
              evidence: UploadedFile | None = None, evidence_name: str = "") -> RequestEvent:
    """Store one event. Evidence must already be size-checked (forms.EvidenceField does)."""
    event = RequestEvent(request=records_request, type=type, on=on, text=text,
                         facts=facts or {}, channel=channel, tracking_number=tracking_number,
                         email_sent_at=email_sent_at, fax_confirmation=fax_confirmation,
                         letter_kind=letter_kind, created_by=user)
    if evidence is not None:
        event.evidence_name = fit(evidence_name or getattr(evidence, "name", "") or "evidence",
                                  RequestEvent._meta.get_field("evidence_name").max_length,
                                  default="evidence")
        event.evidence.save(event.evidence_name, evidence, save=False)
    event.save()
    return event


def add_note(records_request: RecordsRequest, on: date, text: str, user) -> RequestEvent:
    """A free-text note on the timeline (used by the directory's closed-practice guide)."""
    return add_event(records_request, type=EventType.NOTE, on=on, text=text, user=user)
