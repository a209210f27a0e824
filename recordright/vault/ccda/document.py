"""parse_ccda: a C-CDA document (R1.1 / R2.1, and CCD 1.0 as vendors still send it) turned
into a ParsedDocument."""

from __future__ import annotations

import base64
import binascii
import zlib

from lxml import etree

from recordright.vault.ccda import readers
from recordright.vault.ccda.codes import clean, codes_of, element_text
from recordright.vault.ccda.readers.common import Ctx, entity_name, find, person_name, q
from recordright.vault.ccda.readers.observations import component_count
from recordright.vault.ccda.references import referenced_documents
from recordright.vault.ccda.sections import (
    STRUCTURED,
    Section,
    iter_sections,
    narrative,
    says_nothing,
    subtree_narrative,
    template_roots,
)
from recordright.vault.ccda.values import effective_dates, parse_ts
from recordright.vault.ccda.xmlsafe import V3, load
from recordright.vault.errors import UnreadableDocument
from recordright.vault.parsed import EmbeddedDocument, ParsedDocument, ParsedEntry, Referenced

# A section's nullFlavor in words: "no information" is not "none".
_NULL_FLAVORS = {"NI": "No information.", "UNK": "Unknown.", "ASKU": "Asked but unknown.",
                 "NASK": "Not asked.", "NA": "Not applicable.", "MSK": "Withheld by the sender.",
                 "NAV": "Not available yet."}
_MEDIA_EXT = {"application/pdf": "pdf", "text/plain": "txt", "text/rtf": "rtf",
              "image/jpeg": "jpg", "image/png": "png", "image/tiff": "tiff",
              "text/html": "html"}


def _references(root: etree._Element) -> dict[str, str]:
    """Every narrative element with an ID, as text, for originalText/reference lookups."""
    refs: dict[str, str] = {}
    for el in root.iter():
        ident = el.get("ID") if isinstance(el.tag, str) else None
        if ident:
            refs[ident] = element_text(el)
    return refs


def _header(root: etree._Element, doc: ParsedDocument) -> None:
    code = find(root, "code")
    doc.title = clean(root.findtext(q("title"))) or (
        clean(code.get("displayName")) if code is not None else "")
    et = find(root, "effectiveTime")
    doc.date = parse_ts(et.get("value")) if et is not None else None
    org = find(root, "custodian/assignedCustodian/representedCustodianOrganization/name")
    doc.provider = element_text(org) or entity_name(find(root, "author/assignedAuthor"))
    doc.patient_name = person_name(find(root, "recordTarget/patientRole/patient/name"))


def _statement(entry: etree._Element) -> etree._Element | None:
    for child in entry:
        if isinstance(child.tag, str) and child.tag.startswith(f"{{{V3}}}"):
            return child
    return None


def _read_entry(stmt: etree._Element, section: Section, ctx: Ctx,
                doc: ParsedDocument) -> None:
    key = readers.entry_key(stmt)
    roots = template_roots(stmt)
    reader = next((readers.BY_TEMPLATE[r] for r in roots if r in readers.BY_TEMPLATE), None)
    if reader is None:
        reader = readers.BY_SECTION.get(section.kind) if section.kind in STRUCTURED else None
    try:
        found = reader(stmt, ctx) if reader else []
    except (AttributeError, TypeError, ValueError, KeyError, IndexError):
        found = []       # an entry shaped against the templates: counted as unmapped
    if not found:
        doc.unmapped[key] += 1
        return
    doc.mapped[key] += 1
    doc.entries.extend(found)
    if etree.QName(stmt).localname == "organizer":
        missing = component_count(stmt) - len(found)
        if missing > 0:
            doc.unmapped[f"component of {key}"] += missing


def _section_note(section: Section, ctx: Ctx) -> ParsedEntry | None:
    text = subtree_narrative(section.element)
    if not text:
        return None
    subsections = section.element.findall(q("component/section"))
    if not subsections and says_nothing(section.element, section.title):
        return None      # "No Instructions Recorded": kept in section_texts, not a note
    code = find(section.element, "code")
    return ParsedEntry(category="notes", title=section.title or "Note", date=ctx.document_date,
                       codes=codes_of(code), provider=ctx.provider,
                       source_ref=f"section: {section.title}", text=text)


def _structured(body: etree._Element, ctx: Ctx, doc: ParsedDocument) -> None:
    for section in iter_sections(body):
        el = section.element
        ctx.section_title = section.title
        text = narrative(find(el, "text"))
        if el.get("nullFlavor"):
            said = _NULL_FLAVORS.get(el.get("nullFlavor", "").upper(), "No information.")
            doc.section_texts.append((section.title, text or said))
        elif text:
            doc.section_texts.append((section.title, text))
        entries = [s for s in (_statement(e) for e in el.iterfind(q("entry"))) if s is not None]
        for stmt in entries:
            _read_entry(stmt, section, ctx, doc)
        narrative_only = not entries and not el.get("nullFlavor")
        if narrative_only and section.depth == 0 and section.kind not in STRUCTURED:
            note = _section_note(section, ctx)
            if note:
                doc.entries.append(note)


MAX_EMBEDDED_BYTES = 512 << 20


def _inflate(data: bytes, compression: str) -> bytes:
    """Undo the ED compression a sender may apply (DF deflate, GZ gzip, ZL zlib), bounded."""
    if compression not in ("DF", "GZ", "ZL"):
        return data
    wbits = {"DF": -zlib.MAX_WBITS, "GZ": 16 + zlib.MAX_WBITS, "ZL": zlib.MAX_WBITS}[compression]
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(data, MAX_EMBEDDED_BYTES)
    except zlib.error:
        raise UnreadableDocument(
            "The document carried inside this C-CDA file is damaged (it does not decompress)."
        ) from None
    if inflater.unconsumed_tail:
        raise UnreadableDocument("The document carried inside this C-CDA file is too large.")
    return out


def _safe_name(title: str) -> str:
    """A file name from a title: no path separators or control characters."""
    return "".join(c if c.isprintable() and c not in '/\\:' else " " for c in title).strip()[:120]


def _non_xml(body: etree._Element, doc: ParsedDocument) -> None:
    text = find(body, "text")
    if text is None:
        doc.unmapped["nonXMLBody (empty)"] += 1
        return
    media = text.get("mediaType") or "text/plain"
    ref = find(text, "reference")
    if ref is not None and not clean(text.text):
        doc.unmapped["nonXMLBody (external reference)"] += 1
        doc.section_texts.append((doc.title, "The document refers to a file kept elsewhere: "
                                  f"{ref.get('value', '')}"))
        if clean(ref.get("value")) and not clean(ref.get("value")).startswith("#"):
            doc.references.append(Referenced(name=clean(ref.get("value")),
                                             description=doc.title))
        return
    if (text.get("representation") or "").upper() == "B64":
        try:
            data = base64.b64decode("".join((text.text or "").split()), validate=True)
        except (binascii.Error, ValueError):
            raise UnreadableDocument(
                "The document carried inside this C-CDA file is damaged (not valid base64)."
            ) from None
        data = _inflate(data, (text.get("compression") or "").upper())
        name = f"{_safe_name(doc.title) or 'document'}.{_MEDIA_EXT.get(media, 'bin')}"
        doc.attachments.append(EmbeddedDocument(name=name, media_type=media, data=data,
                                                date=doc.date))
        doc.mapped["nonXMLBody"] += 1
        return
    body_text = element_text(text)
    if body_text:
        doc.section_texts.append((doc.title, body_text))
        doc.entries.append(ParsedEntry(category="notes", title=doc.title or "Document",
                                       date=doc.date, provider=doc.provider, text=body_text,
                                       source_ref="nonXMLBody"))
        doc.mapped["nonXMLBody"] += 1


def parse_ccda(data: bytes) -> ParsedDocument:
    """Read a C-CDA document. Raises UnreadableDocument with a plain message when the file is
    not a readable C-CDA document (malformed, hostile, or some other XML)."""
    root = load(data)
    doc = ParsedDocument(kind="ccda")
    _header(root, doc)
    service = find(root, "documentationOf/serviceEvent")
    service_date = effective_dates(service)[0] if service is not None else None
    refs = _references(root)
    ctx = Ctx(refs=refs, provider=doc.provider, document_date=service_date or doc.date)
    doc.references.extend(referenced_documents(root, refs))
    structured = find(root, "component/structuredBody")
    non_xml = find(root, "component/nonXMLBody")
    if structured is not None:
        _structured(structured, ctx, doc)
    elif non_xml is not None:
        _non_xml(non_xml, doc)
    else:
        raise UnreadableDocument("This C-CDA document has no body (no sections, no document).")
    return doc
