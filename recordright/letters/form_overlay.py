"""Text a form's own font cannot show, drawn on the page with fonts that can.

A form's fields usually print in Helvetica with the WinAnsi encoding: "José García" fits,
"王小明", "Мария" or "محمد" do not (pypdf would write unreadable bytes). Those values are
typeset here by WeasyPrint (Noto and DejaVu fonts, as the letters are) on a transparent page of
the form's size, in the fields' boxes, and that page is laid over the form's page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from html import escape

import weasyprint
from pypdf import PageObject, PdfReader, Transformation

FONTS = ('"Liberation Sans", "DejaVu Sans", "Noto Sans", "Noto Sans CJK SC", '
         '"Noto Sans Arabic", "Noto Color Emoji", sans-serif')


@dataclass(frozen=True)
class Box:
    """A field's box in PDF points (origin bottom left), and the text to show in it."""

    x1: float
    y1: float
    x2: float
    y2: float
    text: str


def fits_winansi(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _html(width: float, height: float, left: float, bottom: float, boxes: list[Box]) -> str:
    parts = []
    for box in boxes:
        w, h = box.x2 - box.x1, box.y2 - box.y1
        size = max(6.0, min(10.0, h * 0.62))
        parts.append(
            f'<div style="left:{box.x1 - left:.2f}pt;top:{height - (box.y2 - bottom):.2f}pt;'
            f'width:{w - 4:.2f}pt;height:{h:.2f}pt;font-size:{size:.1f}pt;'
            f'line-height:{h:.2f}pt">{escape(box.text)}</div>')
    return (f"<!doctype html><html><head><meta charset='utf-8'><style>"
            f"@page {{ size: {width:.2f}pt {height:.2f}pt; margin: 0; }}"
            f"html, body {{ margin: 0; background: transparent; }}"
            f"div {{ position: absolute; padding-left: 2pt; white-space: nowrap; "
            f"overflow: hidden; font-family: {FONTS}; color: #000; }}"
            f"</style></head><body>{''.join(parts)}</body></html>")


def draw(page: PageObject, boxes: list[Box]) -> None:
    """Lay ``boxes`` over ``page`` (in place)."""
    if not boxes:
        return
    box = page.mediabox
    left, bottom = float(box.left), float(box.bottom)
    width, height = float(box.width), float(box.height)
    pdf = weasyprint.HTML(string=_html(width, height, left, bottom, boxes)).write_pdf()
    overlay = PdfReader(io.BytesIO(pdf)).pages[0]
    page.merge_transformed_page(overlay, Transformation().translate(left, bottom))
