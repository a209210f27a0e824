"""Encounters: encounter activities (4.49), with location and encounter diagnoses."""

from __future__ import annotations

from lxml import etree

from recordright.vault.ccda.codes import codes_of, element_text, label
from recordright.vault.ccda.readers.common import (
    Ctx,
    T,
    auxiliary,
    find,
    iterfind,
    narrative_text,
    performer,
    source_ref,
    status_of,
)
from recordright.vault.ccda.values import effective_dates
from recordright.vault.parsed import ParsedEntry

CATEGORY = "encounters"
TEMPLATES = {T + "49"}


def _diagnoses(el: etree._Element, ctx: Ctx) -> list[str]:
    names = []
    for obs in el.iter("{urn:hl7-org:v3}observation"):
        if auxiliary(obs):
            continue
        name = label(find(obs, "value"), ctx.refs)
        if name and name not in names:
            names.append(name)
    return names


def read(el: etree._Element, ctx: Ctx) -> list[ParsedEntry]:
    if etree.QName(el).localname != "encounter":
        return []
    code = find(el, "code")
    title = label(code, ctx.refs) or narrative_text(el, ctx) or "Visit"
    start, end = effective_dates(el)
    detail = []
    for role in iterfind(el, "participant/participantRole"):
        place = element_text(find(role, "playingEntity/name"))
        if place:
            detail.append(f"Location: {place}")
    diagnoses = _diagnoses(el, ctx)
    if diagnoses:
        detail.append("Diagnosis: " + ", ".join(diagnoses))
    return [ParsedEntry(
        category=CATEGORY, title=title, date=start, end_date=end, status=status_of(el),
        codes=codes_of(code), detail="; ".join(detail), provider=performer(el, ctx),
        source_ref=source_ref(el), text=narrative_text(el, ctx),
    )]
