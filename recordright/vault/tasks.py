"""The worker reads uploaded files, so a 300-page scan never holds up a page."""

from __future__ import annotations

from django_tasks import task

from recordright.vault import gaps, sandbox
from recordright.vault.choices import Status
from recordright.vault.intake import recovery
from recordright.vault.intake.pipeline import Intake, process_or_undo
from recordright.vault.models import Document


def intake_for(document: Document) -> Intake:
    return Intake(patient=document.patient, arrival=document.arrival, user=document.added_by,
                  request=document.request, provider=document.provider,
                  received_on=document.received_on, keep_failed=True)


@task()
def read_uploaded_document(document_id: int) -> str:
    """Read one uploaded document (registered "processing" by the upload page)."""
    document = (Document.objects.select_related("patient", "request", "provider", "added_by")
                .filter(pk=document_id, status=Status.PROCESSING).first())
    if document is None:  # already read, or removed
        return "skipped"
    recovery.claim(document)
    status = process_or_undo(document, intake_for(document)).status
    if document.request_id is not None:
        # The last file of a batch read: compare what came with what was asked.
        gaps.apply(document.request)
    return status


@task()
def recover_interrupted_imports() -> int:
    """At the worker's start: finish what an interrupted process left (uploads are read again;
    command-line imports are rolled back)."""
    sandbox.wipe_scratch()
    retried = recovery.recover()
    for document in retried:
        read_uploaded_document.enqueue(document.pk)
    return len(retried)
