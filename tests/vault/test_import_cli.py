"""recordright import and search, end to end through the real (encrypted) database."""

from __future__ import annotations

import orjson
import pytest

from recordright.filestore import store
from recordright.vault.models import Document, Entry, FhirChunk
from tests.fixtures.vault import sample_files
from tests.vault.conftest import CCD, FHIR_BUNDLE, scanned_pdf

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_imports_a_ccd_into_entries_and_finds_them(import_json, cli, patient):
    code, rows = import_json(CCD)
    assert code == 0
    [row] = rows
    assert row["status"] == "imported" and row["kind"] == "ccda"
    # The same fact twice in one document is one entry with one source.
    assert sum(row["entries"].values()) >= Entry.objects.filter(patient=patient).count() > 0
    document = Document.objects.get(patient=patient)
    assert document.status == "ready" and store.exists(document.stored_name)
    assert store.open_plain(document.stored_name).read() == CCD.read_bytes()
    code, lines = cli("search", "--patient", patient.pk, "--json", "diabetes")
    assert code == 0 and lines


def test_re_import_says_duplicate(import_json, patient):
    import_json(CCD)
    code, [row] = import_json(CCD)
    assert code == 0 and row["status"] == "duplicate" and row["kind"] == "ccda"
    assert Document.objects.filter(patient=patient).count() == 1


@pytest.mark.parametrize("path", [FHIR_BUNDLE, "synthea"])
def test_fhir_bundle_counts_every_resource_and_keeps_them_raw(import_json, patient, path):
    if path == "synthea":
        path = sample_files("fhir")[0]
    bundle = orjson.loads(path.read_bytes())
    expected = {}
    for item in bundle["entry"]:
        kind = item["resource"]["resourceType"]
        expected[kind] = expected.get(kind, 0) + 1
    code, [row] = import_json(path)
    assert code == 0 and row["kind"] == "fhir"
    assert row["resources"] == dict(sorted(expected.items()))
    chunks = FhirChunk.objects.filter(document__patient=patient)
    assert sum(chunk.resource_count for chunk in chunks) == sum(expected.values())
    assert row["entries"]["results"] + row["entries"]["vitals"] > 0


def test_a_scanned_pdf_becomes_searchable(import_json, cli, patient, write):
    pdf = write("scan.pdf", scanned_pdf([["Discharge summary", "Patient had pneumonia"],
                                         ["Follow up with cardiology clinic"]]))
    code, [row] = import_json(pdf)
    assert code == 0, row
    assert row["kind"] == "pdf"
    document = Document.objects.get(patient=patient)
    assert document.page_count == 2 and document.text_source == "ocr"
    code, lines = cli("search", "--patient", patient.pk, "pneumonia")
    assert "scan.pdf" in lines[0] and "**pneumonia**" in lines[1].lower()
    code, lines = cli("search", "--patient", patient.pk, "cardio*")
    assert lines and "scan.pdf" in lines[0]


def test_check_is_clean_after_imports(import_json, cli):
    import_json(CCD, FHIR_BUNDLE)
    code, lines = cli("check")
    assert code == 0, lines
    assert any(line.startswith("Vault search index: OK") for line in lines)
