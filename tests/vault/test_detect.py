"""Kinds are told by content, never by the file name."""

from __future__ import annotations

import gzip

import pytest

from recordright.vault.intake.detect import detect
from tests.fixtures.vault import sample_files
from tests.vault.conftest import CCD, FHIR_BUNDLE


def test_every_vendor_export_is_a_ccda_whatever_its_extension():
    for path in sample_files("ccda-vendors") + sample_files("ccda"):
        assert detect(path.read_bytes()[:65536]).kind == "ccda", path.name


@pytest.mark.parametrize(("head", "kind", "media_type"), [
    (b"%PDF-1.4\n...", "pdf", "application/pdf"),
    (b"PK\x03\x04rest", "zip", "application/zip"),
    (b"\xff\xd8\xff\xe0JFIF", "image", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\nIHDR", "image", "image/png"),
    (b"II*\x00tiff", "image", "image/tiff"),
    (b"\0" * 128 + b"DICM" + b"\0" * 20, "other", "application/dicom"),
    (b'{"resourceType": "Patient", "id": "1"}', "fhir", "application/fhir+json"),
    (b'{"resourceType":"Observation"}\n{"resourceType":"Observation"}\n', "fhir",
     "application/fhir+json"),
    (gzip.compress(b'{"resourceType":"Observation"}\n', mtime=0), "fhir", "application/gzip"),
    (gzip.compress(b"just some text", mtime=0), "other", "application/gzip"),
    (b"<?xml version='1.0'?><HealthData locale='en_US'/>", "other", "application/xml"),
    (b"a,b,c\n1,2,3\n4,5,6\n7,8,9\n", "other", "text/csv"),
    (b"Seen today for a cough.\nBetter after rest.\n", "text", "text/plain"),
    ('<?xml version="1.0" encoding="UTF-16"?><ClinicalDocument xmlns="urn:hl7-org:v3"/>'
     .encode("utf-16"), "ccda", "application/xml"),
    (bytes(range(256)) * 4, "other", "application/octet-stream"),
])
def test_it_sniffs(head, kind, media_type):
    found = detect(head)
    assert (found.kind, found.media_type) == (kind, media_type)


def test_the_samples():
    assert detect(CCD.read_bytes()[:65536]).kind == "ccda"
    assert detect(FHIR_BUNDLE.read_bytes()[:65536]).kind == "fhir"
