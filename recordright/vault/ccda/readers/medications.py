"""Medications: medication activities (4.16), also inside discharge medication acts (4.35),
with dose, route, frequency and the free-text sig."""

from __future__ import annotations

from lxml import etree

from recordright.vault.ccda.codes import clean, codes_of, element_text, label
from recordright.vault.ccda.readers.common import (
    Ctx,
    T,
    find,
    iterfind,
    narrative_text,
    negated,
    performer,
    source_ref,
    statements,
    status_of,
)
from recordright.vault.ccda.values import XSI_TYPE, effective_dates, interval_text
from recordright.vault.parsed import ParsedEntry

CATEGORY = "medications"
TEMPLATES = {T + "16", T + "35"}   # CCD 1.0 (1.24) is read by section
_HOURS = {"h": "hour", "d": "day", "wk": "week", "mo": "month", "min": "minute"}


def product(el: etree._Element, ctx: Ctx) -> tuple[str, tuple]:
    material = find(el, "consumable/manufacturedProduct/manufacturedMaterial")
    if material is None:
        return "", ()
    code = find(material, "code")
    name = label(code, ctx.refs) if code is not None else ""
    if not name:
        name = element_text(find(material, "name"))
    return name, codes_of(code)


def _frequency(el: etree._Element) -> str:
    for et in iterfind(el, "effectiveTime"):
        if (et.get(XSI_TYPE) or "").endswith("PIVL_TS"):
            period = find(et, "period")
            if period is not None and period.get("value"):
                unit = _HOURS.get(period.get("unit", ""), period.get("unit", ""))
                value = period.get("value")
                return f"every {value} {unit}{'' if value == '1' else 's'}".replace(
                    "every 1 ", "every ")
    return ""


def dose_detail(el: etree._Element, ctx: Ctx, sig: bool = True) -> str:
    parts = []
    dose = find(el, "doseQuantity")
    if dose is not None and not dose.get("nullFlavor"):
        text, unit = interval_text(dose)
        if text:
            parts.append(f"{text} {unit}".strip() if unit else text)
    route = find(el, "routeCode")
    if route is not None:
        route_name = label(route, ctx.refs)
        if route_name:
            parts.append(route_name)
    freq = _frequency(el)
    if freq:
        parts.append(freq)
    text = narrative_text(el, ctx) if sig else ""
    if text and text not in parts:
        parts.append(text)
    return clean("; ".join(parts))


def read_activity(el: etree._Element, ctx: Ctx) -> ParsedEntry | None:
    name, codes = product(el, ctx)
    if negated(el) and not codes:
        return None
    title = name or narrative_text(el, ctx)
    if not title:
        return None
    start, end = effective_dates(el)
    return ParsedEntry(
        category=CATEGORY, title=title, date=start, end_date=end,
        status="not taken" if negated(el) else status_of(el), codes=codes,
        detail=dose_detail(el, ctx), provider=performer(el, ctx), source_ref=source_ref(el),
        text=narrative_text(el, ctx),
    )


def read(el: etree._Element, ctx: Ctx) -> list[ParsedEntry]:
    if etree.QName(el).localname == "substanceAdministration":
        entry = read_activity(el, ctx)
        return [entry] if entry else []
    out = []
    for inner in statements(el):
        if etree.QName(inner).localname == "substanceAdministration":
            entry = read_activity(inner, ctx)
            if entry:
                out.append(entry)
    return out
