"""Archiving, restoring and deleting a request; undoing, restoring and deleting a timeline
entry. Each writes an audit entry; each that changes the timeline re-asks the engine
(``stored_assessments.refresh``), so the clock and the dashboard follow at once.

Evidence files are either kept (named from then on by a ``KeptFile`` of the patient, the
same encrypted file) or deleted with their row once the deletion commits (``filestore``).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.dates import us_date
from recordright.patients import removal as patient_removal
from recordright.requests.models import RecordsRequest, RequestEvent
from recordright.requests.stored_assessments import refresh


def archive_request(user, req: RecordsRequest) -> None:
    _set_archived(user, req, timezone.now(), "records request archived")


def restore_request(user, req: RecordsRequest) -> None:
    _set_archived(user, req, None, "records request restored")


@transaction.atomic
def _set_archived(user, req: RecordsRequest, at, what: str) -> None:
    RecordsRequest.objects.filter(pk=req.pk).update(archived_at=at)
    record(user, req.patient, AuditEntry.Action.UPDATE, what, req)


def evidence_of(req: RecordsRequest) -> list[RequestEvent]:
    """Every entry of the request with a file, undone ones included."""
    return list(RequestEvent.with_undone.filter(request=req).exclude(evidence=""))


@transaction.atomic
def delete_request(user, req: RecordsRequest, *, keep_files: bool) -> None:
    if keep_files:
        for event in evidence_of(req):
            _keep_evidence(user, req, event)
    record(user, req.patient, AuditEntry.Action.DELETE, "records request", req)
    req.delete()


def undo_event(user, event: RequestEvent) -> None:
    _set_undone(user, event, timezone.now(), user, "timeline entry undone")


def restore_event(user, event: RequestEvent) -> None:
    _set_undone(user, event, None, None, "timeline entry restored")


@transaction.atomic
def _set_undone(user, event: RequestEvent, at, by, what: str) -> None:
    event.undone_at, event.undone_by = at, by
    event.save(update_fields=["undone_at", "undone_by"])
    record(user, event.request.patient, AuditEntry.Action.UPDATE, what, event)
    refresh(event.request, timezone.localdate())


@transaction.atomic
def delete_event(user, event: RequestEvent, *, keep_file: bool) -> None:
    req = event.request
    if keep_file and event.evidence:
        _keep_evidence(user, req, event)
    record(user, req.patient, AuditEntry.Action.DELETE, "timeline entry", event)
    event.delete()
    refresh(req, timezone.localdate())


def _keep_evidence(user, req: RecordsRequest, event: RequestEvent) -> None:
    """Hand the event's stored file to a KeptFile, then forget it on the event's row."""
    came_from = f"{event.get_type_display()}, {us_date(event.on)} — {req.provider.name}"
    patient_removal.keep_file(user, req.patient, event.evidence,
                              name=event.evidence_name or "evidence", came_from=came_from,
                              sha256=event.evidence_sha256)
    RequestEvent.with_undone.filter(pk=event.pk).update(evidence="", evidence_sha256="")
    event.evidence.name = ""
    record(user, req.patient, AuditEntry.Action.UPDATE, "kept file from a timeline entry",
           event)
