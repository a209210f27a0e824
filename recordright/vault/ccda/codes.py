"""Codes in C-CDA: code systems by OID, translations, and originalText references."""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from recordright.vault.ccda.xmlsafe import V3
from recordright.vault.parsed import SYSTEMS_BY_OID, Code

# Well-known code systems by OID (parsed.SYSTEMS_BY_OID, plus a few C-CDA-only ones);
# anything else is kept as its OID so local codes are never dropped.
CODE_SYSTEMS: dict[str, str] = {
    **SYSTEMS_BY_OID,
    "2.16.840.1.113883.3.26.1.5": "NDF-RT",
}

# When a document names the system but gives no OID (codeSystemName only).
_BY_NAME: dict[str, str] = {
    "snomed ct": "SNOMED CT", "snomed-ct": "SNOMED CT", "snomed": "SNOMED CT", "sct": "SNOMED CT",
    "loinc": "LOINC", "rxnorm": "RxNorm", "cvx": "CVX", "icd-10-cm": "ICD-10-CM",
    "icd10cm": "ICD-10-CM", "icd-9-cm": "ICD-9-CM", "icd9cm": "ICD-9-CM", "cpt": "CPT",
    "cpt-4": "CPT", "cpt4": "CPT", "ndc": "NDC",
}


def system_name(oid: str) -> str:
    return CODE_SYSTEMS.get(oid) or _BY_NAME.get(oid.strip().lower(), oid)


def clean(text: str | None) -> str:
    """Collapse runs of whitespace: narrative text is indented XML."""
    return " ".join(text.split()) if text else ""


def element_text(el: etree._Element | None) -> str:
    return clean("".join(el.itertext())) if el is not None else ""


def original_text(el: etree._Element, refs: Mapping[str, str]) -> str:
    """An element's <originalText>, following <reference value="#id"> into the narrative."""
    ot = el.find(f"{{{V3}}}originalText")
    if ot is None:
        return ""
    ref = ot.find(f"{{{V3}}}reference")
    if ref is not None:
        target = (ref.get("value") or "").lstrip("#")
        if target and refs.get(target):
            return refs[target]
    return element_text(ot)


# Words some exports write where a code or name is missing.
PLACEHOLDERS = frozenset({"unknown", "unk", "none", "null", "ni", "na", "n/a", "nullflavor"})


def _display(el: etree._Element) -> str:
    name = clean(el.get("displayName"))
    return "" if name.lower() in PLACEHOLDERS else name


def _one(el: etree._Element) -> Code | None:
    code = (el.get("code") or "").strip()
    if not code or code.lower() in PLACEHOLDERS:
        return None
    system = el.get("codeSystem") or el.get("codeSystemName") or ""
    return Code(system=system_name(system), code=code, display=_display(el))


def codes_of(el: etree._Element | None) -> tuple[Code, ...]:
    """The code and its translations, in document order, skipping null-flavoured ones."""
    if el is None:
        return ()
    out: list[Code] = []
    first = _one(el)
    if first:
        out.append(first)
    for tr in el.iterfind(f"{{{V3}}}translation"):
        c = _one(tr)
        if c and c not in out:
            out.append(c)
    return tuple(out)


def label(el: etree._Element | None, refs: Mapping[str, str]) -> str:
    """The human-readable name of a coded element: its display name, else its original text
    (resolved into the narrative), else a translation's display name."""
    if el is None:
        return ""
    name = _display(el)
    if name:
        return name
    name = original_text(el, refs)
    if name:
        return name
    for tr in el.iterfind(f"{{{V3}}}translation"):
        name = _display(tr)
        if name:
            return name
    return ""
