"""A C-CDA document as readable HTML: its title, then each section's heading and its
human-readable text, the narrative's tables and lists kept. Only a handful of plain HTML
elements are written, every text is escaped, and attributes, links and styles of the
source are dropped: a hostile document cannot put markup or script on the page."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from lxml import etree

from recordright.filestore import store
from recordright.vault.ccda import xmlsafe
from recordright.vault.models import Document

V3 = "{urn:hl7-org:v3}"
MAX_BYTES = 50 * 2**20
TAGS = {"paragraph": "p", "content": "span", "table": "table", "thead": "thead",
        "tbody": "tbody", "tfoot": "tfoot", "tr": "tr", "td": "td", "th": "th",
        "caption": "caption", "item": "li", "br": "br", "sub": "sub", "sup": "sup",
        "linkHtml": "span", "footnote": "small"}
MAX_DEPTH = 40


@dataclass
class Section:
    title: str
    html: SafeString
    depth: int


def _local(element: etree._Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.removeprefix(V3)


def narrative_html(element: etree._Element | None, depth: int = 0) -> str:
    if element is None or depth > MAX_DEPTH:
        return ""
    parts = [escape(element.text or "")]
    for child in element:
        name = _local(child)
        if name == "list":
            tag = "ol" if child.get("listType") == "ordered" else "ul"
        elif name == "th":
            tag = "th"
        else:
            tag = TAGS.get(name, "")
        inner = narrative_html(child, depth + 1)
        if tag == "br":
            parts.append("<br>")
        elif tag == "th":
            parts.append(f'<th scope="col">{inner}</th>')
        elif tag:
            parts.append(f"<{tag}>{inner}</{tag}>")
        else:
            parts.append(inner)
        parts.append(escape(child.tail or ""))
    return "".join(parts)


def _sections(parent: etree._Element, depth: int) -> list[Section]:
    found = []
    for component in parent.findall(f"{V3}component"):
        section = component.find(f"{V3}section")
        if section is None:
            continue
        title = "".join(section.findtext(f"{V3}title") or "").strip()
        if not title:
            code = section.find(f"{V3}code")
            title = (code.get("displayName") if code is not None else "") or "Section"
        text = narrative_html(section.find(f"{V3}text"))
        if section.get("nullFlavor") and not text.strip():
            text = escape("No information.")
        found.append(Section(title, mark_safe(text), depth))  # noqa: S308 - escaped above
        found.extend(_sections(section, depth + 1))
    return found


def render(document: Document) -> tuple[str, list[Section]]:
    """(document title, sections) of a stored C-CDA; raises UnreadableDocument."""
    with store.open_plain(document.stored_name) as reader:
        data = reader.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return document.title or document.original_name, []
    root = xmlsafe.load(data)
    title = (root.findtext(f"{V3}title") or document.title or document.original_name).strip()
    body = root.find(f"{V3}component/{V3}structuredBody")
    return title, _sections(body, 0) if body is not None else []
