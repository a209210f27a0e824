"""Letters rendered once per test session: WeasyPrint takes ~0.15 s a letter."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from recordright.letters.registry import all_kinds
from recordright.letters.render import render_pdf
from recordright.letters.samples import sample_context


@dataclass
class Rendered:
    pdf: bytes
    reader: PdfReader

    @cached_property
    def text(self) -> str:
        """All pages' text with whitespace collapsed, so line breaks do not split phrases."""
        raw = " ".join(page.extract_text() for page in self.reader.pages)
        return " ".join(raw.split())

    @property
    def pages(self) -> int:
        return len(self.reader.pages)


def render(context) -> Rendered:
    pdf = render_pdf(context)
    return Rendered(pdf, PdfReader(io.BytesIO(pdf)))


@pytest.fixture(scope="session")
def letters() -> dict[str, Rendered]:
    """Every kind, written by the patient."""
    return {kind.id: render(sample_context(kind.id)) for kind in all_kinds()}


@pytest.fixture(scope="session")
def agent_letters() -> dict[str, Rendered]:
    """Every kind, written by the patient's health care agent."""
    return {kind.id: render(sample_context(kind.id, representative="health_care_agent"))
            for kind in all_kinds()}


def save_pngs(name: str, pdf: bytes) -> list[Path]:
    """Render pages to PNG under $LETTERS_PNG_DIR (to look at them), or a temp dir."""
    folder = Path(os.environ.get("LETTERS_PNG_DIR", "/tmp/recordright-letters-png"))
    folder.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(pdf)
    paths = []
    try:
        for number in range(len(document)):
            path = folder / f"{name}-p{number + 1}.png"
            document[number].render(scale=1.2).to_pil().save(path)
            paths.append(path)
    finally:
        document.close()
    return paths


@pytest.fixture(scope="session")
def signature_png() -> bytes:
    """A synthetic squiggle with a transparent background, like the canvas makes."""
    from PIL import Image, ImageDraw
    image = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).line([(20 + 9 * i, 100 + (-1) ** i * 30) for i in range(60)],
                               fill=(16, 16, 64, 255), width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
