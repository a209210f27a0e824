"""The identity of a clinical fact across sources, so that the same fact arriving in a CCD
and in a FHIR bundle from the same hospital is shown once, with both sources.

Identity = category + what (the first code of a well-known system, preferring the system
that category is usually coded in; else the normalised title) + when (the day) + the value
(results and vitals only, normalised: 13.20 and 13.2 are one value).
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

from recordright.vault.code_systems import WELL_KNOWN_SYSTEMS

if TYPE_CHECKING:
    from recordright.vault.parsed import ParsedEntry

# The system each category is usually coded in, tried first (C-CDA often lists a local or
# secondary code before the standard one).
PREFERRED: dict[str, tuple[str, ...]] = {
    "problems": ("SNOMED CT", "ICD-10-CM", "ICD-9-CM"),
    "medications": ("RxNorm", "NDC"),
    "allergies": ("RxNorm", "SNOMED CT", "UNII"),
    "immunizations": ("CVX", "RxNorm"),
    "results": ("LOINC",),
    "vitals": ("LOINC",),
    "encounters": ("CPT", "SNOMED CT"),
    "procedures": ("SNOMED CT", "CPT", "ICD-10-PCS", "HCPCS"),
    "notes": ("LOINC",),
}
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalise_title(title: str) -> str:
    return _NOT_WORD.sub(" ", title.lower()).strip()


def what(entry: ParsedEntry) -> str:
    for system in PREFERRED.get(entry.category, ()):
        for code in entry.codes:
            if code.system == system:
                return f"{system}|{code.code.strip().lower()}"
    for code in entry.codes:
        if code.system in WELL_KNOWN_SYSTEMS:
            return f"{code.system}|{code.code.strip().lower()}"
    return f"title|{normalise_title(entry.title)}"


def value(entry: ParsedEntry) -> str:
    if entry.category not in ("results", "vitals"):
        return ""
    if entry.value_number is not None:
        return f"{entry.value_number:.6g}"
    return " ".join(entry.value_text.lower().split())   # "<5" and ">5" stay apart


def fingerprint(entry: ParsedEntry) -> str:
    key = "\x1f".join((entry.category, what(entry),
                       entry.date.isoformat() if entry.date else "", value(entry)))
    return hashlib.sha256(key.encode()).hexdigest()[:32]
