"""Intake as a chain of small steps (paperless-ngx's consumption plugins are the model):

1. store the original, verbatim, encrypted (``filestore``), sniffing its first bytes and
   hashing it on the way; an empty file is refused;
2. detect its kind by content (``detect``);
3. de-duplicate by SHA-256 per patient ("duplicate");
4. register the document, status "processing" (committed, so an interrupted import can be
   found and cleaned up: ``recovery``);
5. read it with the importer for its kind (``registry``): parse, OCR, unpack;
6. import what it carries (ZIP members, embedded PDFs) through the same chain;
7. save entries, sources, raw FHIR chunk rows and search rows, and mark it ready, in one
   transaction (``save``).

A file that fails at any step leaves nothing behind: its stored files and rows are removed
(the web keeps a "could not be read" row with the message, and no file).
"""

from __future__ import annotations

import contextlib
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, BinaryIO

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from recordright.filestore import store
from recordright.vault.choices import Kind, Status
from recordright.vault.errors import UnreadableDocument
from recordright.vault.intake import recovery
from recordright.vault.intake.base import Extracted, ReadContext
from recordright.vault.intake.detect import HEAD_BYTES, detect
from recordright.vault.intake.limited import HostileFile
from recordright.vault.intake.registry import importer_for
from recordright.vault.intake.save import finish
from recordright.vault.models import Document
from recordright.vault.parsed import CATEGORIES

Opener = Callable[[], BinaryIO]
logger = logging.getLogger(__name__)


def _no_progress(name: str, step: str, done: int, total: int) -> None:
    return None


@dataclass
class Intake:
    """Where files go and how they came: one per import command or upload."""

    patient: Any
    arrival: str
    user: Any = None
    request: Any = None
    provider: Any = None
    received_on: date = field(default_factory=timezone.localdate)
    progress: Callable[[str, str, int, int], None] = _no_progress
    keep_failed: bool = False  # the web shows a failed upload with its message

    @property
    def folder(self) -> str:
        return f"vault/{self.patient.pk}"


@dataclass
class Outcome:
    """One file's result, as the CLI prints it."""

    source: str
    status: str  # "imported" | "duplicate" | "failed"
    kind: str = Kind.OTHER
    resources: Counter[str] = field(default_factory=Counter)
    entries: Counter[str] = field(default_factory=Counter)
    error: str = ""
    document_id: int | None = None
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        row = {"source": self.source, "status": self.status, "kind": str(self.kind),
               "resources": dict(sorted(self.resources.items())),
               "entries": {category: self.entries.get(category, 0) for category in CATEGORIES}}
        if self.status == "failed":
            row["error"] = self.error
        return row


class _HeadCapture:
    """Passes a stream through, keeping its first HEAD_BYTES for the sniffers."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream, self.head = stream, b""

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        if len(self.head) < HEAD_BYTES:
            self.head += data[:HEAD_BYTES - len(self.head)]
        return data


def is_duplicate(patient_id: int, sha256: str) -> bool:
    return (Document.objects.filter(patient_id=patient_id, sha256=sha256)
            .exclude(status=Status.FAILED).exists())


def receive(intake: Intake, name: str, opener: Opener, *,
            parent: Document | None = None) -> Document | Outcome:
    """Steps 1-4: the document registered as "processing" with its original stored, or the
    outcome when it stops here (a duplicate, an empty file)."""
    stored = None
    kind = Kind.OTHER
    try:
        with opener() as raw:
            capture = _HeadCapture(raw)
            stored = store.save_stream(capture, intake.folder)
        if stored.size == 0:
            raise UnreadableDocument("The file is empty.")
        detected = detect(capture.head)
        kind = detected.kind
        if is_duplicate(intake.patient.pk, stored.sha256):
            store.delete(stored.name)
            return Outcome(source=name, status="duplicate", kind=kind)
        try:
            return _register(intake, name, stored, detected, parent)
        except IntegrityError:  # the same file, imported at the same moment by another run
            store.delete(stored.name)
            return Outcome(source=name, status="duplicate", kind=kind)
    except Exception as exc:
        if stored is not None:
            store.delete(stored.name)
        return _failed(exc, name, kind, nested=parent is not None)


def import_file(intake: Intake, name: str, opener: Opener, *, reopen: Opener | None = None,
                parent: Document | None = None, depth: int = 0) -> Outcome:
    """Steps 1-7 for one file. ``reopen`` gives the same bytes again, seekable (a path on
    disk); without it the importer reads the stored original back."""
    received = receive(intake, name, opener, parent=parent)
    if isinstance(received, Outcome):
        return received
    return process_or_undo(received, intake, reopen=reopen, depth=depth, source=name)


def process_or_undo(document: Document, intake: Intake, *, reopen: Opener | None = None,
                    depth: int = 0, source: str = "") -> Outcome:
    """Steps 5-7; a failure removes what the document wrote (the web keeps its row with the
    message, and no file)."""
    try:
        return process(document, intake, reopen=reopen, depth=depth, source=source)
    except Exception as exc:
        outcome = _failed(exc, source or document.original_name, document.kind,
                          nested=document.parent_id is not None)
        if document.parent_id is not None:
            # A file inside another is part of what arrived: kept, unread, with the reason.
            recovery.reset_for_retry(document)
            finish(document, Extracted(message=outcome.error))
            return outcome
        recovery.discard(document, keep_row_with_message=outcome.error if intake.keep_failed
                         and document.parent_id is None else None)
        return outcome


def _failed(exc: Exception, name: str, kind: str, *, nested: bool) -> Outcome:
    if isinstance(exc, HostileFile) and nested:
        raise exc  # a bomb inside an archive refuses the whole archive
    if isinstance(exc, UnreadableDocument):
        return Outcome(source=name, status="failed", kind=kind, error=str(exc))
    # The type only: a message or traceback could quote the file (health data).
    logger.error("Import of one file failed unexpectedly: %s", type(exc).__name__)
    return Outcome(source=name, status="failed", kind=kind, error=(
        f"This file could not be read because of an unexpected error ({type(exc).__name__})."))


def _register(intake: Intake, name: str, stored, detected, parent: Document | None) -> Document:
    with transaction.atomic():
        return Document.objects.create(
            patient=intake.patient, provider=intake.provider, request=intake.request,
            parent=parent, received_on=intake.received_on, arrival=intake.arrival,
            added_by=intake.user if getattr(intake.user, "is_authenticated", False) else None,
            kind=detected.kind, media_type=detected.media_type,
            original_name=name.replace("\\", "/").rsplit("/", 1)[-1][:255],
            stored_name=stored.name, sha256=stored.sha256, size=stored.size,
            status=Status.PROCESSING, attempts=1, claimed_by=recovery.process_tag())


def _context(document: Document, intake: Intake, reopen: Opener | None, depth: int,
             source: str) -> ReadContext:
    def save_work_file(stream: BinaryIO) -> tuple[str, str]:
        # A folder per document: killed between writing a file and noting its name, the
        # file is still found (recovery.work_folder) and removed.
        stored = store.save_stream(stream, recovery.work_folder(document))
        document.work_files.append(stored.name)
        Document.objects.filter(pk=document.pk).update(work_files=document.work_files,
                                                       updated_at=timezone.now())
        return stored.name, stored.sha256

    def progress(step: str, done: int, total: int) -> None:
        # A busy database only delays this sign of life; the reading goes on.
        with contextlib.suppress(DatabaseError):
            Document.objects.filter(pk=document.pk).update(updated_at=timezone.now())
        intake.progress(source, step, done, total)

    return ReadContext(open_original=reopen or (lambda: store.open_plain(document.stored_name)),
                       size=document.size, gzipped=document.media_type == "application/gzip",
                       save_work_file=save_work_file, progress=progress, depth=depth)


def process(document: Document, intake: Intake, *, reopen: Opener | None = None,
            depth: int = 0, source: str = "") -> Outcome:
    """Steps 5-7 for a registered document (the web's background task starts here)."""
    source = source or document.original_name
    extracted = importer_for(document.kind).read(_context(document, intake, reopen, depth,
                                                          source))
    outcome = Outcome(source=source, status="imported", kind=document.kind,
                      resources=Counter(extracted.resources), document_id=document.pk)
    failed_children = []
    child_intake = Intake(patient=intake.patient, arrival="", user=intake.user,
                          request=intake.request, provider=intake.provider,
                          received_on=intake.received_on, progress=intake.progress)
    for child in extracted.children:
        child_intake.arrival = child.arrival
        result = import_file(child_intake, child.name, child.open, parent=document,
                             depth=depth + 1)
        outcome.resources.update(result.resources)
        outcome.entries.update(result.entries)
        if result.status == "failed":
            failed_children.append(f"{child.name}: {result.error}")
    if failed_children:
        extracted.message = (f"{len(failed_children)} file(s) inside could not be read. "
                             + " ".join(failed_children[:20]))[:5000]
        outcome.notes = failed_children
    outcome.entries.update(finish(document, extracted))
    return outcome
