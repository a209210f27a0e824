"""What every C-CDA entry reader shares: the document context and small lookups."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from lxml import etree

from recordright.vault.ccda.codes import clean, element_text, label
from recordright.vault.ccda.sections import template_roots
from recordright.vault.ccda.xmlsafe import V3
from recordright.vault.parsed import ParsedEntry

T = "2.16.840.1.113883.10.20.22.4."   # C-CDA entry templates
CCD1 = "2.16.840.1.113883.10.20.1."   # CCD 1.0 entry templates


# Observations that qualify a problem or an allergy rather than state one: status, severity,
# reaction, comment, criticality, age, health status, priority, date of diagnosis.
AUXILIARY = frozenset({
    T + "6", T + "28", T + "8", T + "9", T + "64", T + "145", T + "31", T + "5", T + "143",
    T + "502", T + "119", CCD1 + "50", CCD1 + "39", CCD1 + "57", CCD1 + "55", CCD1 + "54",
    CCD1 + "40", CCD1 + "38", CCD1 + "41", CCD1 + "51",
})


def auxiliary(el: etree._Element) -> bool:
    return any(r in AUXILIARY for r in template_roots(el))


@dataclass(slots=True)
class Ctx:
    refs: Mapping[str, str]       # narrative ID -> text, for originalText/reference
    provider: str = ""            # the document's custodian / author organisation
    document_date: date | None = None
    section_title: str = ""


Reader = Callable[[etree._Element, Ctx], list[ParsedEntry]]


def q(path: str) -> str:
    """A relative path in the HL7 v3 namespace: q("consumable/manufacturedProduct")."""
    return "/".join(f"{{{V3}}}{p}" for p in path.split("/"))


def find(el: etree._Element, path: str) -> etree._Element | None:
    return el.find(q(path))


def iterfind(el: etree._Element, path: str) -> Iterator[etree._Element]:
    return el.iterfind(q(path))


def statements(el: etree._Element, path: str = "entryRelationship") -> Iterator[etree._Element]:
    """Clinical statements under entryRelationship (or component) children."""
    for rel in iterfind(el, path):
        for child in rel:
            if isinstance(child.tag, str) and child.tag.startswith(f"{{{V3}}}") and \
                    etree.QName(child).localname in _STATEMENTS:
                yield child


_STATEMENTS = {"observation", "act", "substanceAdministration", "supply", "procedure",
               "encounter", "organizer", "regionOfInterest", "observationMedia"}


def has_template(el: etree._Element, *roots: str) -> bool:
    mine = template_roots(el)
    return any(r in mine for r in roots)


def entry_key(el: etree._Element) -> str:
    """How an entry is counted: its first templateId root, else its element name."""
    roots = template_roots(el)
    return roots[0] if roots else f"{etree.QName(el).localname} (no templateId)"


def source_ref(el: etree._Element) -> str:
    ident = find(el, "id")
    if ident is not None and (ident.get("root") or ident.get("extension")):
        ext = ident.get("extension")
        return f"{ident.get('root', '')}^{ext}" if ext else ident.get("root", "")
    return entry_key(el)


def status_of(el: etree._Element) -> str:
    status = find(el, "statusCode")
    return (status.get("code") or "") if status is not None else ""


def negated(el: etree._Element) -> bool:
    return (el.get("negationInd") or "").lower() == "true"


def narrative_text(el: etree._Element, ctx: Ctx) -> str:
    """The statement's own <text>, following a reference into the section narrative."""
    text = find(el, "text")
    if text is None:
        return ""
    ref = find(text, "reference")
    if ref is not None:
        resolved = ctx.refs.get((ref.get("value") or "").lstrip("#"), "")
        if resolved:
            return resolved
    return element_text(text)


def person_name(el: etree._Element | None) -> str:
    if el is None:
        return ""
    parts = [clean(p.text) for p in el if isinstance(p.tag, str) and
             etree.QName(p).localname in ("prefix", "given", "family", "suffix") and p.text]
    # Some exports write a missing middle name as the word "null".
    return " ".join(p for p in parts if p and p.lower() != "null") or element_text(el)


def entity_name(entity: etree._Element | None) -> str:
    """A name from an assignedEntity / assignedAuthor: the person, else the organisation."""
    if entity is None:
        return ""
    person = find(entity, "assignedPerson/name")
    name = person_name(person)
    if name:
        return name
    org = find(entity, "representedOrganization/name")
    return element_text(org)


def performer(el: etree._Element, ctx: Ctx) -> str:
    for path in ("performer/assignedEntity", "author/assignedAuthor"):
        name = entity_name(find(el, path))
        if name:
            return name
    return ctx.provider


def severity_and_reactions(el: etree._Element, ctx: Ctx) -> tuple[list[str], list[str]]:
    """Reaction (4.9) and severity (4.8) observations under an allergy or medication."""
    reactions: list[str] = []
    severities: list[str] = []
    for obs in el.iter(f"{{{V3}}}observation"):
        if obs is el:
            continue
        if has_template(obs, T + "9", CCD1 + "54"):
            name = label(find(obs, "value"), ctx.refs) or narrative_text(obs, ctx)
            if name and name not in reactions:
                reactions.append(name)
        elif has_template(obs, T + "8", CCD1 + "55"):
            name = label(find(obs, "value"), ctx.refs) or narrative_text(obs, ctx)
            if name and name not in severities:
                severities.append(name)
    return reactions, severities
