"""Allergies: allergy concern acts (4.30) holding allergy observations (4.7), with the
substance, reaction(s) and severity."""

from __future__ import annotations

from lxml import etree

from recordright.vault.ccda.codes import codes_of, label
from recordright.vault.ccda.readers.common import (
    CCD1,
    Ctx,
    T,
    auxiliary,
    find,
    has_template,
    narrative_text,
    negated,
    performer,
    severity_and_reactions,
    source_ref,
    statements,
    status_of,
)
from recordright.vault.ccda.values import effective_dates
from recordright.vault.parsed import ParsedEntry

CATEGORY = "allergies"
TEMPLATES = {T + "30", T + "7"}   # CCD 1.0 (1.27 / 1.18) is read by section
_STATUS_OBS = (T + "28", CCD1 + "39")


def _substance(obs: etree._Element, ctx: Ctx) -> tuple[str, tuple]:
    entity = find(obs, "participant/participantRole/playingEntity")
    if entity is None:
        return "", ()
    code = find(entity, "code")
    name = label(code, ctx.refs) if code is not None else ""
    if not name:
        name_el = find(entity, "name")
        name = " ".join("".join(name_el.itertext()).split()) if name_el is not None else ""
    return name, codes_of(code)


def read_observation(obs: etree._Element, ctx: Ctx, concern_status: str) -> ParsedEntry | None:
    substance, substance_codes = _substance(obs, ctx)
    value = find(obs, "value")
    kind = label(value, ctx.refs)
    codes = substance_codes + tuple(c for c in codes_of(value) if c not in substance_codes)
    if negated(obs) and not substance_codes:
        return None             # "no known allergies": kept in the section text, not a fact
    title = substance or kind or narrative_text(obs, ctx)
    if not title:
        return None
    reactions, severities = severity_and_reactions(obs, ctx)
    detail = []
    if kind and kind != title:
        detail.append(kind)
    if reactions:
        detail.append("Reaction: " + ", ".join(reactions))
    if severities:
        detail.append("Severity: " + ", ".join(severities))
    status = concern_status
    for inner in statements(obs):
        if has_template(inner, *_STATUS_OBS):
            status = label(find(inner, "value"), ctx.refs) or status
    start, end = effective_dates(obs)
    return ParsedEntry(
        category=CATEGORY, title=title, date=start, end_date=end,
        status="not allergic" if negated(obs) else status, codes=codes,
        detail="; ".join(detail), provider=performer(obs, ctx), source_ref=source_ref(obs),
        text=narrative_text(obs, ctx),
    )


def read(el: etree._Element, ctx: Ctx) -> list[ParsedEntry]:
    if etree.QName(el).localname == "observation":
        entry = read_observation(el, ctx, status_of(el))
        return [entry] if entry else []
    concern_status = status_of(el)
    out = []
    for obs in statements(el):
        if etree.QName(obs).localname == "observation" and not auxiliary(obs):
            entry = read_observation(obs, ctx, concern_status)
            if entry:
                out.append(entry)
    return out
