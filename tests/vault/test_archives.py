"""ZIP archives and documents inside documents: every member a document of its own."""

from __future__ import annotations

import io
import zipfile

import orjson
import pytest

from recordright.vault.models import Document
from tests.vault.conftest import CCD, EMBEDDED_PDF_CDA

pytestmark = pytest.mark.django_db(transaction=True)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_an_apple_health_export_is_unpacked_by_content(import_json, write, patient):
    condition = {"resourceType": "Condition", "id": "c1",
                 "code": {"text": "Seasonal allergic rhinitis",
                          "coding": [{"system": "http://snomed.info/sct", "code": "367498001"}]},
                 "onsetDateTime": "2019-04-02"}
    archive = _zip({
        "apple_health_export/export.xml": b"<?xml version='1.0'?><HealthData locale='en_US'/>",
        "apple_health_export/clinical-records/Condition-c1.json": orjson.dumps(condition),
        "apple_health_export/ccd-from-clinic.dat": CCD.read_bytes(),
        "apple_health_export/labs.csv": b"date,test,value\n2020-01-01,A1c,6.1\n"
                                        b"2020-06-01,A1c,6.4\n2021-01-01,A1c,6.0\n",
        "apple_health_export/__MACOSX/._junk": b"\0\1",
        "inner.zip": _zip({"note.txt": b"Inner note about knee pain."}),
    })
    code, [row] = import_json(write("export.zip", archive))
    assert code == 0, row
    assert row["status"] == "imported" and row["kind"] == "zip"
    assert row["resources"] == {"Condition": 1}
    assert row["entries"]["problems"] >= 1
    top = Document.objects.get(patient=patient, parent=None)
    kinds = sorted(Document.objects.filter(parent=top).values_list("original_name", "kind"))
    assert kinds == [("Condition-c1.json", "fhir"), ("ccd-from-clinic.dat", "ccda"),
                     ("export.xml", "other"), ("inner.zip", "zip"), ("labs.csv", "other")]
    inner = Document.objects.get(original_name="inner.zip")
    assert inner.children.get().kind == "text"
    assert all(doc.status == "ready" for doc in Document.objects.all())


def test_a_member_already_in_the_vault_is_not_stored_twice(import_json, write, patient):
    import_json(CCD)
    code, [row] = import_json(write("again.zip", _zip({"ccd.xml": CCD.read_bytes(),
                                                       "new.txt": b"A new note."})))
    assert code == 0
    top = Document.objects.get(original_name="again.zip")
    assert [child.original_name for child in top.children.all()] == ["new.txt"]


def test_a_pdf_embedded_in_a_cda_is_a_document_of_its_own(import_json, patient):
    code, [row] = import_json(EMBEDDED_PDF_CDA)
    assert code == 0, row
    parent = Document.objects.get(parent=None)
    child = parent.children.get()
    assert child.kind == "pdf" and child.arrival == "embedded" and child.status == "ready"
