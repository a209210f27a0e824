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


def codes(concept: dict | None) -> tuple[Code, ...]:
    if not concept:
        return ()
    out = []
    for coding in concept.get("coding") or ():
        code = coding.get("code")
        if code:
            out.append(Code(system_name(coding.get("system") or ""), str(code),
                            coding.get("display") or ""))
    return tuple(out)


def text(concept: dict | None) -> str:
    """A CodeableConcept as a person reads it: its text, else the first coding's display."""
    if not concept:
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


def to_date(value: str | None) -> date | None:
    """A FHIR date / dateTime / instant as a date (partial dates on the first day)."""
    if not value or len(value) < 4:
        return None
    try:
        year = int(value[0:4])
        month = int(value[5:7]) if len(value) >= 7 else 1
        day = int(value[8:10]) if len(value) >= 10 else 1
        return date(year, month, day)
    except ValueError:
        return None


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
    written = (q.get("comparator") or "") + number_text(value)
    return written, (None if q.get("comparator") else float(value)), unit


def reference_display(ref: dict | None) -> str:
    return (ref or {}).get("display") or ""


def status(value: object) -> str:
    """A status that may be a code (R4) or a CodeableConcept (R4 Condition) or a string."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return text(value)
    return ""
