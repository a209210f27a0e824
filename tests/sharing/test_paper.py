"""The emergency summary on paper (one page, the essentials, a QR code), the wallet card,
and the packet (page count = sum of its parts, a working bookmark per part)."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from hashlib import sha256

import pytest
import weasyprint
from PIL import Image
from pypdf import PdfReader

from recordright.patients.models import Patient
from recordright.sharing import packet, render
from recordright.sharing.models import Section, SummaryEdit
from recordright.sharing.summary import build, essentials_text
from tests.fixtures.vault import sample_files

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def synthea_patient(import_files):
    patient = Patient.objects.create(full_name="Paper Sample", date_of_birth=date(1950, 8, 9),
                                     phone="555-0142")
    import_files(patient, sample_files("fhir")[0])
    SummaryEdit.objects.create(patient=patient, action="add", section=Section.CONTACTS,
                               title="Sam Sample (son)", detail="555-0199")
    SummaryEdit.objects.create(patient=patient, action="add", section=Section.BLOOD_TYPE,
                               title="O positive")
    return patient


def test_summary_pdf_is_one_page_with_the_essentials(synthea_patient, tmp_path):
    summary = build(synthea_patient)
    assert summary.section("medications") or summary.section("problems")
    pdf = render.summary_pdf(summary)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    text = _text(pdf)
    for words in ("Emergency medical summary", "Paper Sample", "Allergies",
                  "Current medications", "Sam Sample (son)", "O positive",
                  "Reported by the patient", "Scan to read the essentials"):
        assert words in text, words
    for item in summary.section("problems")[:2]:
        assert item.title[:20] in text.replace("\n", " ")


def test_one_page_even_with_many_items(synthea_patient):
    for number in range(40):
        SummaryEdit.objects.create(patient=synthea_patient, action="add",
                                   section=Section.MEDICATIONS, title=f"Medicine {number}",
                                   detail="10 mg twice a day, with food, for a long time")
    pdf = render.summary_pdf(build(synthea_patient))
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_wallet_card_is_one_page(synthea_patient):
    pdf = render.card_pdf(build(synthea_patient))
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert "EMERGENCY MEDICAL INFORMATION" in _text(pdf)


def test_qr_holds_the_essentials_offline_or_the_link():
    patient = Patient.objects.create(full_name="Qr Example", date_of_birth=date(1990, 1, 1))
    SummaryEdit.objects.create(patient=patient, action="add", section=Section.ALLERGIES,
                               title="Peanuts", detail="anaphylaxis")
    summary = build(patient)
    content, is_link = render.qr_content(summary, None)
    assert not is_link and "Peanuts anaphylaxis" in content and "Qr Example" in content
    assert len(essentials_text(summary)) <= 1200
    assert render.qr_content(summary, "https://x.example/s/abc/") == (
        "https://x.example/s/abc/", True)


def test_removed_and_corrected_items(synthea_patient):
    summary = build(synthea_patient)
    first, *_rest = summary.section("problems") or summary.section("medications")
    SummaryEdit.objects.create(patient=synthea_patient, action="remove", entry_id=first.entry_id,
                               section=first.section)
    after = build(synthea_patient)
    assert first.entry_id not in {i.entry_id for i in after.section(first.section)}
    second = after.section(first.section)[0] if after.section(first.section) else None
    if second is not None:
        SummaryEdit.objects.create(patient=synthea_patient, action="correct",
                                   entry_id=second.entry_id, section=second.section,
                                   title="Corrected title", detail="right dose")
        corrected = next(i for i in build(synthea_patient).section(second.section)
                         if i.entry_id == second.entry_id)
        assert corrected.title == "Corrected title" and corrected.corrected
        assert "corrected by the patient" in corrected.source_label


def test_packet_page_count_is_the_sum_of_its_parts_with_bookmarks(import_files, tmp_path):
    patient = Patient.objects.create(full_name="Packet Example", date_of_birth=date(1985, 1, 2))
    pages = "".join(f'<p style="page-break-after: always">Lab report page {n}</p>'
                    for n in range(1, 4))
    scan = tmp_path / "three-pages.pdf"
    scan.write_bytes(weasyprint.HTML(string=f"<html><body>{pages}</body></html>").write_pdf())
    note = tmp_path / "note.txt"
    note.write_text("Follow-up visit, all well.")
    import_files(patient, scan, note)
    data, parts = packet.packet_pdf(patient)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == sum(count for _title, _first, count in parts)
    assert [title.split(" (")[0] for title, *_ in parts][:2] == ["Cover and index",
                                                               "Emergency summary"]
    assert any(count == 3 for _t, _f, count in parts)
    outline = reader.outline
    assert len(outline) == len(parts)
    for item, (_title, first, _count) in zip(outline, parts, strict=True):
        assert reader.get_destination_page_number(item) == first - 1
    last = reader.pages[-1].extract_text()
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in last
    assert "Contents" in reader.pages[0].extract_text()


def test_zip_of_originals_with_manifest(import_files, tmp_path):
    patient = Patient.objects.create(full_name="Zip Example", date_of_birth=date(1985, 1, 2))
    note = tmp_path / "note.txt"
    note.write_bytes(b"A note kept verbatim.\n")
    import_files(patient, note)
    archive = zipfile.ZipFile(io.BytesIO(packet.originals_zip(patient)))
    manifest = json.loads(archive.read("manifest.json"))
    (row,) = manifest["documents"]
    assert archive.read(row["name"]) == b"A note kept verbatim.\n"
    assert row["sha256"] == sha256(b"A note kept verbatim.\n").hexdigest()
    assert row["kind"] == "text" and row["date"]


def test_choice_by_kind_and_date(import_files, tmp_path):
    patient = Patient.objects.create(full_name="Choice Example", date_of_birth=date(1985, 1, 2))
    note = tmp_path / "note.txt"
    note.write_text("text")
    import_files(patient, note)
    assert len(packet.chosen_documents(patient, packet.Choice(kinds=("text",)))) == 1
    assert packet.chosen_documents(patient, packet.Choice(kinds=("pdf",))) == []
    assert packet.chosen_documents(patient, packet.Choice(date_to=date(1990, 1, 1))) == []


def test_render_summary_page_to_png(synthea_patient, tmp_path):
    """pdftoppm renders the page; the picture is kept for a person to look at."""
    import shutil
    import subprocess

    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(render.summary_pdf(build(synthea_patient)))
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=60)
    (png,) = tmp_path.glob("page*.png")
    image = Image.open(png).convert("L")
    assert image.size[0] < image.size[1]  # portrait Letter
    assert image.getextrema()[0] < 50  # there is ink on the page
