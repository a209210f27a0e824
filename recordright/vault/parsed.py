"""What a parser hands to the vault: plain dataclasses, no Django, no I/O.

The C-CDA and FHIR readers (``vault/ccda``, ``vault/fhir``) produce these; the intake
pipeline stores them. Keeping the shape here lets each side be built and tested alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

# Re-exported: the readers take the code systems from here.
from recordright.vault.code_systems import (  # noqa: F401
    SYSTEMS_BY_OID,
    SYSTEMS_BY_URI,
    WELL_KNOWN_SYSTEMS,
)

# The categories a person reads, in the order the CLI's "entries" object lists them.
CATEGORIES: tuple[str, ...] = (
    "problems", "medications", "allergies", "immunizations", "results",
    "vitals", "encounters", "procedures", "notes",
)
Category = Literal["problems", "medications", "allergies", "immunizations", "results",
                   "vitals", "encounters", "procedures", "notes"]


@dataclass(frozen=True, slots=True)
class Code:
    """One coding of a fact. ``system`` is a short name where known ("SNOMED CT", "LOINC",
    "RxNorm", "CVX", "ICD-10-CM", "ICD-9-CM", "CPT", "NDC"), else the OID or URI as written."""

    system: str
    code: str
    display: str = ""


@dataclass(slots=True)
class ParsedEntry:
    """One clinical fact as a person reads it, with enough to find it in its source."""

    category: Category
    title: str                      # human-readable name ("Hemoglobin A1c", "Penicillin")
    date: date | None = None        # when it happened / was observed / started
    end_date: date | None = None    # resolved, stopped, discharged
    status: str = ""                # as the source says: active, resolved, completed, ...
    codes: tuple[Code, ...] = ()
    value_text: str = ""            # result value as written: "<5", "POS", "7.2"
    value_number: float | None = None  # the same as a number, only when it is one
    unit: str = ""
    reference_range: str = ""       # "4.0-5.6 %" as written
    abnormal_flag: str = ""         # H, L, A, HH, LL, N ... as written
    detail: str = ""                # dose and frequency, allergy reaction and severity, ...
    provider: str = ""              # performer / author / organization when the source names one
    source_ref: str = ""            # FHIR "Type/id", C-CDA entry id or templateId
    text: str = ""                  # narrative text for notes, and for search

    def fingerprint(self) -> str:
        """Identity of the fact across sources (a CCD and a FHIR bundle of the same visit):
        category, the first code of a well-known system (else the normalised title), date and
        value. Filled in by vault/dedupe.py."""
        from recordright.vault.dedupe import fingerprint
        return fingerprint(self)


@dataclass(slots=True)
class EmbeddedDocument:
    """A document carried inside another: a PDF in a C-CDA nonXMLBody, a FHIR Binary or
    DocumentReference attachment. Kept as a document of its own."""

    name: str
    media_type: str
    data: bytes
    date: date | None = None


@dataclass(frozen=True, slots=True)
class Referenced:
    """A document the records point to but do not carry: a C-CDA ``externalDocument`` or
    ``observationMedia`` kept elsewhere, a FHIR attachment given only by its address. The
    gap check looks for it among what arrived."""

    name: str = ""          # the file name or address as written ("AdvanceDirective.pdf")
    description: str = ""   # what it is, when the source says ("Advance directive")


@dataclass(slots=True)
class ParsedDocument:
    kind: Literal["ccda", "fhir"]
    title: str = ""
    date: date | None = None
    provider: str = ""              # custodian / author organisation
    patient_name: str = ""
    entries: list[ParsedEntry] = field(default_factory=list)
    # Anything not turned into an entry, counted by templateId (C-CDA) or resource type (FHIR):
    # never silently lost.
    unmapped: Counter[str] = field(default_factory=Counter)
    # What was turned into entries, counted the same way (C-CDA: each entry statement by its
    # templateId; FHIR: resources by type). mapped + unmapped accounts for every entry.
    mapped: Counter[str] = field(default_factory=Counter)
    # Human-readable section text (C-CDA <text>, FHIR narrative), (section title, text), for search.
    section_texts: list[tuple[str, str]] = field(default_factory=list)
    attachments: list[EmbeddedDocument] = field(default_factory=list)
    # Documents referred to but not carried (see Referenced).
    references: list[Referenced] = field(default_factory=list)
    # FHIR: every resource counted by type (the CLI's "resources" object).
    resources: Counter[str] = field(default_factory=Counter)


