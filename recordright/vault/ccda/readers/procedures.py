"""Procedures: procedure activity procedure / observation / act (4.14, 4.13, 4.12), and the
procedure context of an operative note."""

from __future__ import annotations

from lxml import etree

from recordright.vault.ccda.codes import codes_of, label
from recordright.vault.ccda.readers.common import (
    Ctx,
    T,
    find,
    iterfind,
    narrative_text,
    negated,
    performer,
    source_ref,
    status_of,
)
from recordright.vault.ccda.values import effective_dates
from recordright.vault.parsed import ParsedEntry

CATEGORY = "procedures"
PROCEDURE_CONTEXT = "2.16.840.1.113883.10.20.6.2.5"
TEMPLATES = {T + "12", T + "13", T + "14", PROCEDURE_CONTEXT}


def read(el: etree._Element, ctx: Ctx) -> list[ParsedEntry]:
    if etree.QName(el).localname not in ("procedure", "observation", "act"):
        return []
    code = find(el, "code")
    codes = codes_of(code)
    title = label(code, ctx.refs) or narrative_text(el, ctx)
    if not title or (negated(el) and not codes):
        return []
    start, end = effective_dates(el)
    if start is None and find(el, "effectiveTime") is None:
        start = ctx.document_date   # an operative note's procedure context: the note's date
    sites = [label(s, ctx.refs) for s in iterfind(el, "targetSiteCode")]
    detail = "Site: " + ", ".join(s for s in sites if s) if any(sites) else ""
    return [ParsedEntry(
        category=CATEGORY, title=title, date=start, end_date=end,
        status="not done" if negated(el) else status_of(el), codes=codes, detail=detail,
        provider=performer(el, ctx), source_ref=source_ref(el), text=narrative_text(el, ctx),
    )]
