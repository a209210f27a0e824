"""The International Patient Summary (HL7 IPS, FHIR R4): a document Bundle built from the
patient's reviewed emergency summary and the vault's procedures and results.

Rules kept here (tests check them on every sample patient): the Composition comes first,
typed LOINC 60591-5; medications (10160-0), allergies (48765-2) and problems (11450-4) are
always present, with ``emptyReason`` and a sentence when there is nothing, or an explicit
"no known allergies" entry when the patient said so; procedures, immunizations, results
and devices appear when there is data; every reference is a ``urn:uuid:`` of an entry in the
Bundle; every section's narrative is generated and escaped.
"""

from __future__ import annotations

import uuid
from datetime import date
from html import escape

from django.utils import timezone

from recordright.sharing.summary import Item, Summary
from recordright.sharing.summary import build as build_summary
from recordright.vault.models import Entry

LOINC = "http://loinc.org"
ABSENT = "http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips"
EMPTY_REASON = "http://terminology.hl7.org/CodeSystem/list-empty-reason"
SYSTEMS = {
    "SNOMED CT": "http://snomed.info/sct", "LOINC": LOINC, "CVX": "http://hl7.org/fhir/sid/cvx",
    "RxNorm": "http://www.nlm.nih.gov/research/umls/rxnorm", "NDC": "http://hl7.org/fhir/sid/ndc",
    "ICD-10-CM": "http://hl7.org/fhir/sid/icd-10-cm", "ICD-9-CM": "http://hl7.org/fhir/sid/icd-9-cm",
    "CPT": "http://www.ama-assn.org/go/cpt",
}
NO_KNOWN_ALLERGIES = ("no known allergies", "nka", "nkda", "no known drug allergies")
RESULTS_LIMIT = 40
PROCEDURES_LIMIT = 40


def _system(name: str) -> str:
    if name in SYSTEMS:
        return SYSTEMS[name]
    if name.startswith(("http://", "https://", "urn:")):
        return name
    if name and name.replace(".", "").isdigit():
        return f"urn:oid:{name}"
    return ""


def concept(title: str, codes: list[dict] | None = None) -> dict:
    codings = []
    for code in codes or []:
        system = _system(code.get("system", ""))
        if system and code.get("code"):
            coding = {"system": system, "code": str(code["code"])}
            if code.get("display"):
                coding["display"] = code["display"]
            codings.append(coding)
    result: dict = {"text": title or "Unnamed"}
    if codings:
        result["coding"] = codings[:5]
    return result


def _div(sentence: str, headers: tuple[str, ...] = (), rows: list[tuple] = ()) -> dict:
    body = f"<p>{escape(sentence)}</p>" if sentence else ""
    if rows:
        head = "".join(f"<th>{escape(h)}</th>" for h in headers)
        cells = "".join("<tr>" + "".join(f"<td>{escape(str(c or ''))}</td>" for c in row)
                        + "</tr>" for row in rows)
        body += f"<table><thead><tr>{head}</tr></thead><tbody>{cells}</tbody></table>"
    return {"status": "generated",
            "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{body}</div>'}


def _when(value: date | None) -> str:
    return value.isoformat() if value else ""


class _Builder:
    def __init__(self, summary: Summary):
        self.summary = summary
        self.entries: list[dict] = []
        self.patient_ref = self.add(self._patient())

    def add(self, resource: dict) -> str:
        full_url = f"urn:uuid:{uuid.uuid4()}"
        self.entries.append({"fullUrl": full_url, "resource": resource})
        return full_url

    def _patient(self) -> dict:
        patient = self.summary.patient
        parts = patient.full_name.split()
        resource = {"resourceType": "Patient", "name": [{
            "text": patient.full_name, "family": parts[-1] if parts else patient.full_name,
            "given": parts[:-1]}]}
        if not resource["name"][0]["given"]:
            del resource["name"][0]["given"]
        if patient.date_of_birth:
            resource["birthDate"] = patient.date_of_birth.isoformat()
        if patient.phone:
            resource["telecom"] = [{"system": "phone", "value": patient.phone}]
        return resource

    def section(self, title: str, code: str, display: str, refs: list[str], narrative: dict,
                *, required: bool, empty_text: str) -> dict | None:
        section = {"title": title, "code": {"coding": [
            {"system": LOINC, "code": code, "display": display}]}}
        if refs:
            section["text"], section["entry"] = narrative, [{"reference": r} for r in refs]
            return section
        if not required:
            return None
        section["text"] = _div(empty_text)
        section["emptyReason"] = {"coding": [{"system": EMPTY_REASON, "code": "unavailable",
                                              "display": "Unavailable"}],
                                  "text": "No information available"}
        return section


def _source_note(item: Item) -> list[dict]:
    return [{"text": item.source_label}]


def _allergies(b: _Builder, items: list[Item]) -> list[str]:
    refs = []
    for item in items:
        resource = {"resourceType": "AllergyIntolerance", "patient": {"reference": b.patient_ref},
                    "note": _source_note(item)}
        if item.title.strip().lower() in NO_KNOWN_ALLERGIES:
            resource["code"] = {"coding": [{"system": ABSENT, "code": "no-known-allergies",
                                            "display": "No known allergies"}],
                                "text": "No known allergies"}
        else:
            resource["code"] = concept(item.title, item.codes)
            resource["clinicalStatus"] = {"coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                "code": "active"}]}
            if item.detail:
                resource["reaction"] = [{"manifestation": [{"text": item.detail}]}]
        if item.date:
            resource["onsetDateTime"] = item.date.isoformat()
        refs.append(b.add(resource))
    return refs


def _problems(b: _Builder, items: list[Item]) -> list[str]:
    refs = []
    for item in items:
        resource = {"resourceType": "Condition", "subject": {"reference": b.patient_ref},
                    "code": concept(item.title, item.codes), "note": _source_note(item),
                    "clinicalStatus": {"coding": [{
                        "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                        "code": "active"}]}}
        if item.date:
            resource["onsetDateTime"] = item.date.isoformat()
        refs.append(b.add(resource))
    return refs


def _medications(b: _Builder, items: list[Item]) -> list[str]:
    refs = []
    for item in items:
        resource = {"resourceType": "MedicationStatement", "status": "active",
                    "subject": {"reference": b.patient_ref}, "note": _source_note(item),
                    "medicationCodeableConcept": concept(item.title, item.codes)}
        if item.detail:
            resource["dosage"] = [{"text": item.detail}]
        if item.date:
            resource["effectivePeriod"] = {"start": item.date.isoformat()}
        refs.append(b.add(resource))
    return refs


def _immunizations(b: _Builder, items: list[Item]) -> list[str]:
    refs = []
    for item in items:
        resource = {"resourceType": "Immunization", "status": "completed",
                    "patient": {"reference": b.patient_ref},
                    "vaccineCode": concept(item.title, item.codes), "note": _source_note(item)}
        if item.date:
            resource["occurrenceDateTime"] = item.date.isoformat()
        else:
            resource["occurrenceString"] = "date unknown"
        refs.append(b.add(resource))
    return refs


def _devices(b: _Builder, items: list[Item]) -> list[str]:
    refs = []
    for item in items:
        device = b.add({"resourceType": "Device", "deviceName": [
            {"name": item.title, "type": "user-friendly-name"}]})
        resource = {"resourceType": "DeviceUseStatement", "status": "active",
                    "subject": {"reference": b.patient_ref}, "device": {"reference": device},
                    "note": _source_note(item)}
        if item.date:
            resource["timingDateTime"] = item.date.isoformat()
        refs.append(b.add(resource))
    return refs


def _entries(patient, category: str, limit: int) -> list[Entry]:
    return list(Entry.objects.filter(patient=patient, category=category)
                .order_by("-date", "-id")[:limit])


def _procedures(b: _Builder, rows: list[Entry]) -> list[str]:
    refs = []
    for entry in rows:
        resource = {"resourceType": "Procedure", "status": "completed",
                    "subject": {"reference": b.patient_ref},
                    "code": concept(entry.title, entry.codes)}
        if entry.date:
            resource["performedDateTime"] = entry.date.isoformat()
        refs.append(b.add(resource))
    return refs


def _results(b: _Builder, rows: list[Entry]) -> list[str]:
    refs = []
    for entry in rows:
        resource = {"resourceType": "Observation", "status": "final",
                    "category": [{"coding": [{
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "laboratory"}]}],
                    "subject": {"reference": b.patient_ref},
                    "code": concept(entry.title, entry.codes)}
        if entry.value_number is not None and entry.value_text.strip() == _plain(entry):
            quantity = {"value": entry.value_number}
            if entry.unit:
                quantity["unit"] = entry.unit
            resource["valueQuantity"] = quantity
        elif entry.value_text:
            resource["valueString"] = " ".join(filter(None, [entry.value_text, entry.unit]))
        if entry.date:
            resource["effectiveDateTime"] = entry.date.isoformat()
        if entry.reference_range:
            resource["referenceRange"] = [{"text": entry.reference_range}]
        refs.append(b.add(resource))
    return refs


def _plain(entry: Entry) -> str:
    number = entry.value_number
    return entry.value_text.strip() if number is None else (
        entry.value_text.strip() if entry.value_text.strip() in (repr(number), str(number),
                                                                f"{number:g}") else "")


def _rows(items: list[Item]) -> list[tuple]:
    return [(item.title, item.detail, _when(item.date), item.source_label) for item in items]


def build(patient, summary: Summary | None = None) -> dict:
    summary = summary or build_summary(patient)
    b = _Builder(summary)
    headers = ("What", "Detail", "Date", "Source")
    sections = [
        b.section("Allergies and Intolerances", "48765-2",
                  "Allergies and adverse reactions Document",
                  _allergies(b, summary.section("allergies")),
                  _div("", headers, _rows(summary.section("allergies"))), required=True,
                  empty_text="There is no information available about the patient's allergies."),
        b.section("Problem List", "11450-4", "Problem list - Reported",
                  _problems(b, summary.section("problems")),
                  _div("", headers, _rows(summary.section("problems"))), required=True,
                  empty_text="There is no information available about the patient's problems."),
        b.section("Medication Summary", "10160-0", "History of Medication use Narrative",
                  _medications(b, summary.section("medications")),
                  _div("", headers, _rows(summary.section("medications"))), required=True,
                  empty_text="There is no information available about the patient's "
                             "medications."),
        b.section("Immunizations", "11369-6", "History of Immunization note",
                  _immunizations(b, summary.section("immunizations")),
                  _div("", headers, _rows(summary.section("immunizations"))), required=False,
                  empty_text=""),
        b.section("Medical Devices", "46264-8", "History of medical device use",
                  _devices(b, summary.section("devices")),
                  _div("", headers, _rows(summary.section("devices"))), required=False,
                  empty_text=""),
    ]
    procedures = _entries(patient, "procedures", PROCEDURES_LIMIT)
    sections.append(b.section(
        "History of Procedures", "47519-4", "History of Procedures Document",
        _procedures(b, procedures),
        _div("", ("Procedure", "Date"), [(e.title, _when(e.date)) for e in procedures]),
        required=False, empty_text=""))
    results = _entries(patient, "results", RESULTS_LIMIT)
    sections.append(b.section(
        "Results", "30954-2", "Relevant diagnostic tests/laboratory data Narrative",
        _results(b, results),
        _div("", ("Test", "Value", "Normal range", "Date"),
             [(e.title, " ".join(filter(None, [e.value_text, e.unit])), e.reference_range,
               _when(e.date)) for e in results]),
        required=False, empty_text=""))
    now = timezone.now().replace(microsecond=0).isoformat()
    composition = {
        "resourceType": "Composition", "status": "final",
        "type": {"coding": [{"system": LOINC, "code": "60591-5",
                             "display": "Patient summary Document"}]},
        "subject": {"reference": b.patient_ref}, "date": now,
        "author": [{"reference": b.patient_ref}],
        "title": f"International Patient Summary of {patient.full_name}",
        "confidentiality": "N",
        "section": [section for section in sections if section is not None],
    }
    bundle_id = str(uuid.uuid4())
    composition_entry = {"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": composition}
    return {"resourceType": "Bundle", "id": bundle_id, "type": "document", "timestamp": now,
            "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{bundle_id}"},
            "entry": [composition_entry, *b.entries]}
