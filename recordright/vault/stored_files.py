"""Every file the vault names, for the file store's checks (registered in apps.py)."""

from __future__ import annotations

from collections.abc import Iterator

from recordright.filestore.registry import Reference
from recordright.vault.models import Document, FhirChunk


def stored_files() -> Iterator[Reference]:
    """Every file the vault names: originals, raw FHIR chunks, files of unfinished imports."""
    documents = Document.objects.exclude(stored_name="").values_list("pk", "stored_name",
                                                                       "sha256", "work_files")
    for pk, name, sha256, work_files in documents.iterator(chunk_size=2000):
        yield Reference(name=name, sha256=sha256, owner=f"vault.document {pk}")
        for work_file in work_files:
            yield Reference(name=work_file, sha256=None, owner=f"vault.document {pk} (import)")
    chunks = FhirChunk.objects.values_list("pk", "stored_name", "sha256")
    for pk, name, sha256 in chunks.iterator(chunk_size=2000):
        yield Reference(name=name, sha256=sha256, owner=f"vault.fhirchunk {pk}")
