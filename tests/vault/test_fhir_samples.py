"""The FHIR reader on the five Synthea transaction bundles in ../shared/data/fhir: exact
counts per resource type (computed here independently with json) and entries per category."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from recordright.vault.fhir import parse_fhir
from recordright.vault.parsed import CATEGORIES
from tests.fixtures.vault import sample_files, shared_data

# Entries per category (problems, medications, allergies, immunizations, results, vitals,
# encounters, procedures, notes), checked below against what json alone says.
EXPECTED = {
    "Buster_Hoeger_ad2e3fc5-2b5d-4cb9-8d03-9ea0f4ac8423.json": (3, 1, 0, 4, 15, 15, 6, 1, 2),
    "Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json": (1, 0, 0, 4, 30, 15, 3, 1, 4),
    "Liz_Conn_27c911c6-f045-4ffa-af5d-6eba57ac94b2.json": (1, 1, 0, 4, 18, 15, 7, 3, 2),
    "Luigi_Wiegand_e27d88b0-c5e5-4042-ad49-184f6a900ee3.json": (0, 0, 0, 12, 11, 16, 4, 2, 1),
    "Ned_Hintz_e4b9259d-0f54-48d1-a35d-b526729a4dfe.json": (3, 2, 0, 7, 11, 20, 6, 0, 1),
}
_BY_TYPE = {"Condition": "problems", "MedicationRequest": "medications",
            "AllergyIntolerance": "allergies", "Immunization": "immunizations",
            "Encounter": "encounters", "Procedure": "procedures", "DiagnosticReport": "notes"}


def _json_view(path) -> tuple[Counter, Counter]:
    """Resource types, and the entries a reader should make, from json alone."""
    resources = [e["resource"] for e in json.loads(path.read_text())["entry"]]
    types = Counter(r["resourceType"] for r in resources)
    categories: Counter = Counter()
    for r in resources:
        if r["resourceType"] in _BY_TYPE:
            categories[_BY_TYPE[r["resourceType"]]] += 1
        elif r["resourceType"] == "Observation":
            cat = r["category"][0]["coding"][0]["code"]
            if cat in ("laboratory", "vital-signs"):
                categories["results" if cat == "laboratory" else "vitals"] += 1
    return types, categories


def test_every_sample_is_listed():
    assert sorted(p.name for p in sample_files("fhir")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_counts_per_resource_type_and_category(name):
    path = shared_data("fhir") / name
    types, categories = _json_view(path)
    doc = parse_fhir(path.read_bytes())
    assert doc.resources == types
    assert sum(doc.mapped.values()) + sum(doc.unmapped.values()) == sum(types.values())
    counts = Counter(e.category for e in doc.entries)
    assert tuple(counts[c] for c in CATEGORIES) == EXPECTED[name]
    assert tuple(categories[c] for c in CATEGORIES) == EXPECTED[name]
    # Claims, billing and survey answers are not entries, but counted, never dropped.
    assert doc.unmapped["Claim"] == types["Claim"]
    assert doc.unmapped["ExplanationOfBenefit"] == types["ExplanationOfBenefit"]


def test_spot_check_liz_conn():
    doc = parse_fhir((shared_data("fhir") /
                      "Liz_Conn_27c911c6-f045-4ffa-af5d-6eba57ac94b2.json").read_bytes())
    assert doc.patient_name == "Liz Conn"
    assert doc.provider == "BEVERLY HOSPITAL CORPORATION"
    (hypertension,) = [e for e in doc.entries if e.category == "problems"]
    assert (hypertension.title, hypertension.status) == ("Hypertension", "active")
    assert hypertension.codes[0].system == "SNOMED CT" and hypertension.codes[0].code == "38341003"
    (hctz,) = [e for e in doc.entries if e.category == "medications"]
    assert hctz.title == "Hydrochlorothiazide 25 MG" and hctz.codes[0].system == "RxNorm"
    bps = [e for e in doc.entries if e.title == "Blood Pressure"]
    assert bps and all("/" in e.value_text and e.unit == "mm[Hg]" for e in bps)
    height = [e for e in doc.entries if e.title == "Body Height"][0]
    assert height.value_number == pytest.approx(165.13572344324407) and height.unit == "cm"
