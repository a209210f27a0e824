"""Undo a document that could not be finished, and find the ones an interrupted process left.

A document is visible (its entries, its search rows, "ready") only once ``save.finish``
commits. Before that, its row says "processing" and lists the files written for it
(the original, raw FHIR chunks). ``discard`` removes all of that; ``recover`` runs at the
start of every import and of the worker: what was interrupted is finished again (web
uploads, whose original is kept) or rolled back (command-line imports: run the command
again).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from recordright.filestore import store
from recordright.vault.choices import Arrival, Status
from recordright.vault.models import Document, FhirChunk

MAX_ATTEMPTS = 3


def _files_of(document: Document) -> list[str]:
    names = [document.stored_name, *document.work_files]
    names += FhirChunk.objects.filter(document=document).values_list("stored_name", flat=True)
    for child in Document.objects.filter(parent=document):
        names += _files_of(child)
    return [name for name in names if name]


def discard(document: Document, keep_row_with_message: str | None = None) -> None:
    """Remove a document, what it carried and its files. With a message, keep the row as
    "could not be read" (no file, no entries) so the person who uploaded it sees why."""
    names = _files_of(document)
    with transaction.atomic():
        if keep_row_with_message is None:
            Document.objects.filter(pk=document.pk).delete()
        else:
            Document.objects.filter(parent=document).delete()
            document.entries.all().delete()
            document.search_items.all().delete()
            document.fhir_chunks.all().delete()
            Document.objects.filter(pk=document.pk).update(
                status=Status.FAILED, message=keep_row_with_message[:5000], stored_name="",
                work_files=[], text="", updated_at=timezone.now())
    for name in names:
        if store.is_store_name(name):
            store.delete(name)


def reset_for_retry(document: Document) -> None:
    """Forget what a previous try wrote, keeping the original: it is read again."""
    for name in document.work_files:
        if store.is_store_name(name):
            store.delete(name)
    for child in Document.objects.filter(parent=document):
        discard(child)
    Document.objects.filter(pk=document.pk).update(work_files=[], updated_at=timezone.now())
    document.work_files = []


def stale_before():
    return timezone.now() - timedelta(seconds=settings.RECORDRIGHT_OCR_WALL_SECONDS + 120)


def recover() -> list[Document]:
    """Clean up after interrupted imports. Returns the uploads to process again."""
    retry = []
    stuck = Document.objects.filter(status=Status.PROCESSING, parent__isnull=True,
                                    updated_at__lt=stale_before())
    for document in stuck:
        if document.arrival == Arrival.UPLOAD and document.attempts < MAX_ATTEMPTS \
                and store.is_store_name(document.stored_name) \
                and store.exists(document.stored_name):
            reset_for_retry(document)
            retry.append(document)
        elif document.arrival == Arrival.UPLOAD:
            discard(document, keep_row_with_message=(
                "Reading this file was interrupted several times, so it was given up."))
        else:
            discard(document)
    return retry
