"""The vault's part of ``recordright check``: its stored files (for the file store's checks),
imports left unfinished, and the search index against the entries and documents."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import connection

from recordright.filestore.registry import Reference
from recordright.integrity import CheckResult, register
from recordright.vault.choices import Status
from recordright.vault.intake.recovery import interrupted
from recordright.vault.models import Document, Entry, FhirChunk, SearchItem
from recordright.vault.search import backend_for


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


@register("vault-imports", "Vault imports")
def unfinished_imports(**_options) -> CheckResult:
    stuck = [document.pk for document in interrupted()[:50]]
    problems = [f"vault.document {pk} was left half-imported by an interrupted process; the "
                "next 'recordright import' or the worker's start cleans it up" for pk in stuck]
    total = Document.objects.count()
    return CheckResult(f"{total} document(s) in the vault.", problems)


@register("vault-search", "Vault search index")
def search_index(**_options) -> CheckResult:
    problems = list(backend_for(connection.vendor).problems())
    missing = Entry.objects.filter(search_items__isnull=True).count()
    if missing:
        problems.append(f"{missing} entries are missing from the search index.")
    unsearchable = (Document.objects.filter(status=Status.READY, search_items__isnull=True)
                    .count())
    if unsearchable:
        problems.append(f"{unsearchable} documents are missing from the search index.")
    hidden = SearchItem.objects.exclude(document__status=Status.READY).count()
    if hidden:
        problems.append(f"{hidden} search rows belong to documents that are not ready.")
    items = SearchItem.objects.count()
    return CheckResult(f"{items} searchable row(s) for {Entry.objects.count()} entries.",
                       problems)
