"""Values in C-CDA: timestamps, intervals, and observation values by xsi:type."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from lxml import etree

from recordright.vault.ccda.codes import clean, codes_of, element_text, label
from recordright.vault.ccda.xmlsafe import V3
from recordright.vault.parsed import Code

XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_ts(value: str | None) -> date | None:
    """A CDA timestamp (YYYY[MM[DD[HH...]]][+-ZZZZ]) as a date; partial dates fall on the
    first of the month / year. Placeholder years before 1800 (vendors write 00010101) are
    treated as unknown."""
    if not value:
        return None
    digits = value.strip()[:8]
    if not digits[:4].isdigit():
        return None
    try:
        year = int(digits[:4])
        month = int(digits[4:6]) if len(digits) >= 6 and digits[4:6].isdigit() else 1
        day = int(digits[6:8]) if len(digits) >= 8 and digits[6:8].isdigit() else 1
        if year < 1800:
            return None
        return date(year, month, day)
    except ValueError:
        return None


def effective_dates(el: etree._Element) -> tuple[date | None, date | None]:
    """(start, end) from the first <effectiveTime> that is a time or an interval (not a
    frequency, PIVL_TS / EIVL_TS): @value, or <low>/<high>, or <center>."""
    et = next((t for t in el.iterfind(f"{{{V3}}}effectiveTime")
               if xsi_type(t) not in ("PIVL_TS", "EIVL_TS", "SXPR_TS")), None)
    if et is None:
        return None, None
    if et.get("value"):
        return parse_ts(et.get("value")), None
    low, high, center = (et.find(f"{{{V3}}}{n}") for n in ("low", "high", "center"))
    start = parse_ts(low.get("value")) if low is not None else None
    end = parse_ts(high.get("value")) if high is not None else None
    if start is None and center is not None:
        start = parse_ts(center.get("value"))
    return start, end


def xsi_type(el: etree._Element) -> str:
    raw = el.get(XSI_TYPE) or ""
    return raw.rsplit(":", 1)[-1].upper()


def as_number(text: str) -> float | None:
    """The value as a number, only when it is written as a plain number ("<5", "POS" are not)."""
    text = text.strip()
    if not _NUMBER.match(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def _pq(el: etree._Element | None) -> tuple[str, str]:
    if el is None or el.get("nullFlavor"):
        return "", ""
    unit = el.get("unit") or ""
    return (el.get("value") or "").strip(), "" if unit == "1" else unit


def interval_text(el: etree._Element) -> tuple[str, str]:
    """An IVL_PQ as written: "4.0-5.6", ">=60", "<200", with its unit."""
    low_el, high_el = el.find(f"{{{V3}}}low"), el.find(f"{{{V3}}}high")
    low, low_unit = _pq(low_el)
    high, high_unit = _pq(high_el)
    unit = low_unit or high_unit
    if low and high:
        return f"{low}-{high}", unit
    if low:
        return (">" if low_el.get("inclusive") == "false" else ">=") + low, unit
    if high:
        return ("<" if high_el.get("inclusive") == "false" else "<=") + high, unit
    return _pq(el)


@dataclass(slots=True)
class Value:
    text: str = ""
    number: float | None = None
    unit: str = ""
    codes: tuple[Code, ...] = ()


def read_value(el: etree._Element | None, refs: Mapping[str, str]) -> Value:
    """An observation's <value>, as written and as a number where it is one."""
    if el is None:
        return Value()
    kind = xsi_type(el)
    if kind in ("PQ", "INT", "REAL", "MO"):
        text, unit = _pq(el)
        if not text:
            text = element_text(el)
        return Value(text, as_number(text), unit if kind != "MO" else el.get("currency", ""))
    if kind == "IVL_PQ":
        text, unit = interval_text(el)
        return Value(text, as_number(text), unit)
    if kind in ("CD", "CE", "CO", "CV", "CS"):
        text = label(el, refs) or (el.get("code") or "")
        return Value(text, None, "", codes_of(el))
    if kind == "BL":
        return Value(el.get("value") or "")
    if kind in ("TS", "IVL_TS"):
        ts = el.get("value") or ""
        if not ts:
            low = el.find(f"{{{V3}}}low")
            ts = low.get("value", "") if low is not None else ""
        when = parse_ts(ts)
        return Value(when.isoformat() if when else ts)
    # ST, ED, SC and untyped values: the text as written (a reference resolved).
    text = element_text(el)
    ref = el.find(f"{{{V3}}}reference")
    if ref is not None and not clean("".join(el.itertext())):
        text = refs.get((ref.get("value") or "").lstrip("#"), "")
    if not text and el.get("value"):
        text, unit = _pq(el)
        return Value(text, as_number(text), unit)
    return Value(text, as_number(text))
