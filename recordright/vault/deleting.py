"""A vault document's files go with its row: the original, its raw FHIR chunks and the files
of an unfinished import are deleted once the deletion commits (a patient's deletion
included), unless another row still names the same file. Connected in ``apps.py``."""

from __future__ import annotations

from django.db.models.signals import post_delete

from recordright.filestore import store
from recordright.vault.models import Document, FhirChunk


def _delete_unless_named(name: str) -> None:
    if not store.is_store_name(name or ""):
        return
    if (Document.objects.filter(stored_name=name).exists()
            or FhirChunk.objects.filter(stored_name=name).exists()):
        return
    store.delete_on_commit(name)


def _document_deleted(sender, instance: Document, **kwargs) -> None:
    for name in [instance.stored_name, *(instance.work_files or [])]:
        _delete_unless_named(name)


def _chunk_deleted(sender, instance: FhirChunk, **kwargs) -> None:
    _delete_unless_named(instance.stored_name)


def files_of(documents) -> int:
    """How many stored files these documents name (for the confirmation pages)."""
    return sum(bool(doc.stored_name) + len(doc.work_files or []) for doc in documents)


def connect() -> None:
    post_delete.connect(_document_deleted, sender=Document, weak=False,
                        dispatch_uid="vault:document-files")
    post_delete.connect(_chunk_deleted, sender=FhirChunk, weak=False,
                        dispatch_uid="vault:fhir-chunk-files")
