"""The International Patient Summary of every sample patient follows the IPS rules and
validates with the fhir.resources R4B models."""

from __future__ import annotations

import json
from datetime import date

import pytest
from fhir.resources.R4B.bundle import Bundle
from lxml import etree

from recordright.patients.models import Patient
from recordright.sharing import ips
from recordright.sharing.models import Section, SummaryEdit
from recordright.vault.models import Entry
from tests.fixtures.vault import sample_files

pytestmark = pytest.mark.django_db

REQUIRED = {"10160-0", "48765-2", "11450-4"}
RECOMMENDED = {"47519-4", "11369-6", "30954-2", "46264-8"}


def check_ips_rules(bundle: dict) -> dict[str, dict]:
    Bundle.model_validate(json.loads(json.dumps(bundle)))
    assert bundle["type"] == "document"
    composition = bundle["entry"][0]["resource"]
    assert composition["resourceType"] == "Composition"
    assert composition["type"]["coding"][0] == {
        "system": "http://loinc.org", "code": "60591-5", "display": "Patient summary Document"}
    urls = {entry["fullUrl"] for entry in bundle["entry"]}
    assert len(urls) == len(bundle["entry"])

    def references(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "reference":
                    yield value
                else:
                    yield from references(value)
        elif isinstance(node, list):
            for value in node:
                yield from references(value)
    for reference in references(bundle):
        assert reference in urls, reference
    sections = {s["code"]["coding"][0]["code"]: s for s in composition["section"]}
    assert set(sections) >= REQUIRED
    for code, section in sections.items():
        assert code in REQUIRED | RECOMMENDED
        div = etree.fromstring(section["text"]["div"])
        assert div.tag == "{http://www.w3.org/1999/xhtml}div"
        assert section["text"]["status"] == "generated"
        assert section.get("entry") or section.get("emptyReason"), code
        if code in RECOMMENDED:
            assert section.get("entry"), f"recommended section {code} without data"
    return sections


@pytest.mark.parametrize("path", sample_files("fhir"), ids=lambda p: p.name[:14])
def test_each_synthea_patient_gets_a_valid_ips(path, import_files, owner):
    patient = Patient.objects.create(full_name=path.name.split("_")[0] + " Sample",
                                     date_of_birth=date(1970, 1, 1))
    import_files(patient, path)
    sections = check_ips_rules(ips.build(patient))
    # A recommended section is there exactly when the vault has data for it.
    for code, category in (("11369-6", "immunizations"), ("47519-4", "procedures"),
                           ("30954-2", "results")):
        has_data = Entry.objects.filter(patient=patient, category=category).exists()
        assert (code in sections) == has_data, code
    assert "11369-6" in sections and "30954-2" in sections  # every Synthea sample has these
    assert sum(len(s.get("entry", [])) for s in sections.values()) > 5


def test_ccda_samples_give_valid_ips(import_files):
    patient = Patient.objects.create(full_name="Ccda Sample", date_of_birth=date(1960, 2, 3))
    files = [p for p in sample_files("ccda") if p.suffix.lower() == ".xml"]
    import_files(patient, *files)
    sections = check_ips_rules(ips.build(patient))
    assert sections["48765-2"].get("entry"), "the CCD sample lists allergies"
    assert sections["10160-0"].get("entry")


def test_a_patient_without_records_gets_explicit_empty_required_sections():
    patient = Patient.objects.create(full_name="Empty Example", date_of_birth=date(1990, 1, 1))
    sections = check_ips_rules(ips.build(patient))
    assert set(sections) == REQUIRED
    for section in sections.values():
        assert section["emptyReason"]["coding"][0]["code"] == "unavailable"
        assert "no information" in section["text"]["div"].lower()


def test_no_known_allergies_said_by_the_patient_is_an_explicit_entry():
    patient = Patient.objects.create(full_name="Nka Example", date_of_birth=date(1990, 1, 1))
    SummaryEdit.objects.create(patient=patient, action="add", section=Section.ALLERGIES,
                               title="No known allergies")
    bundle = ips.build(patient)
    sections = check_ips_rules(bundle)
    reference = sections["48765-2"]["entry"][0]["reference"]
    allergy = next(e["resource"] for e in bundle["entry"] if e["fullUrl"] == reference)
    assert allergy["code"]["coding"][0]["code"] == "no-known-allergies"


def test_narrative_is_escaped():
    patient = Patient.objects.create(full_name="Escape Example", date_of_birth=date(1990, 1, 1))
    SummaryEdit.objects.create(patient=patient, action="add", section=Section.MEDICATIONS,
                               title="<script>alert(1)</script>", detail="1 & 2 <b>")
    sections = check_ips_rules(ips.build(patient))
    div = sections["10160-0"]["text"]["div"]
    assert "<script>" not in div and "&lt;script&gt;" in div and "1 &amp; 2" in div
