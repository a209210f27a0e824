"""Read, fill and flatten a records office's own PDF form (pypdf).

    check_form(data) -> FormInfo      is it a PDF we can use (on upload: a trial fill)
    read_form(data) -> FormInfo       its pages and fields
    plan(info, values) -> list[Planned]
                                      what goes in each field (or why it stays blank)
    fill(data, planned) -> bytes      the form filled in and flattened: every field's
                                      appearance drawn on its page, no fields left, so the
                                      office gets a fixed document

All in memory: nothing is written to disk. ``values`` come from
``office_forms.form_values``; which field is which, from ``office_forms.match``.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from recordright.letters import form_overlay, office_forms
from recordright.letters.attachments import AttachmentError, pdf_reader

MAX_BYTES = 10 * 1024 * 1024
MAX_FORM_PAGES = 40


class FormError(ValueError):
    """The upload is not a form that can be used; the message says why, in one sentence."""


@dataclass(frozen=True)
class FormField:
    name: str
    checkbox: bool
    on_state: str = ""  # a checkbox's "checked" appearance name, e.g. "/Yes"


@dataclass(frozen=True)
class FormInfo:
    pages: int
    fields: tuple[FormField, ...]

    @property
    def fillable(self) -> bool:
        return bool(self.fields)


@dataclass(frozen=True)
class Planned:
    """One field and what happens to it: ``value`` ("" = blank), and why (``status``)."""

    field: FormField
    key: str | None  # office_forms key, None when the name means nothing known
    value: str | bool
    status: str  # "filled" | "blank" (nothing to put) | "ssn" (left blank on purpose) | "unknown"

    @property
    def label(self) -> str:
        return str(office_forms.LABELS.get(self.key, "")) if self.key else ""


def _on_state(field: dict) -> str:
    for widget in [field, *[kid.get_object() for kid in field.get("/Kids", [])]]:
        states = widget.get("/AP", {}).get("/N", {})
        for state in getattr(states, "keys", list)():
            if state != "/Off":
                return str(state)
    return "/Yes"


def _fields(reader: PdfReader) -> tuple[FormField, ...]:
    found = []
    for name, field in (reader.get_fields() or {}).items():
        kind = field.get("/FT")
        if kind == "/Tx":
            found.append(FormField(name=name, checkbox=False))
        elif kind == "/Btn":
            flags = int(field.get("/Ff", 0))
            if flags & (1 << 15 | 1 << 16):  # radio buttons and push buttons: not filled
                continue
            found.append(FormField(name=name, checkbox=True, on_state=_on_state(field)))
    return tuple(found)


def check_form(data: bytes) -> FormInfo:
    """On upload: the form's pages and fields, and proof that it survives filling. Raises
    FormError saying what is wrong with the upload."""
    info = read_form(data)
    with _readable():
        fill(data, plan(info, {}))
    return info


def read_form(data: bytes) -> FormInfo:
    """The pages and fields of a form (checked once, on upload, by ``check_form``)."""
    if len(data) > MAX_BYTES:
        raise FormError(_("This file is larger than %(mb)s MB. Upload the office's form "
                          "as a smaller PDF.") % {"mb": MAX_BYTES // (1024 * 1024)})
    if data[:1024].lstrip()[:5] != b"%PDF-":
        raise FormError(_("This file is not a PDF. Upload the office's form as a PDF file; "
                          "a photo of a paper form can be attached to a letter instead."))
    with _readable():
        reader = pdf_reader(data)
        if len(reader.pages) > MAX_FORM_PAGES:
            raise FormError(_("This PDF has %(pages)s pages; an office's form has at most "
                              "%(max)s.") % {"pages": len(reader.pages), "max": MAX_FORM_PAGES})
        return FormInfo(pages=len(reader.pages), fields=_fields(reader))


@contextmanager
def _readable() -> Iterator[None]:
    """pypdf raises many kinds of errors on damaged files: each becomes one plain FormError."""
    try:
        yield
    except AttachmentError as exc:
        raise FormError(str(exc)) from exc
    except FormError:
        raise
    except Exception as exc:
        raise FormError(_("This PDF cannot be read; it may be damaged. Download the office's "
                          "form again and upload the new file.")) from exc


def plan(info: FormInfo, values: dict[str, str | bool]) -> list[Planned]:
    planned = []
    for field in info.fields:
        key = office_forms.match(field.name, checkbox=field.checkbox)
        if key == office_forms.SSN:
            planned.append(Planned(field, key, False if field.checkbox else "", "ssn"))
        elif key is None:
            planned.append(Planned(field, None, False if field.checkbox else "", "unknown"))
        else:
            value = values.get(key, False if field.checkbox else "")
            if field.checkbox and not isinstance(value, bool):
                value = False
            planned.append(Planned(field, key, value, "filled" if value else "blank"))
    return planned


def fill_checked(data: bytes, planned: list[Planned]) -> bytes:
    """``fill``, with a damaged form's errors as one plain FormError."""
    with _readable():
        return fill(data, planned)


def fill(data: bytes, planned: list[Planned]) -> bytes:
    """The form with the planned values, flattened: no fields remain, only what they showed."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    if "/AcroForm" not in writer._root_object or not planned:
        return _flattened_copy(writer)
    values: dict[str, str | tuple[str, str, float] | None] = {}
    boxes = _text_boxes(writer)
    overlaid: dict[str, str] = {}  # text the form's font cannot show
    for item in planned:
        if item.field.checkbox:  # drawn unticked here, ticked below
            values[item.field.name] = "/Off"
        elif item.value and not form_overlay.fits_winansi(str(item.value)):
            values[item.field.name] = ""
            overlaid[item.field.name] = str(item.value)
        elif item.value:
            values[item.field.name] = _fitted(str(item.value), boxes.get(item.field.name))
        else:  # None keeps a field as it is (blank, or the office's own pre-printed text)
            values[item.field.name] = None
    ticked = {item.field.name for item in planned if item.field.checkbox and item.value}
    with _quiet_pypdf():  # its warnings quote the values: health data stays out of the log
        writer.update_page_form_field_values(None, values, auto_regenerate=False, flatten=True)
    _draw_on_top(writer, ticked, overlaid)
    return _flattened_copy(writer)


@contextmanager
def _quiet_pypdf():
    pypdf_logger = logging.getLogger("pypdf")
    level = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        pypdf_logger.setLevel(level)


_DA_FONT = re.compile(r"/([^\s/]+)\s+([\d.]+)\s+Tf")
MIN_FONT_SIZE = 6.0


def _text_boxes(writer: PdfWriter) -> dict[str, tuple[float, str, float]]:
    """Each text field's width and its font and size (from its default appearance)."""
    default = str(writer._root_object["/AcroForm"].get("/DA", ""))
    boxes = {}
    for page in writer.pages:
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            if widget.get("/Subtype") != "/Widget":
                continue
            parent = widget.get("/Parent")
            da = str(widget.get("/DA") or (parent.get_object().get("/DA") if parent else "")
                     or default)
            found = _DA_FONT.search(da)
            if found:
                x1, _y1, x2, _y2 = (float(v) for v in widget["/Rect"])
                boxes[_qualified_name(widget)] = (abs(x2 - x1), "/" + found[1],
                                                  float(found[2]))
    return boxes


def _fitted(value: str, box: tuple[float, str, float] | None) -> str | tuple[str, str, float]:
    """A value too long for its box at the form's font size gets a smaller size (down to 6 pt;
    longer text is cut off by the box, as on paper)."""
    if box is None or not box[2]:
        return value
    width, font, size = box
    needed = len(value) * size * 0.5 + 4  # Helvetica's average width is about half its size
    if needed <= width:
        return value
    return value, font, max(MIN_FONT_SIZE, round(size * (width - 4) / (needed - 4), 1))


def _qualified_name(widget: DictionaryObject) -> str:
    parts, node = [], widget
    while node is not None:
        if "/T" in node:
            parts.append(str(node["/T"]))
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return ".".join(reversed(parts))


def _draw_on_top(writer: PdfWriter, ticked: set[str], overlaid: dict[str, str]) -> None:
    """A tick drawn as lines in each ticked box: a form's own "checked" look usually needs the
    ZapfDingbats font, which the office's printer or viewer may not have. And the text its
    font cannot show, typeset with fonts that can (``form_overlay``)."""
    if not ticked and not overlaid:
        return
    for page in writer.pages:
        marks, texts = [], []
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            name = _qualified_name(widget) if widget.get("/Subtype") == "/Widget" else ""
            if name not in ticked and name not in overlaid:
                continue
            x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
            x1, x2 = min(x1, x2), max(x1, x2)
            y1, y2 = min(y1, y2), max(y1, y2)
            if name in overlaid:
                texts.append(form_overlay.Box(x1, y1, x2, y2, overlaid[name]))
                continue
            w, h = x2 - x1, y2 - y1
            marks.append(f"q 0 G {max(1.0, min(w, h) / 8):.2f} w 1 J 1 j "
                         f"{x1 + .2 * w:.2f} {y1 + .5 * h:.2f} m {x1 + .42 * w:.2f} "
                         f"{y1 + .22 * h:.2f} l {x1 + .82 * w:.2f} {y1 + .82 * h:.2f} l S Q")
        if marks:
            overlay = PdfWriter().add_blank_page(width=page.mediabox.width,
                                                 height=page.mediabox.height)
            stream = DecodedStreamObject()
            stream.set_data("\n".join(marks).encode("ascii"))
            overlay.replace_contents(stream)
            page.merge_page(overlay)
        form_overlay.draw(page, texts)


def _flattened_copy(writer: PdfWriter) -> bytes:
    writer.remove_annotations(subtypes="/Widget")
    if "/AcroForm" in writer._root_object:
        del writer._root_object[NameObject("/AcroForm")]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
