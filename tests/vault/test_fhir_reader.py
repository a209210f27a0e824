"""The FHIR reader on small documents written in the repository: every format it accepts,
each resource type it maps, and bad input."""

from __future__ import annotations

import gzip
import io
import json
import time
from collections import Counter
from datetime import date

import orjson
import pytest

from recordright.vault.errors import UnreadableDocument
from recordright.vault.fhir import iter_resources, normalise, parse_fhir
from recordright.vault.parsed import Code
from tests.fixtures.vault import HERE

BUNDLE = HERE / "fhir_bundle.json"
NDJSON = HERE / "fhir_export.ndjson"


def _one(doc, category, title):
    found = [e for e in doc.entries if e.category == category and e.title == title]
    assert len(found) == 1, [e.title for e in doc.entries if e.category == category]
    return found[0]


def test_bundle_counts_every_resource_and_keeps_unknown_types():
    doc = parse_fhir(BUNDLE.read_bytes())
    expected = Counter(e["resource"]["resourceType"]
                       for e in json.loads(BUNDLE.read_text())["entry"])
    assert doc.resources == expected
    assert doc.resources["VendorCustomThing"] == 1
    assert doc.unmapped == {"Patient": 1, "Organization": 1, "Medication": 1, "CarePlan": 1,
                            "VendorCustomThing": 1, "Observation": 1}   # the survey
    assert sum(doc.mapped.values()) + sum(doc.unmapped.values()) == sum(expected.values())
    assert Counter(e.category for e in doc.entries) == {
        "medications": 2, "allergies": 1, "problems": 1, "results": 3, "vitals": 1,
        "encounters": 1, "procedures": 1, "immunizations": 1, "notes": 2}
    assert (doc.patient_name, doc.provider) == ("Testy Example", "Example Clinic")


def test_on_resource_sees_every_resource_in_order():
    seen = []
    parse_fhir(BUNDLE.read_bytes(), on_resource=lambda r, kind: seen.append((kind, r["id"])))
    assert seen == [(e["resource"]["resourceType"], e["resource"]["id"])
                    for e in json.loads(BUNDLE.read_text())["entry"]]


def test_medication_references_resolved_within_the_bundle_in_any_order():
    doc = parse_fhir(BUNDLE.read_bytes())
    meds = [e for e in doc.entries if e.category == "medications"]
    assert [m.title for m in meds] == ["Metformin 500 MG Oral Tablet"] * 2  # before and after
    assert meds[0].detail == "500 mg twice a day"
    assert meds[1].detail == "10 mg; 1 per 1 d"
    assert all(m.text == "" for m in meds)


def test_medication_references_absolute_unresolved_and_by_display():
    resources = [
        {"resourceType": "MedicationRequest", "id": "a", "status": "active",
         "medicationReference": {"reference": "https://ehr.example/fhir/Medication/7"}},
        {"resourceType": "MedicationRequest", "id": "b", "status": "active",
         "medicationReference": {"reference": "Medication/404", "display": "Aspirin 81 mg"}},
        {"resourceType": "MedicationRequest", "id": "c", "status": "active",
         "medicationReference": {"reference": "Medication/405"}},
        {"resourceType": "Medication", "id": "7", "code": {"text": "Lisinopril 10 mg"}},
    ]
    doc = parse_fhir(b"\n".join(orjson.dumps(r) for r in resources))
    assert [(e.title, e.text) for e in doc.entries] == [
        ("Lisinopril 10 mg", ""), ("Aspirin 81 mg", ""), ("Medication", "")]


def test_lab_values_as_written_and_as_numbers():
    doc = parse_fhir(BUNDLE.read_bytes())
    a1c = _one(doc, "results", "Hemoglobin A1c")
    assert (a1c.value_text, a1c.value_number, a1c.unit) == ("7.2", 7.2, "%")
    assert (a1c.reference_range, a1c.abnormal_flag) == ("4-5.6 %", "H")
    assert a1c.date == date(2023, 12, 1)
    assert a1c.codes == (Code("LOINC", "4548-4", "Hemoglobin A1c"),)
    assert a1c.source_ref == "Observation/o-a1c"
    micro = _one(doc, "results", "Microalbumin")
    assert (micro.value_text, micro.value_number, micro.unit) == ("<5", None, "mg/L")
    urine = _one(doc, "results", "Glucose, urine")
    assert (urine.value_text, urine.value_number) == ("POS", None)


def test_blood_pressure_components_as_one_vital():
    bp = _one(parse_fhir(BUNDLE.read_bytes()), "vitals", "Blood pressure panel")
    assert (bp.value_text, bp.value_number, bp.unit) == ("128/82", None, "mm[Hg]")


def test_other_clinical_resources():
    doc = parse_fhir(BUNDLE.read_bytes())
    allergy = _one(doc, "allergies", "Penicillin G")
    assert allergy.detail == "Reaction: Hives; Severity: moderate"
    assert allergy.date == date(2005, 1, 1)
    problem = _one(doc, "problems", "Type 2 diabetes")
    assert problem.codes[1] == Code("ICD-10-CM", "E11.9")
    assert (problem.status, problem.date) == ("active", date(2019, 3, 15))
    visit = _one(doc, "encounters", "Encounter for check up")
    assert (visit.date, visit.provider) == (date(2023, 12, 1), "Example Clinic")
    shot = _one(doc, "immunizations", "Influenza, seasonal, injectable, preservative free")
    assert shot.codes == (Code("CVX", "140", shot.title),) and shot.detail == "Lot AB123"
    assert _one(doc, "procedures", "Appendectomy").date == date(2010, 6, 7)


def test_documents_become_notes_and_attachments_documents():
    doc = parse_fhir(BUNDLE.read_bytes())
    consult = _one(doc, "notes", "Consult note")
    assert consult.text == "Seen for follow-up. Doing well."
    report = _one(doc, "notes", "Urinalysis macro panel")
    assert report.text == "Glucose present in urine.\nResults: Glucose, urine"
    (pdf, text) = doc.attachments
    assert (pdf.name, pdf.media_type, pdf.date) == ("Consult letter.pdf", "application/pdf",
                                                    date(2023, 12, 2))
    assert pdf.data == (HERE / "embedded.pdf").read_bytes()
    assert text.media_type == "text/plain" and text.data == b"Seen for follow-up. Doing well."


@pytest.mark.parametrize("bundle_type", ["collection", "searchset", "document", "transaction",
                                         "batch", "history"])
def test_bundle_of_any_type(bundle_type):
    bundle = json.loads(BUNDLE.read_text())
    bundle["type"] = bundle_type
    doc = parse_fhir(json.dumps(bundle).encode())
    assert sum(doc.resources.values()) == len(bundle["entry"])


def test_entries_without_a_resource_and_nested_bundles():
    inner = {"resourceType": "Bundle", "type": "document",
             "entry": [{"resource": {"resourceType": "Condition", "code": {"text": "Gout"}}}]}
    outer = {"resourceType": "Bundle", "type": "searchset",
             "entry": [{"resource": inner}, {"request": {"method": "DELETE", "url": "X/1"}}]}
    doc = parse_fhir(json.dumps(outer).encode())
    assert doc.resources == {"Condition": 1}
    assert [e.title for e in doc.entries] == ["Gout"]


def test_single_resource_pretty_printed_or_on_one_line():
    resource = {"resourceType": "Condition", "id": "c", "code": {"text": "Asthma"}}
    for data in (json.dumps(resource, indent=2).encode(), json.dumps(resource).encode()):
        doc = parse_fhir(data)
        assert doc.resources == {"Condition": 1}
        assert doc.entries[0].title == "Asthma"


def test_a_bare_json_array_of_resources():
    data = json.dumps([{"resourceType": "Condition", "code": {"text": "Gout"}},
                       {"resourceType": "Patient", "id": "p"}]).encode()
    assert parse_fhir(data).resources == {"Condition": 1, "Patient": 1}


def test_document_bundle_composition_gives_title_date_and_section_text():
    bundle = {"resourceType": "Bundle", "type": "document", "entry": [
        {"resource": {"resourceType": "Composition", "status": "final", "title": "Summary",
                      "date": "2024-02-03T10:00:00Z", "section": [
                          {"title": "Allergies", "text": {"status": "generated",
                           "div": "<div xmlns='http://www.w3.org/1999/xhtml'><p>No known"
                                  " <b>allergies</b></p></div>"}}]}}]}
    doc = parse_fhir(json.dumps(bundle).encode())
    assert (doc.title, doc.date) == ("Summary", date(2024, 2, 3))
    assert doc.section_texts == [("Allergies", "No known allergies")]
    assert doc.unmapped == {"Composition": 1}


def test_ndjson_bulk_export_read_line_by_line():
    doc = parse_fhir(NDJSON.read_bytes())
    assert doc.resources == {"Observation": 2, "Condition": 1, "Patient": 1}
    assert Counter(e.category for e in doc.entries) == {"results": 1, "vitals": 1, "problems": 1}
    assert doc.patient_name == "Testy Example"


def test_gzip_told_by_magic_bytes_from_bytes_and_from_a_stream():
    packed = gzip.compress(NDJSON.read_bytes())
    assert parse_fhir(packed).resources == parse_fhir(NDJSON.read_bytes()).resources
    stream = io.BufferedReader(io.BytesIO(packed))
    assert sum(1 for _ in iter_resources(stream)) == 4
    bundle = gzip.compress(BUNDLE.read_bytes())
    assert sum(parse_fhir(bundle).resources.values()) == 19


class _Pipe(io.RawIOBase):
    """A stream that can neither seek nor peek, like a socket or a pipe."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def read(self, n: int = -1) -> bytes:
        n = len(self._data) if n is None or n < 0 else min(n, 7)   # short reads
        chunk, self._data = self._data[:n], self._data[n:]
        return chunk


@pytest.mark.parametrize("packed", [False, True])
def test_iter_resources_from_a_stream_that_cannot_seek(packed):
    data = NDJSON.read_bytes()
    stream = _Pipe(gzip.compress(data) if packed else data)
    assert [r["id"] for r in iter_resources(stream)] == ["n1", "n2", "n3", "n4"]


def test_iter_resources_from_a_file_object(tmp_path):
    path = tmp_path / "export.ndjson"
    path.write_bytes(NDJSON.read_bytes())
    with path.open("rb") as stream:
        types = [r["resourceType"] for r in iter_resources(stream)]
    assert types == ["Observation", "Observation", "Condition", "Patient"]


@pytest.mark.parametrize("name,title,category", [
    ("apple_dstu2_medicationorder.json", "Lisinopril 10 MG Oral Tablet", "medications"),
    ("apple_dstu2_allergy.json", "Peanuts", "allergies"),
    ("apple_dstu2_observation.json", "Cholesterol", "results"),
])
def test_apple_health_dstu2_clinical_records(name, title, category):
    doc = parse_fhir((HERE / name).read_bytes())
    assert sum(doc.resources.values()) == 1
    (entry,) = doc.entries
    assert (entry.title, entry.category) == (title, category)


@pytest.mark.parametrize("resource,expected", [
    ({"resourceType": "Condition", "clinicalStatus": "active", "dateRecorded": "2012-04-05",
      "code": {"text": "Asthma"}}, ("problems", "Asthma", date(2012, 4, 5), "active")),
    ({"resourceType": "Immunization", "date": "2015-10-01", "wasNotGiven": True,
      "status": "completed", "vaccineCode": {"text": "Flu"}},
     ("immunizations", "Flu", date(2015, 10, 1), "not given")),
    ({"resourceType": "Procedure", "status": "completed", "performedDateTime": "2011-03-04",
      "code": {"text": "Colonoscopy"}},
     ("procedures", "Colonoscopy", date(2011, 3, 4), "completed")),
    ({"resourceType": "MedicationDispense", "status": "completed",
      "whenHandedOver": "2020-01-02", "medicationCodeableConcept": {"text": "Amoxicillin"}},
     ("medications", "Amoxicillin", date(2020, 1, 2), "completed")),
    ({"resourceType": "MedicationStatement", "status": "active",
      "effectivePeriod": {"start": "2016-01-01"},
      "medicationCodeableConcept": {"text": "Albuterol inhaler"}},
     ("medications", "Albuterol inhaler", date(2016, 1, 1), "active")),
])
def test_dstu2_and_other_shapes(resource, expected):
    entry = normalise(resource)
    assert entry is not None
    assert (entry.category, entry.title, entry.date, entry.status) == expected


def test_dstu2_details_mapped():
    order = parse_fhir((HERE / "apple_dstu2_medicationorder.json").read_bytes()).entries[0]
    assert (order.date, order.detail) == (date(2016, 5, 4), "Take 1 tablet by mouth daily")
    allergy = parse_fhir((HERE / "apple_dstu2_allergy.json").read_bytes()).entries[0]
    assert allergy.detail == "Reaction: Anaphylaxis; Severity: severe"
    lab = parse_fhir((HERE / "apple_dstu2_observation.json").read_bytes()).entries[0]
    assert (lab.value_number, lab.unit, lab.abnormal_flag) == (180.0, "mg/dL", "N")


@pytest.mark.parametrize("klass,title", [
    ({"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "EMER"},
     "Emergency visit"),
    ({"code": "IMP"}, "Hospital stay"),
    ("inpatient", "Hospital stay"),                         # DSTU2: a code
    ({"code": "XYZ", "display": "Clinic walk-in"}, "Clinic walk-in"),
    (None, "Visit"),
])
def test_encounter_without_a_type_is_named_by_its_class(klass, title):
    resource = {"resourceType": "Encounter", "status": "finished",
                "period": {"start": "2024-01-01"}}
    if klass is not None:
        resource["class"] = klass
    entry = normalise(resource)
    assert entry is not None and entry.title == title


def test_normalise_returns_none_for_non_clinical_resources():
    assert normalise({"resourceType": "Patient", "id": "p"}) is None
    assert normalise({"resourceType": "Claim", "id": "c"}) is None
    assert normalise({"resourceType": "Observation", "category": [
        {"coding": [{"code": "survey"}]}], "code": {"text": "x"}, "valueInteger": 1}) is None
    # No category: a vital sign told by its LOINC code, else a result when it has a value.
    hr = normalise({"resourceType": "Observation", "code": {"coding": [
        {"system": "http://loinc.org", "code": "8867-4", "display": "Heart rate"}]},
        "valueQuantity": {"value": 60, "unit": "/min"}})
    assert hr is not None and hr.category == "vitals"


@pytest.mark.parametrize("data,words", [
    (b"", "empty"),
    (b"\n\n  \n", "empty"),
    (b"{not json", "not valid JSON"),
    (b'{"hello": "world"}', "not a FHIR resource"),
    (b"[1, 2, 3]", "not a FHIR resource"),
    (b"%PDF-1.7", "not FHIR JSON"),
    (b'{"resourceType": "Patient"}\n{broken\n', "line 2"),
    (b'{"resourceType": "Patient"}\n[1]\n', "Line 2 is not a FHIR resource"),
    (gzip.compress(b'{"resourceType": "Patient"}', mtime=0)[:-8] + b"garbage!", "damaged"),
], ids=["empty", "blank lines", "broken JSON", "not FHIR", "array of numbers", "PDF",
        "broken NDJSON line", "NDJSON line not a resource", "damaged gzip"])
def test_bad_input_gets_a_clear_message(data, words):
    started = time.monotonic()
    with pytest.raises(UnreadableDocument) as caught:
        parse_fhir(data)
    assert words in str(caught.value)
    assert time.monotonic() - started < 5   # bounded, with room for a busy machine


def test_a_resource_shaped_against_the_spec_is_counted_not_fatal():
    data = b'{"resourceType": "Observation", "code": "x"}\n{"resourceType": "Condition", ' \
           b'"code": {"text": "Gout"}}\n'
    doc = parse_fhir(data)
    assert doc.unmapped == {"Observation": 1}
    assert [e.title for e in doc.entries] == ["Gout"]


def test_deeply_nested_json_is_refused():
    with pytest.raises(UnreadableDocument, match="not valid JSON"):
        parse_fhir(b'{"resourceType": "Basic", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}")


def test_an_overlong_ndjson_line_is_refused(monkeypatch):
    from recordright.vault.fhir import reading
    monkeypatch.setattr(reading, "MAX_LINE_BYTES", 1000)
    data = b'{"resourceType": "Patient"}\n{"resourceType": "Basic", "x": "' + b"a" * 5000 + b'"}\n'
    with pytest.raises(UnreadableDocument, match="Line 2 is too long"):
        parse_fhir(data)


def test_contained_medication_is_resolved():
    entry = normalise({"resourceType": "MedicationRequest", "status": "active",
                       "medicationReference": {"reference": "#m"},
                       "contained": [{"resourceType": "Medication", "id": "m",
                                      "code": {"text": "Amoxicillin 500 mg capsule"}}]})
    assert entry is not None and entry.title == "Amoxicillin 500 mg capsule"


def test_fixtures_are_valid_r4b_and_dstu2_is_not():
    """fhir.resources (R4B models) checks the hand-written fixtures, off the hot path."""
    from fhir.resources.R4B import get_fhir_model_class
    for resource in iter_resources(BUNDLE.read_bytes()):
        if resource["resourceType"] == "VendorCustomThing":
            continue
        model = get_fhir_model_class(resource["resourceType"])
        model.model_validate_json(orjson.dumps(resource))
    for line in NDJSON.read_text().splitlines():
        if line.strip():
            resource = json.loads(line)
            get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    with pytest.raises(Exception):  # noqa: B017 - R4B has no MedicationOrder: truly DSTU2
        get_fhir_model_class("MedicationOrder")
