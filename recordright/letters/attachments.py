"""Documents attached after a letter: a representative's authority, evidence.

A PDF is appended as it is; a photo or scan (PNG, JPEG, ...) is placed on a US
Letter page, scaled to fit inside half-inch margins, upright as the camera saw it.
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

DPI = 150
PAGE = (int(8.5 * DPI), int(11 * DPI))  # US Letter
MARGIN = DPI // 2


class AttachmentError(ValueError):
    """The bytes are neither a readable PDF nor an image."""


def _readable_pdf(data: bytes) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise AttachmentError("The PDF is password-protected.")
        if not reader.pages:
            raise AttachmentError("The PDF has no pages.")
    except (PdfReadError, ValueError, KeyError) as exc:
        if isinstance(exc, AttachmentError):
            raise
        raise AttachmentError("The PDF cannot be read.") from exc
    return data


def image_to_pdf(data: bytes) -> bytes:
    try:
        image = Image.open(io.BytesIO(data))
        image = ImageOps.exif_transpose(image)  # phone photos: honour the rotation flag
    except (UnidentifiedImageError, OSError) as exc:
        raise AttachmentError("The file is neither a PDF nor an image.") from exc
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    else:
        image = image.convert("RGB")
    box = (PAGE[0] - 2 * MARGIN, PAGE[1] - 2 * MARGIN)
    image.thumbnail(box, Image.Resampling.LANCZOS)  # only ever shrinks
    page = Image.new("RGB", PAGE, "white")
    page.paste(image, ((PAGE[0] - image.width) // 2, MARGIN))
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=DPI)
    return out.getvalue()


def to_pdf(data: bytes) -> bytes:
    if data.lstrip()[:5] == b"%PDF-":
        return _readable_pdf(data)
    return image_to_pdf(data)


def merge_pdfs(parts: list[bytes]) -> bytes:
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
