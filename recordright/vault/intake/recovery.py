"""Undo a document that could not be finished, and find the ones an interrupted process left.

A document is visible (its entries, its search rows, "ready") only once ``save.finish``
commits. Before that, its row says "processing" and lists the files written for it
(the original, raw FHIR chunks). ``discard`` removes all of that; ``recover`` runs at the
start of every import and of the worker: what was interrupted is finished again (web
uploads, whose original is kept) or rolled back (command-line imports: run the command
again).
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from recordright.filestore import store
from recordright.vault.choices import Arrival, Status
from recordright.vault.models import Document, FhirChunk

MAX_ATTEMPTS = 3
PARTIAL_IDLE_SECONDS = 10


def work_folder(document: Document) -> str:
    """Where the files written while reading a document go (raw FHIR chunks)."""
    return f"vault/{document.patient_id}/doc{document.pk}"


def _remove_work_folder(document: Document) -> None:
    folder = store.root() / work_folder(document)
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        name = f"{work_folder(document)}/{path.name}"
        if store.is_store_name(name):
            store.delete(name)
        elif path.name.endswith(store.PARTIAL_SUFFIX):  # a write the killed process began
            path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        folder.rmdir()


def _tree(document: Document) -> list[Document]:
    documents = [document]
    for child in Document.objects.filter(parent=document):
        documents += _tree(child)
    return documents


def _files_of(documents: list[Document]) -> list[str]:
    names = []
    for document in documents:
        names += [document.stored_name, *document.work_files]
        names += FhirChunk.objects.filter(document=document).values_list("stored_name",
                                                                        flat=True)
    return [name for name in names if name]


def discard(document: Document, keep_row_with_message: str | None = None) -> None:
    """Remove a document, what it carried and its files. With a message, keep the row as
    "could not be read" (no file, no entries) so the person who uploaded it sees why."""
    documents = _tree(document)
    names = _files_of(documents)
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
    for each in documents:
        _remove_work_folder(each)


def reset_for_retry(document: Document) -> None:
    """Forget what a previous try wrote, keeping the original: it is read again."""
    for name in document.work_files:
        if store.is_store_name(name):
            store.delete(name)
    _remove_work_folder(document)
    for child in Document.objects.filter(parent=document):
        discard(child)
    Document.objects.filter(pk=document.pk).update(work_files=[], updated_at=timezone.now(),
                                                   attempts=F("attempts") + 1)
    document.work_files = []


def process_tag() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _is_dead(tag: str) -> bool:
    """Whether the process that claimed a document is gone (only known on this host)."""
    host, _sep, pid = tag.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def claim(document: Document) -> None:
    document.claimed_by = process_tag()
    Document.objects.filter(pk=document.pk).update(claimed_by=document.claimed_by,
                                                   updated_at=timezone.now())


def stale_before():
    return timezone.now() - timedelta(seconds=settings.RECORDRIGHT_OCR_WALL_SECONDS + 120)


def interrupted() -> list[Document]:
    """Top-level documents left "processing" by a process that is gone or long silent."""
    processing = Document.objects.filter(status=Status.PROCESSING, parent__isnull=True)
    old = processing.filter(updated_at__lt=stale_before())
    dead = [doc for doc in processing.exclude(claimed_by="").exclude(pk__in=old)
            if _is_dead(doc.claimed_by)]
    return [*old, *dead]


def remove_abandoned_partials() -> int:
    """Remove half-written vault files (``.part``) a killed process left: a live write
    touches its file continuously, so one untouched for PARTIAL_IDLE_SECONDS is abandoned."""
    folder = store.root() / "vault"
    if not folder.is_dir():
        return 0
    removed = 0
    idle_since = time.time() - PARTIAL_IDLE_SECONDS
    for path in folder.rglob(f"*{store.PARTIAL_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_mtime < idle_since:
                path.unlink()
                removed += 1
    return removed


def recover() -> list[Document]:
    """Clean up after interrupted imports. Returns the uploads to process again."""
    remove_abandoned_partials()
    retry = []
    for document in interrupted():
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
