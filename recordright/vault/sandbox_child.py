"""The child side of ``sandbox``: reads a file from standard input, answers JSON.

``python -m recordright.vault.sandbox_child pdf|image``. Runs under the limits the parent
set; never imports Django. Progress goes to standard error as ``progress DONE TOTAL``.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import warnings

# A page with fewer characters than this in its text layer is treated as scanned.
MIN_TEXT_CHARS = 20
MAX_PAGES = 2000
MAX_IMAGE_PIXELS = 60_000_000  # ~ a 600 dpi letter page is 34 M
IMAGE_FORMATS = ["JPEG", "PNG", "TIFF"]


class Refused(Exception):
    """The file cannot be read; the message is for people."""


def _progress(done: int, total: int) -> None:
    print(f"progress {done} {total}", file=sys.stderr, flush=True)


def _text_layer(data: bytes) -> tuple[int, list[str]]:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise Refused("This PDF is protected by a password, so it cannot be read. Save an "
                          "unprotected copy (print it to PDF) and import that.") from exc
        raise Refused("This file says it is a PDF but cannot be read as one: it may be "
                      "damaged or cut short.") from exc
    pages = len(pdf)
    if pages == 0:
        raise Refused("This PDF has no pages.")
    if pages > MAX_PAGES:
        raise Refused(f"This PDF has {pages} pages; the vault reads at most {MAX_PAGES}.")
    texts = []
    for index in range(pages):
        textpage = pdf[index].get_textpage()
        texts.append(textpage.get_text_range().replace("\r\n", "\n"))
    pdf.close()
    return pages, texts


def _ocr_pages(data: bytes, page_numbers: list[int]) -> list[str]:
    """OCR the given (1-based) pages with OCRmyPDF, without Ghostscript (research/vault.md):
    pypdfium2 rasterises, Tesseract reads, the text comes back as a sidecar in memory."""
    import ocrmypdf

    sidecar = io.BytesIO()
    ocrmypdf.ocr(io.BytesIO(data), io.BytesIO(), language=["eng"], output_type="pdf",
                 sidecar=sidecar, pages=",".join(str(number) for number in page_numbers),
                 force_ocr=True, rasterizer="pypdfium", jobs=1, progress_bar=False,
                 tesseract_timeout=120, max_image_mpixels=MAX_IMAGE_PIXELS / 1e6)
    # One text per page, separated by form feeds; skipped pages say so.
    texts = sidecar.getvalue().decode("utf-8", "replace").split("\f")
    return [texts[number - 1] if number - 1 < len(texts) else "" for number in page_numbers]


def read_pdf(data: bytes) -> dict:
    pages, texts = _text_layer(data)
    scanned = [index + 1 for index, text in enumerate(texts) if len(text.strip()) < MIN_TEXT_CHARS]
    _progress(pages - len(scanned), pages)
    ocr_used = False
    if scanned:
        for number, text in zip(scanned, _ocr_pages(data, scanned), strict=True):
            texts[number - 1] = text.strip()
        ocr_used = True
        _progress(pages, pages)
    return {"pages": pages, "texts": texts, "ocr_pages": scanned if ocr_used else []}


def _tesseract(png: bytes) -> str:
    result = subprocess.run(["tesseract", "stdin", "stdout", "-l", "eng"], input=png,
                            capture_output=True, timeout=300, check=False)
    if result.returncode != 0:
        raise Refused("The text in this picture could not be read.")
    return result.stdout.decode("utf-8", "replace")


def read_image(data: bytes) -> dict:
    from PIL import Image

    warnings.simplefilter("error", Image.DecompressionBombWarning)
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        image = Image.open(io.BytesIO(data), formats=IMAGE_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise Refused("This picture is too large to read (more than "
                      f"{MAX_IMAGE_PIXELS // 1_000_000} million pixels).") from exc
    except (OSError, ValueError) as exc:
        raise Refused("This picture is damaged or in a format the vault cannot read.") from exc
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        raise Refused(f"This picture is too large to read ({width:,} × {height:,} pixels; "
                      f"the limit is {MAX_IMAGE_PIXELS // 1_000_000} million pixels).")
    frames = getattr(image, "n_frames", 1)
    if frames > MAX_PAGES:
        raise Refused(f"This picture has {frames} pages; the vault reads at most {MAX_PAGES}.")
    texts = []
    for index in range(frames):
        image.seek(index)
        buffer = io.BytesIO()
        try:
            image.convert("L").save(buffer, format="PNG")
        except (OSError, ValueError) as exc:
            raise Refused("This picture is damaged and cannot be read.") from exc
        texts.append(_tesseract(buffer.getvalue()).strip())
        _progress(index + 1, frames)
    return {"pages": frames, "texts": texts, "ocr_pages": list(range(1, frames + 1))}


TASKS = {"pdf": read_pdf, "image": read_image}


def main() -> int:
    task = TASKS[sys.argv[1]]
    data = sys.stdin.buffer.read()
    try:
        answer = task(data)
    except Refused as exc:
        answer = {"error": str(exc)}
    except MemoryError:
        answer = {"error": "Reading this file needed more memory than allowed, so it was "
                           "stopped."}
    except Exception as exc:  # noqa: BLE001 - any library failure is one unreadable file
        answer = {"error": "This file could not be read: it may be damaged. "
                           f"({type(exc).__name__})"}
    sys.stdout.buffer.write(json.dumps(answer).encode())
    sys.stdout.flush()
    os._exit(0)  # no cleanup handlers: nothing else to write


if __name__ == "__main__":
    main()
