"""Hardened XML loading for C-CDA: no entities, no DTD, no network, bounded trees.

A DOCTYPE has no business in a C-CDA document, and every XML entity attack (billion laughs,
external entities, parameter entities) needs one, so any DOCTYPE is refused outright, before
and after parsing.
"""

from __future__ import annotations

import re

from lxml import etree

from recordright.vault.errors import UnreadableDocument

V3 = "urn:hl7-org:v3"
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        remove_comments=True, remove_pis=True,
    )


def _prolog_text(data: bytes) -> bytes:
    """The bytes before the first element, as ASCII-compatible bytes (UTF-16 files decoded)."""
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    return head


def load(data: bytes) -> etree._Element:
    """Parse ``data`` into the ClinicalDocument element, or raise UnreadableDocument."""
    if not data or not data.strip():
        raise UnreadableDocument("The file is empty.")
    head = _prolog_text(data)
    if _DOCTYPE.search(head) or _ENTITY.search(head):
        raise UnreadableDocument(
            "This XML file declares a document type (DOCTYPE). C-CDA documents never do, "
            "and such declarations can hide harmful content, so the file was not read."
        )
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        if "huge" in str(exc).lower() or "depth" in str(exc).lower():
            raise UnreadableDocument(
                "This XML file is too large or too deeply nested to be read safely."
            ) from None
        raise UnreadableDocument(
            f"This file is not well-formed XML and could not be read (line {exc.lineno or '?'})."
        ) from None
    except ValueError:
        raise UnreadableDocument("This file could not be read as XML.") from None
    if root is None:
        raise UnreadableDocument("This file could not be read as XML.")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise UnreadableDocument(
            "This XML file declares a document type (DOCTYPE), so it was not read."
        )
    if root.tag != f"{{{V3}}}ClinicalDocument":
        raise UnreadableDocument(
            "This XML file is not a C-CDA clinical document (no HL7 ClinicalDocument at its top)."
        )
    return root
