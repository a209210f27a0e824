"""FHIR resources that map one-to-one to an entry: Condition, medications, AllergyIntolerance,
Immunization, Encounter, Procedure. R4 shapes first; DSTU2 fields (Apple Health's clinical
records) where they differ."""

from __future__ import annotations

from collections.abc import Mapping

from recordright.vault.fhir.codes import (
    codes,
    period,
    quantity,
    reference_display,
    status,
    text,
    to_date,
)
from recordright.vault.parsed import ParsedEntry


def ref_of(resource: dict) -> str:
    return f"{resource.get('resourceType', '')}/{resource.get('id', '')}"


def condition(r: dict, _meds: Mapping[str, str]) -> ParsedEntry | None:
    title = text(r.get("code"))
    if not title:
        return None
    start, end = period(r, "onsetDateTime", "onsetPeriod")
    if start is None:
        start = to_date(r.get("recordedDate") or r.get("dateRecorded"))
    end = end or to_date(r.get("abatementDateTime"))
    return ParsedEntry(
        category="problems", title=title, date=start, end_date=end,
        status=status(r.get("clinicalStatus")), codes=codes(r.get("code")),
        provider=reference_display(r.get("asserter") or r.get("recorder")),
        source_ref=ref_of(r),
    )


def _dosage(r: dict) -> str:
    parts = []
    for dosage in r.get("dosageInstruction") or r.get("dosage") or ():
        if not isinstance(dosage, dict):
            continue
        if dosage.get("text"):
            parts.append(dosage["text"])
            continue
        for dose in dosage.get("doseAndRate") or ():
            written, _, unit = quantity(dose.get("doseQuantity"))
            if written:
                parts.append(f"{written} {unit}".strip())
        written, _, unit = quantity(dosage.get("doseQuantity"))   # DSTU2
        if written:
            parts.append(f"{written} {unit}".strip())
        timing = ((dosage.get("timing") or {}).get("repeat") or {})
        if timing.get("frequency") and timing.get("period"):
            parts.append(f"{timing['frequency']} per {timing['period']} "
                         f"{timing.get('periodUnit', '')}".strip())
        if dosage.get("asNeededBoolean"):
            parts.append("as needed")
        route = text(dosage.get("route"))
        if route:
            parts.append(route)
    return "; ".join(parts)


def relative_reference(reference: str) -> str:
    """"https://ehr.example/fhir/Medication/7/_history/2" -> "Medication/7"."""
    parts = reference.split("/_history/")[0].rstrip("/").split("/")
    return "/".join(parts[-2:]) if len(parts) >= 2 else reference


def medication_title(r: dict, meds: Mapping[str, str]) -> tuple[str, str]:
    """(title, unresolved reference): a coded medication, else the referenced Medication
    resolved within the bundle, else the reference's display."""
    concept = r.get("medicationCodeableConcept")
    if concept:
        return text(concept), ""
    ref = r.get("medicationReference") or {}
    target = ref.get("reference") or ""
    name = meds.get(target) or meds.get(relative_reference(target)) if target else ""
    if name:
        return name, ""
    if target.startswith("#"):       # a Medication contained in this resource
        for inner in r.get("contained") or ():
            if isinstance(inner, dict) and f"#{inner.get('id', '')}" == target:
                return text(inner.get("code")), ""
    return ref.get("display") or "", target


def medication(r: dict, meds: Mapping[str, str]) -> ParsedEntry | None:
    title, unresolved = medication_title(r, meds)
    if not title and not unresolved:
        return None
    start, end = period(r, "effectiveDateTime", "effectivePeriod")
    if start is None:
        start = to_date(r.get("authoredOn") or r.get("dateWritten") or r.get("dateAsserted")
                        or r.get("whenHandedOver") or r.get("whenPrepared"))
    requester = r.get("requester") or r.get("prescriber") or r.get("informationSource")
    return ParsedEntry(   # an unresolved reference is named by parse_fhir once it is seen
        category="medications", title=title or "Medication", date=start, end_date=end,
        status=status(r.get("status")), codes=codes(r.get("medicationCodeableConcept")),
        detail=_dosage(r), provider=reference_display(requester), source_ref=ref_of(r),
    )


def allergy(r: dict, _meds: Mapping[str, str]) -> ParsedEntry | None:
    concept = r.get("code") or r.get("substance")   # DSTU2: substance
    title = text(concept)
    if not title:
        return None
    reactions, severities = [], []
    for reaction in r.get("reaction") or ():
        for m in reaction.get("manifestation") or ():
            name = text(m)
            if name and name not in reactions:
                reactions.append(name)
        if reaction.get("severity") and reaction["severity"] not in severities:
            severities.append(reaction["severity"])
    detail = []
    if reactions:
        detail.append("Reaction: " + ", ".join(reactions))
    if severities:
        detail.append("Severity: " + ", ".join(severities))
    if r.get("criticality"):
        detail.append(f"Criticality: {r['criticality']}")
    start, _ = period(r, "onsetDateTime", "onsetPeriod")
    return ParsedEntry(
        category="allergies", title=title,
        date=start or to_date(r.get("recordedDate") or r.get("assertedDate")),
        status=status(r.get("clinicalStatus") or r.get("status")), codes=codes(concept),
        detail="; ".join(detail), provider=reference_display(r.get("recorder")),
        source_ref=ref_of(r),
    )


def immunization(r: dict, _meds: Mapping[str, str]) -> ParsedEntry | None:
    title = text(r.get("vaccineCode"))
    if not title:
        return None
    state = status(r.get("status"))
    if r.get("wasNotGiven") or state == "not-done":
        state = "not given"
    detail = []
    if r.get("lotNumber"):
        detail.append(f"Lot {r['lotNumber']}")
    written, _, unit = quantity(r.get("doseQuantity"))
    if written:
        detail.insert(0, f"{written} {unit}".strip())
    performer = ""
    for p in r.get("performer") or ():
        performer = reference_display(p.get("actor")) if isinstance(p, dict) else ""
        if performer:
            break
    return ParsedEntry(
        category="immunizations", title=title,
        date=to_date(r.get("occurrenceDateTime") or r.get("date")), status=state,
        codes=codes(r.get("vaccineCode")), detail="; ".join(detail), provider=performer,
        source_ref=ref_of(r),
    )


# Encounter classes (v3 ActCode; DSTU2 wrote them as words) as people say them.
_CLASSES = {"amb": "Outpatient visit", "ambulatory": "Outpatient visit", "outpatient":
            "Outpatient visit", "imp": "Hospital stay", "inpatient": "Hospital stay",
            "acute": "Hospital stay", "emer": "Emergency visit", "emergency": "Emergency visit",
            "hh": "Home health visit", "home": "Home health visit", "vr": "Virtual visit",
            "virtual": "Virtual visit", "obsenc": "Observation stay", "ss": "Day surgery",
            "field": "Visit"}


def _class_name(klass: object) -> str:
    if isinstance(klass, dict):
        code = str(klass.get("code") or "")
        return _CLASSES.get(code.lower()) or klass.get("display") or text(klass) or code
    return _CLASSES.get(str(klass or "").lower(), "") if klass else ""


def encounter(r: dict, _meds: Mapping[str, str]) -> ParsedEntry | None:
    types = r.get("type") or ()
    concept = types[0] if types else None
    title = text(concept) or _class_name(r.get("class")) or "Visit"
    start, end = period(r, "period")
    reasons = [text(c) for c in r.get("reasonCode") or r.get("reason") or () if text(c)]
    return ParsedEntry(
        category="encounters", title=title, date=start, end_date=end,
        status=status(r.get("status")), codes=codes(concept),
        detail=("Reason: " + ", ".join(reasons)) if reasons else "",
        provider=reference_display(r.get("serviceProvider")), source_ref=ref_of(r),
    )


def procedure(r: dict, _meds: Mapping[str, str]) -> ParsedEntry | None:
    title = text(r.get("code"))
    if not title:
        return None
    start, end = period(r, "performedDateTime", "performedPeriod")
    sites = [text(c) for c in r.get("bodySite") or () if text(c)]
    return ParsedEntry(
        category="procedures", title=title, date=start, end_date=end,
        status=status(r.get("status")), codes=codes(r.get("code")),
        detail=("Site: " + ", ".join(sites)) if sites else "", source_ref=ref_of(r),
    )
