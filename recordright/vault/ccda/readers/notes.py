"""Notes: note activities (4.202) in a notes section. Narrative-only sections become notes in
the document reader (document.py)."""

from __future__ import annotations

from lxml import etree

from recordright.vault.ccda.codes import codes_of, label
from recordright.vault.ccda.readers.common import (
    Ctx,
    T,
    find,
    narrative_text,
    performer,
    source_ref,
    status_of,
)
from recordright.vault.ccda.values import effective_dates
from recordright.vault.parsed import ParsedEntry

CATEGORY = "notes"
TEMPLATES = {T + "202"}


def read(el: etree._Element, ctx: Ctx) -> list[ParsedEntry]:
    if etree.QName(el).localname != "act":
        return []
    text = narrative_text(el, ctx)
    if not text:
        return []
    code = find(el, "code")
    start, _ = effective_dates(el)
    return [ParsedEntry(
        category=CATEGORY, title=label(code, ctx.refs) or ctx.section_title or "Note",
        date=start or ctx.document_date, status=status_of(el), codes=codes_of(code),
        provider=performer(el, ctx), source_ref=source_ref(el), text=text,
    )]
