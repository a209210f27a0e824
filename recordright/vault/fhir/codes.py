"""Small readers of FHIR datatypes: codings, dates, quantities, references. Built for speed:
plain dict access, no validation (fhir.resources is kept off the hot path)."""

from __future__ import annotations

import math
import re
from datetime import date

from recordright.vault.parsed import SYSTEMS_BY_URI, Code

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def as_number(written: str) -> float | None:
    """A value as a number, only when it is written as a plain number ("<5" is not)."""
    written = written.strip()
    if not _NUMBER.match(written):
        return None
    number = float(written)
    return number if math.isfinite(number) else None


def system_name(uri: str) -> str:
    return SYSTEMS_BY_URI.get(uri, uri)


# Codes and dates repeat across a large export (the same LOINC code on 50,000 results):
# building each once makes normalising several times faster. Bounded, cleared when full.
_CACHE_LIMIT = 65536
_CODES: dict[tuple[str, str, str], Code] = {}
_DATES: dict[str, date | None] = {}


def _code(system: str, code: str, display: str) -> Code:
    key = (system, code, display)
    found = _CODES.get(key)
    if found is None:
        if len(_CODES) >= _CACHE_LIMIT:
            _CODES.clear()
        found = _CODES[key] = Code(SYSTEMS_BY_URI.get(system, system), code, display)
    return found


def codes(concept: dict | None) -> tuple[Code, ...]:
    if not concept:
        return ()
    codings = concept.get("coding")
    if not codings:
        return ()
    if len(codings) == 1:      # the common case, kept fast
        c = codings[0]
        code = c.get("code")
        return (_code(c.get("system") or "", str(code), c.get("display") or ""),) if code else ()
    return tuple([_code(c.get("system") or "", str(c["code"]), c.get("display") or "")
                  for c in codings if c.get("code")])


def text(concept: dict | None) -> str:
    """A CodeableConcept as a person reads it: its text, else the first coding's display."""
    if not concept or type(concept) is not dict:
        return ""
    if concept.get("text"):
        return concept["text"]
    for coding in concept.get("coding") or ():
        if coding.get("display"):
            return coding["display"]
    for coding in concept.get("coding") or ():
        if coding.get("code"):
            return str(coding["code"])
    return ""


def first_code(concepts: list | None) -> str:
    """The first code of a list of CodeableConcepts (categories), lower-cased."""
    for concept in concepts or ():
        if isinstance(concept, dict):
            for coding in concept.get("coding") or ():
                if coding.get("code"):
                    return str(coding["code"]).lower()
    return ""


def _parse_date(value: str) -> date | None:
    try:
        year = int(value[0:4])
        month = int(value[5:7]) if len(value) >= 7 else 1
        day = int(value[8:10]) if len(value) >= 10 else 1
        return date(year, month, day)
    except ValueError:
        return None


def to_date(value: str | None) -> date | None:
    """A FHIR date / dateTime / instant as a date (partial dates on the first day)."""
    if not value or len(value) < 4 or not isinstance(value, str):
        return None
    day = value[:10]
    try:
        return _DATES[day]
    except KeyError:
        if len(_DATES) >= _CACHE_LIMIT:
            _DATES.clear()
        found = _DATES[day] = _parse_date(day)
        return found


def period(resource: dict, *names: str) -> tuple[date | None, date | None]:
    """(start, end) from the first of ``names`` present: a dateTime or a Period."""
    for name in names:
        value = resource.get(name)
        if value is None:
            continue
        if isinstance(value, str):
            return to_date(value), None
        if isinstance(value, dict) and ("start" in value or "end" in value):
            return to_date(value.get("start")), to_date(value.get("end"))
    return None, None


def number_text(value: float | int) -> str:
    if type(value) is int:
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def quantity(q: dict | None) -> tuple[str, float | None, str]:
    """A Quantity as (written, number, unit): comparators kept ("<5")."""
    if not q:
        return "", None, ""
    value = q.get("value")
    unit = q.get("unit") or q.get("code") or ""
    if value is None:
        return "", None, unit
    comparator = q.get("comparator")
    if comparator:
        return comparator + number_text(value), None, unit
    return number_text(value), float(value), unit


def reference_display(ref: dict | None) -> str:
    return (ref or {}).get("display") or ""


def status(value: object) -> str:
    """A status that may be a code (R4) or a CodeableConcept (R4 Condition) or a string."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return text(value)
    return ""
