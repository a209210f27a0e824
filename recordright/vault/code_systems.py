"""Well-known code systems by OID (C-CDA) and URI (FHIR), named the same way.

Kept apart from ``parsed.py`` so that ``dedupe.py``, which ``parsed.ParsedEntry.fingerprint``
calls, can use them without importing ``parsed`` back (no import circle).
"""

from __future__ import annotations

# Code systems known by a short name: C-CDA names them by OID, FHIR by URI (or urn:oid:).
SYSTEMS_BY_OID: dict[str, str] = {
    "2.16.840.1.113883.6.96": "SNOMED CT",
    "2.16.840.1.113883.6.1": "LOINC",
    "2.16.840.1.113883.6.88": "RxNorm",
    "2.16.840.1.113883.12.292": "CVX",
    "2.16.840.1.113883.6.90": "ICD-10-CM",
    "2.16.840.1.113883.6.103": "ICD-9-CM",
    "2.16.840.1.113883.6.104": "ICD-9-CM",
    "2.16.840.1.113883.6.4": "ICD-10-PCS",
    "2.16.840.1.113883.6.12": "CPT",
    "2.16.840.1.113883.6.285": "HCPCS",
    "2.16.840.1.113883.6.69": "NDC",
    "2.16.840.1.113883.4.9": "UNII",
}
SYSTEMS_BY_URI: dict[str, str] = {
    "http://snomed.info/sct": "SNOMED CT",
    "http://loinc.org": "LOINC",
    "http://www.nlm.nih.gov/research/umls/rxnorm": "RxNorm",
    "http://hl7.org/fhir/sid/cvx": "CVX",
    "http://hl7.org/fhir/sid/icd-10-cm": "ICD-10-CM",
    "http://hl7.org/fhir/sid/icd-10": "ICD-10",
    "http://hl7.org/fhir/sid/icd-9-cm": "ICD-9-CM",
    "http://www.ama-assn.org/go/cpt": "CPT",
    "http://hl7.org/fhir/sid/ndc": "NDC",
    "http://fdasis.nlm.nih.gov": "UNII",
    **{f"urn:oid:{oid}": name for oid, name in SYSTEMS_BY_OID.items()},
}
WELL_KNOWN_SYSTEMS: frozenset[str] = frozenset(SYSTEMS_BY_OID.values()) | frozenset(
    SYSTEMS_BY_URI.values())
