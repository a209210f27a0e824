"""Vault tests: a patient, files made in the test, and the CLI run in-process."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vault"
CCD = FIXTURES / "ccda_small.xml"
FHIR_BUNDLE = FIXTURES / "fhir_bundle.json"
EMBEDDED_PDF_CDA = FIXTURES / "ccda_embedded_pdf.xml"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.fixture(autouse=True)
def store_root(settings, tmp_path):
    """A file store of its own per test, so ``recordright check`` sees only this test's files."""
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


@pytest.fixture
def cli(capsys):
    """Run ``recordright ...`` in this process; returns (exit code, stdout lines)."""
    from recordright.cli import main

    def run(*argv: str) -> tuple[int, list[str]]:
        code = main([str(arg) for arg in argv])
        out = capsys.readouterr().out
        return code, [line for line in out.splitlines() if line.strip()]
    return run


@pytest.fixture
def import_json(cli, patient):
    def run(*paths, extra=()) -> tuple[int, list[dict]]:
        code, lines = cli("import", "--patient", patient.pk, *paths, *extra, "--json")
        return code, [json.loads(line) for line in lines]
    return run


def page_image(lines: list[str], size=(1275, 1650)) -> Image.Image:
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 34)
    for number, line in enumerate(lines):
        draw.text((120, 150 + 60 * number), line, font=font, fill=0)
    return image


def scanned_pdf(pages: list[list[str]]) -> bytes:
    """A PDF of pictures of text: no text layer, as a scanner makes it."""
    images = [page_image(lines) for lines in pages]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", resolution=150, save_all=True,
                   append_images=images[1:])
    return buffer.getvalue()


@pytest.fixture
def write(tmp_path):
    def make(name: str, data: bytes | str) -> Path:
        path = tmp_path / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path
    return make


@pytest.fixture
def today():
    return date.today()
