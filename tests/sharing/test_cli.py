"""``recordright export`` and ``recordright share`` (public: docs/cli.md)."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from pypdf import PdfReader

from recordright.cli import main
from recordright.patients.models import Patient
from recordright.sharing import shl
from recordright.sharing.models import ShareLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient_with_note(import_files, tmp_path):
    patient = Patient.objects.create(full_name="Cli Sharer", date_of_birth=date(1975, 6, 7))
    note = tmp_path / "note.txt"
    note.write_text("Seen for a sprained ankle. Advised rest.")
    import_files(patient, note)
    return patient


def test_export_each_format_to_a_file(patient_with_note, tmp_path, capsys):
    pid = patient_with_note.pk
    for fmt in ("ips", "pdf", "zip", "summary-pdf"):
        target = tmp_path / f"out-{fmt}"
        assert main(["export", "--patient", str(pid), "--format", fmt,
                     "--output", str(target)]) == 0
        data = target.read_bytes()
        if fmt == "ips":
            assert json.loads(data)["type"] == "document"
        elif fmt == "zip":
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
            assert "manifest.json" in names and any(n.endswith("note.txt") for n in names)
        else:
            assert len(PdfReader(io.BytesIO(data)).pages) >= 1
    capsys.readouterr()


def test_export_to_standard_output(patient_with_note, capsysbinary):
    assert main(["export", "--patient", str(patient_with_note.pk), "--format", "ips",
                 "--output", "-"]) == 0
    assert json.loads(capsysbinary.readouterr().out)["resourceType"] == "Bundle"


def test_export_unknown_patient(capsys):
    assert main(["export", "--patient", "999999", "--format", "ips", "--output", "-"]) == 2
    assert "no patient" in capsys.readouterr().err


def test_share_prints_the_link_and_shlink_then_revoke(patient_with_note, capsys):
    assert main(["share", "--patient", str(patient_with_note.pk), "--expires", "2d",
                 "--what", "packet", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    link = ShareLink.objects.get(pk=out["id"])
    assert link.what == "packet" and out["url"].endswith("/") and "/share/s/" in out["url"]
    assert out["public"] is False  # tests run at 127.0.0.1
    payload = shl.parse_shlink(out["shlink"])
    assert payload["url"].endswith("/manifest") and "flag" not in payload
    assert main(["share", "revoke", str(link.pk)]) == 0
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert main(["share", "revoke", "999999"]) == 2


def test_share_plain_output_and_bad_expiry(patient_with_note, capsys):
    assert main(["share", "--patient", str(patient_with_note.pk)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip().startswith("http") and "not reachable" in captured.err
    assert main(["share", "--patient", str(patient_with_note.pk), "--expires", "soon"]) == 2
