"""The vault's part of ``recordright check`` (listed in ``integrity.BUILTIN``, after the file
store's): imports left unfinished, and the search index against the entries and documents.
Its stored files are checked by the file store's checks (``vault.stored_files``)."""

from __future__ import annotations

from django.db import connection

from recordright.integrity import CheckResult, register
from recordright.vault.choices import Status
from recordright.vault.intake.recovery import interrupted
from recordright.vault.models import Document, Entry, SearchItem
from recordright.vault.search import backend_for


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
