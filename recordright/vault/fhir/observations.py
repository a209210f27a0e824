"""FHIR Observations: laboratory -> results, vital-signs -> vitals (blood pressure's
components as one "120/80" value)."""

from __future__ import annotations

from collections.abc import Mapping

from recordright.vault.fhir.clinical import ref_of
from recordright.vault.fhir.codes import (
    as_number,
    codes,
    number_text,
    period,
    quantity,
    status,
    text,
    to_date,
)
from recordright.vault.parsed import ParsedEntry

# LOINC codes of vital signs, for observations that carry no category.
VITAL_LOINC = frozenset({
    "85353-1", "8310-5", "8867-4", "9279-1", "85354-9", "55284-4", "8480-6", "8462-4",
    "29463-7", "3141-9", "8302-2", "8306-3", "39156-5", "2708-6", "59408-5", "8287-5",
    "9843-4", "8289-1", "59576-9", "8478-0",
})
_SYSTOLIC, _DIASTOLIC = "8480-6", "8462-4"
_CATEGORY = {"laboratory": "results", "vital-signs": "vitals", "vital signs": "vitals"}


def _category(r: dict, own_codes: tuple) -> str:
    """results or vitals from any category coding (DSTU2: one concept, not a list); with no
    category at all, a vital sign by its LOINC code, else a result when it has a value."""
    raw = r.get("category")
    if raw:
        for concept in (raw,) if type(raw) is dict else raw:
            for coding in concept.get("coding") or ():
                code = coding.get("code")
                if code:
                    found = _CATEGORY.get(code) or _CATEGORY.get(str(code).lower())
                    if found:
                        return found
        return ""
    if any(c.system == "LOINC" and c.code in VITAL_LOINC for c in own_codes):
        return "vitals"
    return "results" if _has_value(r) else ""


def _has_value(r: dict) -> bool:
    return any(k.startswith("value") for k in r) or bool(r.get("component"))


def value_of(r: dict) -> tuple[str, float | None, str, tuple]:
    """(as written, number, unit, codes) from value[x]."""
    if "valueQuantity" in r:
        written, number, unit = quantity(r["valueQuantity"])
        return written, number, unit, ()
    if "valueString" in r:
        written = str(r["valueString"])
        return written, as_number(written), "", ()
    if "valueCodeableConcept" in r:
        return text(r["valueCodeableConcept"]), None, "", codes(r["valueCodeableConcept"])
    if "valueInteger" in r:
        return str(r["valueInteger"]), float(r["valueInteger"]), "", ()
    if "valueBoolean" in r:
        return "yes" if r["valueBoolean"] else "no", None, "", ()
    if "valueRange" in r:
        low, _, unit = quantity(r["valueRange"].get("low"))
        high, _, unit2 = quantity(r["valueRange"].get("high"))
        return f"{low}-{high}", None, unit or unit2, ()
    for key in ("valueDateTime", "valuePeriod", "valueTime"):
        if key in r:
            return str(r[key]), None, "", ()
    return "", None, "", ()


def _components(r: dict) -> tuple[str, float | None, str, str]:
    """Components as one value: "120/80" for blood pressure, else "name value unit; ..."."""
    by_code: dict[str, tuple[str, str]] = {}
    parts = []
    for comp in r.get("component") or ():
        written, _, unit, _ = value_of(comp)
        for c in codes(comp.get("code")):
            by_code.setdefault(c.code, (written, unit))
        if written:
            parts.append(f"{text(comp.get('code'))} {written} {unit}".strip())
    if _SYSTOLIC in by_code and _DIASTOLIC in by_code:
        (sys_v, unit), (dia_v, _) = by_code[_SYSTOLIC], by_code[_DIASTOLIC]
        return f"{sys_v}/{dia_v}", None, unit, ""
    return "; ".join(parts), None, "", "; ".join(parts)


def _range(r: dict) -> str:
    ranges = r.get("referenceRange")
    if not ranges:
        return ""
    for rng in ranges:
        if rng.get("text"):
            return rng["text"]
        low, high = rng.get("low"), rng.get("high")
        low_v = number_text(low["value"]) if low and low.get("value") is not None else ""
        high_v = number_text(high["value"]) if high and high.get("value") is not None else ""
        unit = (low or {}).get("unit") or (high or {}).get("unit") or ""
        if low_v and high_v:
            return f"{low_v}-{high_v} {unit}".rstrip()
        if low_v:
            return f">={low_v} {unit}".rstrip()
        if high_v:
            return f"<={high_v} {unit}".rstrip()
    return ""


def _flag(r: dict) -> str:
    interp = r.get("interpretation")
    if isinstance(interp, dict):       # DSTU2: one concept
        interp = [interp]
    for concept in interp or ():
        for coding in concept.get("coding") or ():
            if coding.get("code"):
                return str(coding["code"])
    return ""


def observation(r: dict, _meds: Mapping[str, str]) -> ParsedEntry | None:
    concept = r.get("code")
    own_codes = codes(concept)
    category = _category(r, own_codes)
    if not category:
        return None
    title = text(concept)
    written, number, unit, value_codes = value_of(r)
    detail = ""
    if not written and r.get("component"):
        written, number, unit, detail = _components(r)
    if not title or not (written or r.get("dataAbsentReason")):
        return None
    if not written:
        written = text(r["dataAbsentReason"])
    effective = r.get("effectiveDateTime")
    start = to_date(effective) if type(effective) is str else \
        period(r, "effectivePeriod", "issued")[0]
    performer = ""
    for p in r.get("performer") or ():
        performer = p.get("display", "") if type(p) is dict else ""
        if performer:
            break
    return ParsedEntry(
        category=category, title=title, date=start, status=status(r.get("status")),
        codes=own_codes + value_codes if value_codes else own_codes, value_text=written,
        value_number=number, unit=unit, reference_range=_range(r),
        abnormal_flag=_flag(r), detail=detail, provider=performer, source_ref=ref_of(r),
    )


__all__ = ["number_text", "observation"]
