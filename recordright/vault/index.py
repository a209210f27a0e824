"""The rows the full-text index is built over (``SearchItem``): one per entry, and a
document's text in pieces (a page or a few), so snippets point near the match and no piece
outgrows PostgreSQL's 1 MB tsvector. The index itself follows the rows: FTS5 triggers on
SQLite, an expression GIN index on PostgreSQL (migration 0002)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from recordright.vault.models import Document, Entry, SearchItem

PIECE_CHARS = 20_000
MAX_PIECE_CHARS = 200_000


def patient_token(patient_id: int) -> str:
    return f"p{patient_id}"


def pieces(text: str) -> Iterator[str]:
    """Pages (form-feed separated) merged up to PIECE_CHARS, long pages cut."""
    current = ""
    for page in text.split("\f"):
        while len(page) > MAX_PIECE_CHARS:
            yield page[:MAX_PIECE_CHARS]
            page = page[MAX_PIECE_CHARS:]
        if current and len(current) + len(page) > PIECE_CHARS:
            yield current
            current = ""
        current = f"{current}\n\n{page}" if current else page
    if current.strip():
        yield current


def entry_text(*, value_text: str, unit: str, reference_range: str, status: str, detail: str,
               provider: str, codes: list[dict], text: str) -> str:
    """What is searchable in an entry besides its title: values, codes and their names."""
    coded = " ".join(f"{code.get('code', '')} {code.get('display', '')}" for code in codes)
    value = " ".join(part for part in (value_text, unit) if part)
    return "\n".join(part for part in (value, reference_range, status, detail, provider, coded,
                                       text) if part)


def entry_body(entry: Entry) -> str:
    return entry_text(value_text=entry.value_text, unit=entry.unit,
                      reference_range=entry.reference_range, status=entry.status,
                      detail=entry.detail, provider=entry.provider, codes=entry.codes,
                      text=entry.text)


def document_items(document: Document) -> list[SearchItem]:
    title = document.title or document.original_name
    token = patient_token(document.patient_id)
    items = [SearchItem(patient_id=document.patient_id, patient_token=token, document=document,
                        date=document.date or document.received_on, title=title[:500],
                        body=body) for body in pieces(document.text)]
    if not items:  # the name alone still finds it
        items.append(SearchItem(patient_id=document.patient_id, patient_token=token,
                                document=document, date=document.date or document.received_on,
                                title=title[:500], body=document.original_name))
    return items


def entry_items(entries: Iterable[Entry]) -> list[SearchItem]:
    return [SearchItem(patient_id=entry.patient_id, patient_token=patient_token(entry.patient_id),
                       document_id=entry.document_id, entry=entry, date=entry.date,
                       title=entry.title[:500], body=entry_body(entry)) for entry in entries]
