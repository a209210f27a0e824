"""Immunizations: immunization activities (4.52), the vaccine with its CVX code."""

from __future__ import annotations

from lxml import etree

from recordright.vault.ccda.codes import element_text
from recordright.vault.ccda.readers.common import (
    Ctx,
    T,
    find,
    narrative_text,
    negated,
    performer,
    source_ref,
    status_of,
)
from recordright.vault.ccda.readers.medications import dose_detail, product
from recordright.vault.ccda.values import effective_dates
from recordright.vault.parsed import ParsedEntry

CATEGORY = "immunizations"
TEMPLATES = {T + "52"}   # CCD 1.0 (1.24) is read by section


def read(el: etree._Element, ctx: Ctx) -> list[ParsedEntry]:
    if etree.QName(el).localname != "substanceAdministration":
        return []
    name, codes = product(el, ctx)
    title = name or narrative_text(el, ctx)
    if not title or (negated(el) and not codes):
        return []
    start, _ = effective_dates(el)
    detail = [dose_detail(el, ctx, sig=False)]
    lot = element_text(find(el, "consumable/manufacturedProduct/manufacturedMaterial/"
                                "lotNumberText"))
    if lot:
        detail.append(f"Lot {lot}")
    return [ParsedEntry(
        category=CATEGORY, title=title, date=start,
        status="not given" if negated(el) else status_of(el), codes=codes,
        detail="; ".join(d for d in detail if d), provider=performer(el, ctx),
        source_ref=source_ref(el), text=narrative_text(el, ctx),
    )]
