"""Documents attached after a letter: a representative's authority, evidence.

Only PDF, JPEG and PNG are accepted, and only after opening them: a PDF must be complete
(it ends with ``%%EOF``), readable by pypdf, have pages and survive being copied into a new
PDF (which is what attaching it does); a picture must be a PNG or JPEG that Pillow decodes
completely, within a pixel cap, with decompression-bomb warnings treated as errors.

``problem_with(data)`` says in one sentence what is wrong (or None), for the upload form and
the letter page. A PDF is appended as it is; a photo or scan is placed on a US Letter page,
scaled to fit inside half-inch margins, upright as the camera saw it.
"""

from __future__ import annotations

import io
import warnings

from django.utils.translation import gettext as _
from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter

DPI = 150
PAGE = (int(8.5 * DPI), int(11 * DPI))  # US Letter
MARGIN = DPI // 2
IMAGE_FORMATS = ("PNG", "JPEG")
# A 50-megapixel phone photo fits; a 30,000 × 30,000 "image" (900 megapixels, gigabytes once
# decoded) does not.
MAX_PIXELS = 50_000_000
MAX_PAGES = 500


class AttachmentError(ValueError):
    """The bytes are not a PDF, JPEG or PNG that can be attached; the message says why."""


def _pdf_reader(data: bytes) -> PdfReader:
    if b"%%EOF" not in data[-2048:]:
        raise AttachmentError(_("This PDF is incomplete: its end is missing, as happens when a "
                                "download or a copy is cut off. Upload the complete file."))
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise AttachmentError(_("This PDF is protected by a password. Upload a copy "
                                    "without a password."))
        pages = len(reader.pages)
    except AttachmentError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        raise AttachmentError(_("This PDF cannot be read; it may be damaged. Save or scan the "
                                "document again and upload the new file.")) from exc
    if not pages:
        raise AttachmentError(_("This PDF has no pages."))
    if pages > MAX_PAGES:
        raise AttachmentError(_("This PDF has %(pages)s pages; up to %(max)s can be attached.")
                              % {"pages": pages, "max": MAX_PAGES})
    return reader


def _readable_pdf(data: bytes) -> bytes:
    reader = _pdf_reader(data)
    try:  # what attaching does: copy every page into a new PDF
        writer = PdfWriter()
        writer.append(reader)
        writer.write(io.BytesIO())
    except Exception as exc:
        raise AttachmentError(_("This PDF cannot be read; it may be damaged. Save or scan the "
                                "document again and upload the new file.")) from exc
    return data


def _too_many_pixels() -> str:
    return _("This picture is too large: it has more than %(megapixels)s million pixels. Upload "
             "a smaller photo or scan.") % {"megapixels": MAX_PIXELS // 1_000_000}


def _open_image(data: bytes) -> Image.Image:
    """Open and fully decode a PNG or JPEG within the pixel cap."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=IMAGE_FORMATS)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise AttachmentError(_too_many_pixels()) from exc
        except Exception as exc:
            raise AttachmentError(_("This file is not a PDF, JPEG or PNG. Upload the document "
                                    "as a PDF, or a photo or scan of it as JPEG or PNG.")) from exc
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise AttachmentError(_too_many_pixels())
        try:
            image.draft("RGB", (PAGE[0] - 2 * MARGIN, PAGE[1] - 2 * MARGIN))  # JPEG: decode small
            image.load()
            return ImageOps.exif_transpose(image)  # phone photos: honour the rotation flag
        except Exception as exc:
            raise AttachmentError(_("This picture cannot be read completely; it may be damaged. "
                                    "Take or save it again and upload the new file.")) from exc


def image_to_pdf(data: bytes) -> bytes:
    image = _open_image(data)
    if image.mode in ("RGBA", "LA", "P", "PA"):
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


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip()[:5] == b"%PDF-"


def to_pdf(data: bytes) -> bytes:
    """The attachment as PDF pages. Raises AttachmentError, saying what is wrong."""
    if is_pdf(data):
        return _readable_pdf(data)
    return image_to_pdf(data)


def problem_with(data: bytes) -> str | None:
    """What is wrong with ``data`` as an attachment, in one sentence, or None."""
    try:
        if is_pdf(data):
            _readable_pdf(data)
        else:
            _open_image(data)
    except AttachmentError as exc:
        return str(exc)
    return None


def merge_pdfs(parts: list[bytes]) -> bytes:
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


pdf_reader = _pdf_reader  # the same checks for a records office's own form (form_filling)
