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
from recordright.vault.intake.base import Extracted
from recordright.vault.models import Document, Entry, EntrySource, FhirChunk, SearchItem
from recordright.vault.parsed import CATEGORIES, ParsedEntry

BATCH = 500
_TEXT_LIMITS = {"title": 500, "status": 60, "value_text": 200, "unit": 60,
                "reference_range": 200, "abnormal_flag": 10, "provider": 300, "source_ref": 300}


def _clip(value: str, field: str) -> str:
    return (value or "")[:_TEXT_LIMITS[field]]


def _entry_row(document: Document, parsed: ParsedEntry, fingerprint: str) -> Entry:
    return Entry(
        patient_id=document.patient_id, document=document, category=parsed.category,
        title=_clip(parsed.title, "title") or parsed.category, date=parsed.date,
        end_date=parsed.end_date, status=_clip(parsed.status, "status"),
        codes=[{"system": code.system, "code": code.code, "display": code.display}
               for code in parsed.codes],
        value_text=_clip(parsed.value_text, "value_text"), value_number=parsed.value_number,
        unit=_clip(parsed.unit, "unit"),
        reference_range=_clip(parsed.reference_range, "reference_range"),
        abnormal_flag=_clip(parsed.abnormal_flag, "abnormal_flag"), detail=parsed.detail or "",
        provider=_clip(parsed.provider, "provider") or document.author[:300],
        source_ref=_clip(parsed.source_ref, "source_ref"), text=parsed.text or "",
        fingerprint=fingerprint)


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
    new_rows = [_entry_row(document, parsed, fingerprint)
                for fingerprint, parsed in first.items() if fingerprint not in known]
    Entry.objects.bulk_create(new_rows, batch_size=BATCH)
    ids = {**known, **{row.fingerprint: row.id for row in new_rows}}
    EntrySource.objects.bulk_create(
        [EntrySource(entry_id=ids[fingerprint], document=document,
                     source_ref=_clip(parsed.source_ref, "source_ref"))
         for fingerprint, parsed in first.items()],
        batch_size=BATCH, ignore_conflicts=True)
    SearchItem.objects.bulk_create(index.entry_items(new_rows), batch_size=BATCH)
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
