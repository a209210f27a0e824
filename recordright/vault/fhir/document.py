"""parse_fhir: a FHIR file (Bundle, single resource, NDJSON, gzipped or not) read into a
ParsedDocument: every resource counted by type, each mapped to an entry or counted unmapped.

The resource dicts are dropped as soon as they are read, and the cyclic GC is paused during
the loop (a large export otherwise makes each collection rescan the growing heap).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from recordright.vault.fhir.clinical import relative_reference
from recordright.vault.fhir.codes import text, to_date
from recordright.vault.fhir.documents import attachments, references
from recordright.vault.fhir.normalise import normalise
from recordright.vault.fhir.reading import Source, iter_resources
from recordright.vault.parsed import ParsedDocument, ParsedEntry

# What a resource shaped against the spec ("code": "x" where an object belongs) raises in the
# plain-dict readers: such a resource is counted unmapped, never fails the whole file.
SHAPE_ERRORS = (AttributeError, TypeError, ValueError, KeyError, IndexError)


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _human_name(resource: dict) -> str:
    for name in resource.get("name") or ():
        if isinstance(name, dict):
            if name.get("text"):
                return name["text"]
            given = name.get("given") or []
            family = name.get("family") or ""
            if isinstance(family, list):      # DSTU2: family is a list
                family = " ".join(family)
            return " ".join([*given, family]).strip()
    return ""


def _medication_keys(resource: dict) -> list[str]:
    keys = [f"Medication/{resource.get('id', '')}", f"#{resource.get('id', '')}"]
    if resource.get("id"):
        keys.append(f"urn:uuid:{resource['id']}")
    return keys


def _unresolved_medication(resource: dict, medications: dict[str, str]) -> str:
    ref = resource.get("medicationReference")
    target = ref.get("reference") if isinstance(ref, dict) else None
    if not isinstance(target, str):
        return ""
    return relative_reference(target) if target.startswith("http") else target


def _note_header(doc: ParsedDocument, resource: dict) -> None:
    kind = resource.get("resourceType")
    if kind == "Patient" and not doc.patient_name:
        doc.patient_name = _human_name(resource)
    elif kind == "Organization" and not doc.provider:
        doc.provider = resource.get("name") or ""
    elif kind == "Composition":
        doc.title = doc.title or resource.get("title") or ""
        doc.date = doc.date or to_date(resource.get("date"))
        for section in resource.get("section") or ():
            div = (section.get("text") or {}).get("div") or ""
            if div:
                doc.section_texts.append((section.get("title") or text(section.get("code")),
                                          _strip_tags(div)))


def _strip_tags(html: str) -> str:
    """Narrative XHTML as plain text (for search); tags dropped, whitespace collapsed."""
    out, depth = [], 0
    for ch in html:
        if ch == "<":
            depth += 1
            out.append(" ")
        elif ch == ">":
            depth = max(0, depth - 1)
        elif not depth:
            out.append(ch)
    return " ".join("".join(out).split())


def parse_fhir(data: Source,
               on_resource: Callable[[dict, str], None] | None = None) -> ParsedDocument:
    """Read FHIR JSON. Raises UnreadableDocument with a plain message on bad input.
    ``on_resource(resource, type)`` sees every resource as read (the vault keeps them raw)."""
    doc = ParsedDocument(kind="fhir")
    medications: dict[str, str] = {}
    pending: list[tuple[ParsedEntry, str]] = []   # medicationReference not seen yet
    binaries: set[str] = set()
    with gc_paused():
        for resource in iter_resources(data):
            kind = resource["resourceType"]
            doc.resources[kind] += 1
            if on_resource is not None:
                on_resource(resource, kind)
            if kind == "Medication":
                name = text(resource.get("code"))
                if name:
                    for key in _medication_keys(resource):
                        medications[key] = name
            elif kind in ("Patient", "Organization", "Composition"):
                with contextlib.suppress(*SHAPE_ERRORS):
                    _note_header(doc, resource)
            try:
                entry = normalise(resource, medications)
            except SHAPE_ERRORS:
                entry = None     # a resource shaped against the spec: kept raw, counted
            if entry is None:
                doc.unmapped[kind] += 1
            else:
                doc.mapped[kind] += 1
                doc.entries.append(entry)
                if entry.category == "medications" and not entry.codes:
                    target = _unresolved_medication(resource, medications)
                    if target:
                        pending.append((entry, target))
            if kind in ("DiagnosticReport", "DocumentReference", "Binary"):
                with contextlib.suppress(*SHAPE_ERRORS):   # the resource is still counted, kept raw
                    doc.attachments.extend(attachments(resource))
                    doc.references.extend(references(resource))
                if kind == "Binary" and isinstance(resource.get("id"), str):
                    binaries.add(resource["id"])
    # An attachment whose Binary came in the same bundle did arrive.
    doc.references = [ref for ref in doc.references
                      if ref.name.rsplit("Binary/", 1)[-1] not in binaries]
    for entry, target in pending:   # a Medication later in the bundle
        name = medications.get(target)
        if name:
            entry.title = name
    return doc
