"""The three files of issue 9.5 that broke every letter, built without big allocations."""

from __future__ import annotations

import io
import struct
import zlib

from pypdf import PdfWriter


def text_named_pdf() -> bytes:
    return b"Dear records office,\nthis is a plain text file saved with a .pdf name.\n"


def real_pdf(pages: int = 2) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    writer.add_metadata({"/Title": "Synthetic power of attorney " + "x" * 2000})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated_pdf() -> bytes:
    data = real_pdf()
    return data[: int(len(data) * 0.6)]


def _chunk(kind: bytes, body: bytes) -> bytes:
    return (struct.pack(">I", len(body)) + kind + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))


def huge_png(side: int = 30_000) -> bytes:
    """A valid 1-bit PNG of side × side pixels (900 megapixels, ~100 KB compressed)."""
    row = b"\x00" + b"\xff" * ((side + 7) // 8)
    compressor = zlib.compressobj(1)
    block = row * 1000
    parts = [compressor.compress(block) for _ in range(side // 1000)]
    parts += [compressor.compress(row * (side % 1000)), compressor.flush()]
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", b"".join(parts)) + _chunk(b"IEND", b""))


def small_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(out, format="PNG")
    return out.getvalue()


def small_jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(out, format="JPEG")
    return out.getvalue()
