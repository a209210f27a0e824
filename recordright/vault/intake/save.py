"""The last step of an import: everything read from a document becomes visible at once.

One transaction writes the entries (a fact already in the vault from another document gets
a second source instead of a second entry), the raw FHIR chunk rows, the search rows and the
document's status "ready". Killed before the commit, none of it exists.
"""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from recordright.vault import index
from recordright.vault.choices import Status
from recordright.vault.intake import rows
from recordright.vault.intake.base import Extracted
from recordright.vault.models import Document, Entry, FhirChunk, SearchItem
from recordright.vault.parsed import CATEGORIES, ParsedEntry

BATCH = 500


def _existing(patient_id: int, fingerprints: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(fingerprints), BATCH):
        found.update(Entry.objects.filter(patient_id=patient_id,
                                          fingerprint__in=fingerprints[start:start + BATCH])
                     .values_list("fingerprint", "id"))
    return found


def save_entries(document: Document, parsed_entries: list[ParsedEntry]) -> Counter[str]:
    """Store the entries, one per fact; the count per category of what the document said."""
    counts: Counter[str] = Counter()
    first: dict[str, ParsedEntry] = {}
    for parsed in parsed_entries:
        counts[parsed.category] += 1
        first.setdefault(parsed.fingerprint(), parsed)
    known = _existing(document.patient_id, list(first))
    now = rows.now_for_database()
    new = {fingerprint: rows.entry_row(document.patient_id, document.pk, document.author,
                                       parsed, fingerprint, now)
           for fingerprint, parsed in first.items() if fingerprint not in known}
    created = rows.insert_entries(list(new.values()))
    ids = {**known, **created}
    rows.insert_sources(document.pk, [(ids[fingerprint], parsed.source_ref)
                                      for fingerprint, parsed in first.items()])
    rows.insert_search_rows(document.patient_id, document.pk,
                            [(created[fingerprint], row, first[fingerprint])
                             for fingerprint, row in new.items()])
    return Counter({category: counts[category] for category in CATEGORIES})


def finish(document: Document, extracted: Extracted) -> Counter[str]:
    """Write what was read and mark the document ready, in one transaction."""
    with transaction.atomic():
        document.title = (extracted.title or document.title)[:300]
        document.date = extracted.date or document.date
        document.author = (extracted.author or document.author)[:300]
        document.page_count = extracted.page_count
        document.text = extracted.text
        document.text_source = extracted.text_source if extracted.text else ""
        document.resources = dict(extracted.resources)
        document.unmapped = dict(extracted.unmapped)
        document.references = extracted.references
        document.message = extracted.message
        FhirChunk.objects.bulk_create(
            [FhirChunk(document=document, sequence=number, stored_name=chunk.stored_name,
                       sha256=chunk.sha256, digest=chunk.digest,
                       resource_count=chunk.resource_count, resource_types=chunk.resource_types)
             for number, chunk in enumerate(extracted.chunks)], batch_size=BATCH)
        counts = save_entries(document, extracted.entries)
        SearchItem.objects.bulk_create(index.document_items(document), batch_size=BATCH)
        document.status = Status.READY
        document.work_files = []
        document.save()
    return counts
