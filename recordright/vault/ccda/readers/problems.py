"""Problems: concern acts (4.3) holding problem observations (4.4); also the admission,
discharge, pre- and post-operative diagnosis acts and a bare problem observation."""

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
    source_ref,
    statements,
    status_of,
)
from recordright.vault.ccda.values import effective_dates
from recordright.vault.parsed import ParsedEntry

CATEGORY = "problems"
# CCD 1.0 ids (1.27, 1.28, 1.18 ...) are shared by problems and allergies: read by section.
TEMPLATES = {T + "3", T + "4", T + "33", T + "34", T + "65", T + "80"}
_STATUS_OBS = (T + "6", CCD1 + "50", CCD1 + "57")


def _problem_status(obs: etree._Element, ctx: Ctx) -> str:
    for inner in statements(obs):
        if has_template(inner, *_STATUS_OBS):
            return label(find(inner, "value"), ctx.refs)
    return ""


def read_observation(obs: etree._Element, ctx: Ctx, concern_status: str = "") -> ParsedEntry | None:
    value = find(obs, "value")
    codes = codes_of(value)
    title = label(value, ctx.refs) or narrative_text(obs, ctx)
    if not title or (negated(obs) and not codes):
        return None             # "no known problems": kept in the section text, not a fact
    start, end = effective_dates(obs)
    status = _problem_status(obs, ctx) or concern_status or status_of(obs)
    if negated(obs):
        status = "ruled out"
    return ParsedEntry(
        category=CATEGORY, title=title, date=start, end_date=end, status=status,
        codes=codes, provider=performer(obs, ctx), source_ref=source_ref(obs),
        text=narrative_text(obs, ctx),
    )


def read(el: etree._Element, ctx: Ctx) -> list[ParsedEntry]:
    if etree.QName(el).localname == "observation":
        entry = read_observation(el, ctx)
        return [entry] if entry else []
    concern_status = status_of(el)
    concern_status = {"completed": "resolved"}.get(concern_status, concern_status)
    out: list[ParsedEntry] = []
    for obs in statements(el):
        if etree.QName(obs).localname != "observation" or auxiliary(obs):
            continue
        entry = read_observation(obs, ctx, concern_status)
        if entry:
            if entry.date is None:
                entry.date = effective_dates(el)[0]
            out.append(entry)
    return out
