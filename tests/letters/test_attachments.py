"""The representative's authority document appended after the letter."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from recordright.letters.attachments import AttachmentError, to_pdf
from recordright.letters.render import render_pdf_with_attachments
from recordright.letters.samples import sample_context


def blank_pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def photo(size=(1500, 2000), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "gray").save(out, format="JPEG" if mode == "RGB" else "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def merged() -> PdfReader:
    context = sample_context("access_request", representative="health_care_agent")
    pdf = render_pdf_with_attachments(context, [blank_pdf(2), photo()])
    return PdfReader(io.BytesIO(pdf))


def test_it_appends_every_page_of_the_attached_documents(merged, agent_letters):
    letter_pages = agent_letters["access_request"].pages
    assert len(merged.pages) == letter_pages + 2 + 1


def test_it_puts_a_photo_on_a_us_letter_page(merged):
    last = merged.pages[-1]
    assert (round(float(last.mediabox.width)), round(float(last.mediabox.height))) == (612, 792)


def test_it_keeps_the_letter_first(merged):
    assert "health care power of attorney" in merged.pages[0].extract_text()


def test_it_flattens_a_transparent_png():
    pdf = to_pdf(photo((400, 300), mode="RGBA"))
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


@pytest.mark.parametrize("data", [b"not a document", b"%PDF-1.7 broken"])
def test_it_rejects_what_is_neither_pdf_nor_image(data):
    with pytest.raises(AttachmentError):
        to_pdf(data)
