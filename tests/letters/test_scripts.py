"""Names in any script print as letters, not empty boxes (issue 14.7).

A letter is rendered with Chinese, Arabic, Cyrillic and accented names and an emoji. The
text must extract, and every character must be drawn with a real glyph of an embedded font:
WeasyPrint maps each character code to a glyph (CID = glyph id, /CIDToGIDMap /Identity);
a character no font covers is mapped to glyph 0, .notdef, the empty box. ``drawn_glyphs``
reads both maps of every font in the PDF; the check is shown to catch a missing glyph with
a private-use character no font has.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from recordright.letters.render import render_pdf
from recordright.letters.samples import PATIENT, REPRESENTATIVES, sample_context

NAMES = {"Chinese": "王小明", "Arabic": "محمد الأحمد", "Cyrillic": "Иван Петров",
         "accented": "José García-Núñez", "emoji": "🌷"}
NO_FONT_HAS_IT = "\ue000"  # private use area: no installed font draws it


def _cmap_pairs(data: str, single: str, ranged: str) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for block in re.findall(rf"begin{single}(.*?)end{single}", data, re.DOTALL):
        out += [tuple(pair) for pair in re.findall(r"<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\d+)",
                                                   block)]
    for block in re.findall(rf"begin{ranged}(.*?)end{ranged}", data, re.DOTALL):
        for low, high, start in re.findall(
                r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\d+)", block):
            for offset in range(int(high, 16) - int(low, 16) + 1):
                code = f"{int(low, 16) + offset:04x}"
                if start.startswith("<"):
                    value = f"<{int(start[1:-1], 16) + offset:04x}>"
                else:
                    value = str(int(start) + offset)
                out.append((code, value))
    return out


def _unicode(value: str) -> str:
    return bytes.fromhex(value.strip("<>")).decode("utf-16-be", errors="replace")


def drawn_glyphs(pdf: bytes) -> tuple[set[str], set[str]]:
    """(characters drawn with a real glyph, characters drawn as .notdef) over all pages."""
    drawn: set[str] = set()
    missing: set[str] = set()
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            assert descendant.get("/CIDToGIDMap", "/Identity") == "/Identity"
            to_unicode = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            text_of = {int(code, 16): _unicode(value)
                       for code, value in _cmap_pairs(to_unicode, "bfchar", "bfrange")}
            encoding = font["/Encoding"]
            if encoding == "/Identity-H":
                cid_of = {code: code for code in text_of}
            else:
                cmap = encoding.get_object().get_data().decode("latin-1")
                cid_of = {int(code, 16): int(cid)
                          for code, cid in _cmap_pairs(cmap, "cidchar", "cidrange")}
            for code, text in text_of.items():
                (drawn if cid_of.get(code, 0) != 0 else missing).update(text)
    return drawn, missing - drawn


def _letter_for(name: str, kind: str = "access_request") -> bytes:
    context = sample_context(kind)
    return render_pdf(replace(context, patient=replace(PATIENT, name=name)))


@pytest.fixture(scope="module")
def letter() -> bytes:
    return _letter_for(" ".join(NAMES.values()))


@pytest.mark.parametrize("script", list(NAMES))
def test_every_character_of_the_name_has_a_glyph(letter, script):
    drawn, missing = drawn_glyphs(letter)
    chars = set(NAMES[script].replace(" ", ""))
    assert chars <= drawn, sorted(chars - drawn)
    assert not chars & missing


@pytest.mark.parametrize("script", ["Chinese", "Cyrillic", "accented", "emoji"])
def test_the_name_can_be_read_back_from_the_pdf(letter, script):
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(letter)).pages)
    assert NAMES[script] in text


def test_the_arabic_name_can_be_read_back_from_the_pdf(letter):
    # Extraction gives Arabic in visual order around the lam-alef ligature; each word is
    # there, the one without a ligature exactly.
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(letter)).pages)
    assert "محمد" in text
    assert set("الأحمد") <= set(text)


def test_the_check_catches_a_character_no_font_has():
    drawn, missing = drawn_glyphs(_letter_for(f"Jordan {NO_FONT_HAS_IT} Sample"))
    assert NO_FONT_HAS_IT in missing and NO_FONT_HAS_IT not in drawn
    assert set("JordanSample") <= drawn


def test_a_representatives_name_in_another_script_has_glyphs_too():
    agent = replace(REPRESENTATIVES["health_care_agent"], name="李华 (Li Hua)")
    context = replace(sample_context("late_notice"), representative=agent)
    drawn, missing = drawn_glyphs(render_pdf(context))
    assert set("李华") <= drawn and not missing


def _font_names(pdf: bytes) -> set[str]:
    return {str(ref.get_object()["/BaseFont"]).split("+", 1)[-1]
            for page in PdfReader(io.BytesIO(pdf)).pages
            for ref in page["/Resources"]["/Font"].values()}


def test_an_ordinary_letter_prints_in_the_letter_font_only():
    """Digits, dates and punctuation stay in Liberation Serif: a fallback font listed for
    other scripts (an emoji font has glyphs for digits) must never take them over."""
    pdf = render_pdf(sample_context("denial_reply"))
    assert {name.split("-Bold")[0].split("-Italic")[0] for name in _font_names(pdf)} == {
        "Liberation-Serif"}


def test_other_scripts_use_fonts_beside_the_letter_font_not_instead(letter):
    names = _font_names(letter)
    assert any(name.startswith("Liberation-Serif") for name in names)
    assert any("CJK" in name for name in names)
    assert any("Arabic" in name for name in names)
