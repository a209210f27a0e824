"""Office request forms made in the test: real AcroForm PDFs built with pypdf's objects.

``fillable_form()`` is a one-page "Authorization to release records" with the field names
records offices typically use (text fields, an SSN field, checkboxes for kinds of records and
for delivery). ``scanned_form()`` is a page of text with no fields, like a scanned paper form.
"""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

TEXT_FIELDS = (
    # (name, label printed beside it)
    ("Patient Name", "Patient name"),
    ("DOB", "Date of birth"),
    ("SSN", "Social Security No."),
    ("Address", "Street address"),
    ("City", "City"),
    ("State", "State"),
    ("Zip", "ZIP"),
    ("Phone", "Phone"),
    ("Email", "Email"),
    ("From", "Dates of service from"),
    ("To", "to"),
    ("Records Requested", "Records requested"),
    ("Purpose", "Purpose"),
    ("Rep Name", "Representative name"),
    ("Relationship", "Relationship to patient"),
    ("Date Signed", "Date"),
    ("Office Use Only", "For office use"),
)
CHECKBOXES = (
    ("Lab Results", "Lab results"),
    ("Imaging", "Imaging / X-ray reports"),
    ("Progress Notes", "Progress notes"),
    ("Entire Record", "Complete medical record"),
    ("Email Delivery", "Send by email"),
    ("Paper Copy", "Paper copy"),
)


def _stream(writer: PdfWriter, content: bytes, width: float, height: float,
            resources: DictionaryObject | None = None):
    stream = DecodedStreamObject()
    stream.set_data(content)
    stream.update({NameObject("/Type"): NameObject("/XObject"),
                   NameObject("/Subtype"): NameObject("/Form"),
                   NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0),
                                                     FloatObject(width), FloatObject(height)])})
    if resources is not None:
        stream[NameObject("/Resources")] = resources
    return writer._add_object(stream)


def _font(writer: PdfWriter):
    return writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding")}))


def _rect(x: float, y: float, w: float, h: float) -> ArrayObject:
    return ArrayObject([FloatObject(x), FloatObject(y), FloatObject(x + w), FloatObject(y + h)])


def fillable_form(title: str = "Riverside Clinic - Authorization to Release Records") -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    font = _font(writer)
    resources = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/Helv"): font})})
    page[NameObject("/Resources")] = resources
    lines = [f"BT /Helv 14 Tf 50 750 Td ({title}) Tj ET"]
    annots, fields = ArrayObject(), ArrayObject()
    y = 710
    for name, label in TEXT_FIELDS:
        lines.append(f"BT /Helv 10 Tf 50 {y + 5} Td ({label}:) Tj ET")
        field = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject(name),
            NameObject("/Rect"): _rect(200, y, 350, 18), NameObject("/F"): NumberObject(4),
            NameObject("/DA"): TextStringObject("/Helv 10 Tf 0 g"),
            NameObject("/V"): TextStringObject(""),
        })
        ref = writer._add_object(field)
        field[NameObject("/P")] = page.indirect_reference
        annots.append(ref)
        fields.append(ref)
        y -= 26
    y -= 10
    for name, label in CHECKBOXES:
        lines.append(f"BT /Helv 10 Tf 70 {y + 3} Td ({label}) Tj ET")
        on = _stream(writer, b"q 0 g BT /ZaDb 10 Tf 1 2 Td (4) Tj ET Q", 12, 12,
                     DictionaryObject({NameObject("/Font"): DictionaryObject({
                         NameObject("/ZaDb"): writer._add_object(DictionaryObject({
                             NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/ZapfDingbats")}))})}))
        off = _stream(writer, b"", 12, 12)
        field = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Btn"), NameObject("/T"): TextStringObject(name),
            NameObject("/Rect"): _rect(50, y, 12, 12), NameObject("/F"): NumberObject(4),
            NameObject("/V"): NameObject("/Off"), NameObject("/AS"): NameObject("/Off"),
            NameObject("/MK"): DictionaryObject({NameObject("/BC"): ArrayObject(
                [FloatObject(0)])}),
            NameObject("/AP"): DictionaryObject({NameObject("/N"): DictionaryObject({
                NameObject("/Yes"): on, NameObject("/Off"): off})}),
        })
        ref = writer._add_object(field)
        field[NameObject("/P")] = page.indirect_reference
        annots.append(ref)
        fields.append(ref)
        lines.append(f"0 G 0.5 w 50 {y} 12 12 re S")
        y -= 20
    page[NameObject("/Annots")] = annots
    contents = DecodedStreamObject()
    contents.set_data("\n".join(lines).encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(contents)
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({
        NameObject("/Fields"): fields,
        NameObject("/DA"): TextStringObject("/Helv 10 Tf 0 g"),
        NameObject("/DR"): DictionaryObject({NameObject("/Font"): DictionaryObject(
            {NameObject("/Helv"): font})}),
    })
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_form(title: str = "Riverside Clinic - Records Request Form") -> bytes:
    """A form without fields (as a scanned paper form is): only printed lines."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    font = _font(writer)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/Helv"): font})})
    text = [f"BT /Helv 14 Tf 50 750 Td ({title}) Tj ET",
            "BT /Helv 10 Tf 50 700 Td (Patient name: ______________________) Tj ET",
            "BT /Helv 10 Tf 50 680 Td (Date of birth: ______________) Tj ET"]
    contents = DecodedStreamObject()
    contents.set_data("\n".join(text).encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(contents)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
