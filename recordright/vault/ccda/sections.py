"""C-CDA sections: which kind each is (templateId root, LOINC code as fallback), and the
human-readable narrative (<text>) as plain text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from recordright.vault.ccda.codes import clean
from recordright.vault.ccda.xmlsafe import V3

_P = "2.16.840.1.113883.10.20.22.2."   # C-CDA section templates
_C = "2.16.840.1.113883.10.20.1."      # CCD 1.0 section templates


@dataclass(frozen=True, slots=True)
class SectionKind:
    name: str                       # a category from parsed.CATEGORIES, or another section name
    templates: frozenset[str]
    loinc: frozenset[str]


def _kind(name: str, templates: list[str], loinc: list[str]) -> SectionKind:
    return SectionKind(name, frozenset(templates), frozenset(loinc))


# Sections whose entries become clinical entries. R1.1 ids ("entries optional") and R2.1 ids
# ("entries required", the same root plus ".1"), CCD 1.0 ids, and the LOINC codes.
SECTION_KINDS: tuple[SectionKind, ...] = (
    _kind("allergies", [_P + "6", _P + "6.1", _C + "2"], ["48765-2"]),
    _kind("medications", [_P + "1", _P + "1.1", _C + "8", _P + "38", _P + "11", _P + "11.1",
                          _P + "44"], ["10160-0", "29549-3", "10183-2", "75311-1", "42346-7"]),
    _kind("problems", [_P + "5", _P + "5.1", _C + "11", _P + "20", _P + "43", _P + "24",
                       _P + "34", _P + "35"],
          ["11450-4", "11348-0", "42347-5", "46241-6", "11535-2", "78375-3", "10219-4",
           "10218-6"]),
    _kind("results", [_P + "3", _P + "3.1", _C + "14"], ["30954-2"]),
    _kind("vitals", [_P + "4", _P + "4.1", _C + "16"], ["8716-3"]),
    _kind("immunizations", [_P + "2", _P + "2.1", _C + "6"], ["11369-6"]),
    _kind("procedures", [_P + "7", _P + "7.1", _C + "12"], ["47519-4"]),
    _kind("encounters", [_P + "22", _P + "22.1", _C + "3"], ["46240-8"]),
    _kind("notes", [_P + "65"], ["11488-4", "28570-0", "34109-9", "18842-5"]),
)
_BY_TEMPLATE = {t: k for k in SECTION_KINDS for t in k.templates}
_BY_LOINC = {c: k for k in SECTION_KINDS for c in k.loinc}
STRUCTURED = frozenset(k.name for k in SECTION_KINDS) - {"notes"}


@dataclass(slots=True)
class Section:
    element: etree._Element
    title: str
    kind: str                # "" when the section is none of SECTION_KINDS
    depth: int


def template_roots(el: etree._Element) -> list[str]:
    return [t.get("root", "") for t in el.iterfind(f"{{{V3}}}templateId") if t.get("root")]


def section_kind(section: etree._Element) -> str:
    for root in template_roots(section):
        if root in _BY_TEMPLATE:
            return _BY_TEMPLATE[root].name
    code = section.find(f"{{{V3}}}code")
    if code is not None and code.get("code") in _BY_LOINC:
        return _BY_LOINC[code.get("code")].name
    return ""


def section_title(section: etree._Element) -> str:
    title = clean("".join(section.findtext(f"{{{V3}}}title") or ""))
    if title:
        return title
    code = section.find(f"{{{V3}}}code")
    return clean(code.get("displayName")) if code is not None else ""


def iter_sections(body: etree._Element) -> Iterator[Section]:
    """Every section of a structuredBody, nested ones after their parent. A nested section
    without a kind of its own inherits its parent's."""
    def walk(parent: etree._Element, depth: int, inherited: str) -> Iterator[Section]:
        for sec in parent.iterfind(f"{{{V3}}}component/{{{V3}}}section"):
            kind = section_kind(sec) or inherited
            yield Section(sec, section_title(sec), kind, depth)
            yield from walk(sec, depth + 1, kind)
    yield from walk(body, 0, "")


_BLOCKS = {"paragraph", "item", "tr", "caption", "list", "table", "thead", "tbody", "tfoot",
           "br"}
_CELLS = {"td", "th"}
_HEADINGS = {"thead", "th", "caption"}
# What vendors write in a section that has nothing in it.
_NOTHING = re.compile(
    r"^(unknown|none|n/?a|not applicable|not available|no information|no data|nothing|"
    r"no\b.{0,80}\b(recorded|indicated|documented|available|reported|on file)|"
    r".{0,80}excluded/not available)[.!]?$", re.IGNORECASE)


def says_nothing(section: etree._Element, title: str) -> bool:
    """Whether a narrative only says there is nothing ("No Instructions Recorded",
    "Reason For Visit excluded/not available", a table whose only row is "Unknown")."""
    text = narrative(section.find(f"{{{V3}}}text"), headers=False)
    lines = [line for line in text.splitlines()
             if line.strip() and line.strip().lower() != title.strip().lower()]
    cells = [cell.strip() for line in lines for cell in line.split("|") if cell.strip()]
    return all(_NOTHING.match(cell) for cell in cells)


def narrative(el: etree._Element | None, headers: bool = True) -> str:
    """A section's <text> as plain text: table rows and list items on their own lines, cells
    separated by " | ". ``headers=False`` leaves out table headings and captions."""
    if el is None:
        return ""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = clean(" ".join(current)).strip(" |")
        if line:
            lines.append(line)
        current.clear()

    def walk(node: etree._Element) -> None:
        name = etree.QName(node).localname if isinstance(node.tag, str) else ""
        if not headers and name in _HEADINGS:
            return
        if name in _BLOCKS:
            flush()
        if name in _CELLS and current:
            current.append("|")
        if node.text and name:
            current.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                current.append(child.tail)
        if name in _BLOCKS:
            flush()

    walk(el)
    flush()
    return "\n".join(lines)


def subtree_narrative(section: etree._Element) -> str:
    """The section's text followed by each nested section's title and text."""
    parts = [narrative(section.find(f"{{{V3}}}text"))]
    for sub in section.iterfind(f"{{{V3}}}component/{{{V3}}}section"):
        body = subtree_narrative(sub)
        title = section_title(sub)
        if body or title:
            parts.append(f"{title}: {body}" if title and body and "\n" not in body
                         else "\n".join(p for p in (title, body) if p))
    return "\n".join(p for p in parts if p)
