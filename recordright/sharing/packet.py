"""A packet for a new provider, and a ZIP of originals.

PDF: a cover page with an index, the emergency summary, then each chosen original (a PDF
as it is; a picture placed on a page; a C-CDA, FHIR file or text as its readable text),
merged with a bookmark per part and "page n of N" on every page. ZIP: the originals,
verbatim, with ``manifest.json`` (name, kind, date, provider, SHA-256).

Originals are read through the encrypted file store into memory; nothing plain is written
to disk.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from recordright.filestore.store import open_plain
from recordright.letters.attachments import AttachmentError, to_pdf
from recordright.sharing import render
from recordright.sharing.summary import build as build_summary
from recordright.vault.models import Document

MAX_DOCUMENTS = 200
CHUNK = 1 << 20


@dataclass
class Choice:
    """Which originals go in: by provider, date range or kind; none set means all."""

    provider_ids: tuple[int, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    kinds: tuple[str, ...] = ()
    document_ids: tuple[int, ...] = ()


def chosen_documents(patient, choice: Choice | None = None) -> list[Document]:
    choice = choice or Choice()
    rows = Document.objects.filter(patient=patient, status="ready").exclude(stored_name="")
    rows = rows.exclude(kind="zip")  # the archive's members are documents of their own
    if choice.document_ids:
        rows = rows.filter(pk__in=choice.document_ids)
    if choice.provider_ids:
        rows = rows.filter(provider_id__in=choice.provider_ids)
    if choice.kinds:
        rows = rows.filter(kind__in=choice.kinds)
    if choice.date_from:
        rows = rows.filter(date__gte=choice.date_from)
    if choice.date_to:
        rows = rows.filter(date__lte=choice.date_to)
    return list(rows.select_related("provider").order_by("date", "received_on", "id")
                [:MAX_DOCUMENTS])


def document_date(document: Document) -> date:
    return document.date or document.received_on


def provider_name(document: Document) -> str:
    return document.provider.name if document.provider else document.author


def read_original(document: Document) -> bytes:
    with open_plain(document.stored_name) as reader:
        return reader.read()


def _text_pdf(document: Document) -> bytes:
    return render.pdf_document("text_document", {
        "document": document, "text": document.text or "(This file has no readable text.)"}
    ).write_pdf()


def original_as_pdf(document: Document) -> bytes:
    if document.kind in ("pdf", "image"):
        try:
            return to_pdf(read_original(document))
        except AttachmentError:
            pass
    return _text_pdf(document)


def _page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def _numbers(total: int) -> PdfReader:
    numbers = render.pdf_document("page_numbers", {"pages": range(1, total + 1), "total": total})
    return PdfReader(io.BytesIO(numbers.write_pdf()))


def packet_pdf(patient, choice: Choice | None = None, *, share_url: str | None = None
               ) -> tuple[bytes, list[tuple[str, int, int]]]:
    """The packet and its parts as (title, first page, page count)."""
    summary = build_summary(patient)
    parts: list[tuple[str, bytes]] = [
        ("Emergency summary", render.summary_pdf(summary, share_url))]
    for document in chosen_documents(patient, choice):
        title = f"{document.title or document.original_name} ({document_date(document):%b %-d, %Y})"
        parts.append((title, original_as_pdf(document)))
    counts = [_page_count(data) for _title, data in parts]
    cover_pages = 1
    while True:
        index, first = [], cover_pages + 1
        for (title, _data), count in zip(parts, counts, strict=True):
            index.append((title, first, count))
            first += count
        cover = render.pdf_document("packet_cover", {
            "patient": patient, "index": index, "made": timezone.localdate()}).write_pdf()
        if _page_count(cover) == cover_pages:
            break
        cover_pages = _page_count(cover)
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(cover)), import_outline=False)
    writer.add_outline_item(title="Cover and index", page_number=0)
    for (title, data), (_t, start, _c) in zip(parts, index, strict=True):
        writer.append(PdfReader(io.BytesIO(data)), import_outline=False)
        writer.add_outline_item(title=title, page_number=start - 1)
    numbers = _numbers(len(writer.pages))
    for page, stamp in zip(writer.pages, numbers.pages, strict=True):
        page.merge_page(stamp, over=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), [("Cover and index", 1, cover_pages), *index]


def manifest(documents: list[Document]) -> list[dict]:
    return [{"name": _member_name(number, document), "kind": document.kind,
             "date": document_date(document).isoformat(), "provider": provider_name(document),
             "sha256": document.sha256, "size": document.size}
            for number, document in enumerate(documents, start=1)]


def _member_name(number: int, document: Document) -> str:
    safe = "".join(c if c.isalnum() or c in "._- " else "_" for c in document.original_name)
    return f"{number:03d} {safe.strip() or 'document'}"[:150]


def originals_zip(patient, choice: Choice | None = None) -> bytes:
    """In memory: each original streamed from the file store into the archive."""
    documents = chosen_documents(patient, choice)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, document in enumerate(documents, start=1):
            with open_plain(document.stored_name) as reader, \
                    archive.open(_member_name(number, document), "w") as member:
                while chunk := reader.read(CHUNK):
                    member.write(chunk)
        archive.writestr("manifest.json", json.dumps(
            {"patient": patient.full_name, "made": timezone.localdate().isoformat(),
             "documents": manifest(documents)}, indent=2))
    return buffer.getvalue()
