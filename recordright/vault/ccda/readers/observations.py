"""Result and vital-sign observations (4.2, 4.27) and their organizers (4.1, 4.26): the value
as written and as a number, unit, reference range and interpretation."""

from __future__ import annotations

from lxml import etree

from recordright.vault.ccda.codes import codes_of, label
from recordright.vault.ccda.readers.common import (
    Ctx,
    find,
    iterfind,
    narrative_text,
    negated,
    performer,
    source_ref,
    statements,
    status_of,
)
from recordright.vault.ccda.values import effective_dates, interval_text, read_value
from recordright.vault.parsed import ParsedEntry

_SECTION_CODES = {"30954-2", "8716-3"}   # the Results and Vital Signs sections' own codes


def reference_range(obs: etree._Element, ctx: Ctx) -> str:
    for rng in iterfind(obs, "referenceRange/observationRange"):
        text = narrative_text(rng, ctx)
        value = find(rng, "value")
        if value is not None:
            written, unit = interval_text(value)
            if written:
                return f"{written} {unit}".strip()
        if text:
            return text
    return ""


def interpretation(obs: etree._Element) -> str:
    for code in iterfind(obs, "interpretationCode"):
        if code.get("code"):
            return code.get("code") or ""
    return ""


def read_observation(obs: etree._Element, ctx: Ctx, category: str, panel: str = "",
                     panel_date=None) -> ParsedEntry | None:
    code = find(obs, "code")
    if code is not None and code.get("code") in _SECTION_CODES:
        return None   # a placeholder some exports write ("Results" = 0 unit), not a test
    title = label(code, ctx.refs) or narrative_text(obs, ctx)
    value = read_value(find(obs, "value"), ctx.refs)
    if negated(obs) and not codes_of(code):
        return None
    if not title:
        if not value.text:
            return None
        title = panel or "Result"
    start, _ = effective_dates(obs)
    return ParsedEntry(
        category=category, title=title, date=start or panel_date, status=status_of(obs),
        codes=codes_of(code) + value.codes, value_text=value.text, value_number=value.number,
        unit=value.unit, reference_range=reference_range(obs, ctx),
        abnormal_flag=interpretation(obs), detail=f"Panel: {panel}" if panel else "",
        provider=performer(obs, ctx), source_ref=source_ref(obs),
        text=narrative_text(obs, ctx),
    )


def read_organizer(el: etree._Element, ctx: Ctx, category: str) -> list[ParsedEntry]:
    name = etree.QName(el).localname
    if name == "observation":
        entry = read_observation(el, ctx, category)
        return [entry] if entry else []
    if name != "organizer":
        return []
    panel = label(find(el, "code"), ctx.refs)
    panel_date, _ = effective_dates(el)
    out = []
    for obs in statements(el, "component"):
        if etree.QName(obs).localname != "observation":
            continue
        entry = read_observation(obs, ctx, category, panel, panel_date)
        if entry:
            out.append(entry)
    return out


def component_count(el: etree._Element) -> int:
    """How many statements an organizer holds: entries the reader could not map are
    reported by the caller."""
    return sum(1 for _ in statements(el, "component"))
