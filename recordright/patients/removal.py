"""Archiving, restoring and deleting a patient, and the files kept from deleted entries.

Archiving hides the patient from every list, the dashboard and reminders; everything stays
and can be restored. Deleting removes the patient and everything that is theirs in one
transaction (requests and their timelines, vault documents, share links, kept files, the
access of everyone who helps), and every stored file once that commits (``filestore``
deletes a file with the row that names it). The audit log keeps the entries and the id.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.patients.models import KeptFile, Patient


def archive(user, patient: Patient) -> None:
    _set_archived(user, patient, timezone.now(), "patient archived")


def restore(user, patient: Patient) -> None:
    _set_archived(user, patient, None, "patient restored")


@transaction.atomic
def _set_archived(user, patient: Patient, at, what: str) -> None:
    Patient.objects.filter(pk=patient.pk).update(archived_at=at)
    record(user, patient, AuditEntry.Action.UPDATE, what, patient)


@transaction.atomic
def delete(user, patient: Patient) -> None:
    record(user, patient, AuditEntry.Action.DELETE, "patient and all their records", patient)
    patient.delete()


def keep_file(user, patient: Patient, field_file, *, name: str, came_from: str,
              sha256: str) -> KeptFile:
    """Name an already stored file from this row on, so deleting its old row keeps it.

    The caller clears the old row's reference in the same transaction (so its deletion does
    not delete the file)."""
    kept = KeptFile(patient=patient, name=name[:200], came_from=came_from[:300], kept_by=user,
                    file_sha256=sha256)
    kept.file.name = field_file.name
    kept.save()
    return kept


@transaction.atomic
def delete_kept_file(user, kept: KeptFile) -> None:
    record(user, kept.patient, AuditEntry.Action.DELETE, "kept file", kept)
    kept.delete()
