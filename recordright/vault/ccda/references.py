"""Documents a C-CDA file points to but does not carry.

An ``externalDocument`` (an advance directive, a scanned report kept in another system) or
an ``observationMedia`` whose value is a reference rather than inline data names a file that
should have come with the records. The gap check (``vault/gaps.py``) looks for each among
the files that arrived; what is not there becomes "documents referred to but missing".
References inside the document (``#ID`` into the narrative) are not documents and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from recordright.vault.ccda.codes import clean, label
from recordright.vault.ccda.readers.common import find
from recordright.vault.ccda.xmlsafe import V3
from recordright.vault.parsed import Referenced

_EXTERNAL = f"{{{V3}}}externalDocument"
_MEDIA = f"{{{V3}}}observationMedia"


def _outside(value: str | None) -> str:
    """The reference's value when it names something outside this document, else ""."""
    value = clean(value)
    return "" if not value or value.startswith("#") else value


def _what(el: etree._Element, refs: dict[str, str]) -> str:
    """What the referenced document is: its own code, else the statement that holds it."""
    own = label(find(el, "code"), refs)
    if own:
        return own
    holder = el.getparent()
    while holder is not None and isinstance(holder.tag, str):
        if holder.tag.endswith(("}observation", "}act", "}procedure", "}organizer")):
            said = label(find(holder, "code"), refs) or label(find(holder, "value"), refs)
            if said:
                return said
        holder = holder.getparent()
    return ""


def _external(el: etree._Element, refs: dict[str, str]) -> Referenced | None:
    ref = find(el, "text/reference")
    name = _outside(ref.get("value") if ref is not None else None)
    what = _what(el, refs)
    # An externalDocument with neither a file nor a name says nothing a person could ask for.
    return Referenced(name=name, description=what) if name or what else None


def _media(el: etree._Element, refs: dict[str, str]) -> Referenced | None:
    value = find(el, "value")
    if value is None or clean(value.text):
        return None   # the image or file is carried inline
    ref = find(value, "reference")
    name = _outside(ref.get("value") if ref is not None else None)
    return Referenced(name=name, description=_what(el, refs)) if name else None


def referenced_documents(root: etree._Element, refs: dict[str, str]) -> Iterator[Referenced]:
    """Each document referred to but not carried, once (by name, else description)."""
    seen: set[str] = set()
    for el in root.iter(_EXTERNAL, _MEDIA):
        found = _external(el, refs) if el.tag == _EXTERNAL else _media(el, refs)
        key = (found.name or found.description).casefold() if found else ""
        if found and key not in seen:
            seen.add(key)
            yield found
