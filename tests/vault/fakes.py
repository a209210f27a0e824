"""Stand-ins for the FHIR reader and dedupe (written in parallel on the "vault-parse"
branch), with the same API, used only while those modules are not merged yet."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import sys
import types
from datetime import date

import orjson

from recordright.vault.parsed import Code, ParsedEntry

_CATEGORY = {"Condition": "problems", "MedicationRequest": "medications",
             "AllergyIntolerance": "allergies", "Immunization": "immunizations",
             "Encounter": "encounters", "Procedure": "procedures"}


def iter_resources(stream_or_bytes):
    data = stream_or_bytes if isinstance(stream_or_bytes, bytes) else stream_or_bytes.read()
    text = data.strip()
    if text.startswith(b"{") and b"\n{" in text and not text.rstrip().endswith(b"]}"):
        for line in text.splitlines():
            if line.strip():
                yield orjson.loads(line)
        return
    root = orjson.loads(text)
    if root.get("resourceType") == "Bundle":
        for item in root.get("entry", []):
            yield item["resource"]
    else:
        yield root


def _date(text):
    return date.fromisoformat(text[:10]) if text else None


def normalise(resource):
    kind = resource.get("resourceType")
    coding = (resource.get("code") or {}).get("coding") or [{}]
    title = (resource.get("code") or {}).get("text") or coding[0].get("display", "") or kind
    codes = tuple(Code(c.get("system", ""), c.get("code", ""), c.get("display", ""))
                  for c in coding if c.get("code"))
    if kind == "Observation":
        value = resource.get("valueQuantity") or {}
        vital = any(c.get("code") == "vital-signs" for cat in resource.get("category", [])
                    for c in cat.get("coding", []))
        return ParsedEntry("vitals" if vital else "results", title, codes=codes,
                           date=_date(resource.get("effectiveDateTime", "")),
                           value_text=str(value.get("value", "")),
                           value_number=value.get("value"), unit=value.get("unit", ""),
                           source_ref=f"Observation/{resource.get('id', '')}")
    if kind in _CATEGORY:
        return ParsedEntry(_CATEGORY[kind], title, codes=codes,
                           date=_date(resource.get("onsetDateTime", "")
                                      or resource.get("recordedDate", "")),
                           source_ref=f"{kind}/{resource.get('id', '')}")
    return None


def fingerprint(entry):
    key = "|".join([entry.category, entry.title.lower(), str(entry.date), entry.value_text])
    return hashlib.sha256(key.encode()).hexdigest()


def install() -> None:
    if importlib.util.find_spec("recordright.vault.fhir") is None or not hasattr(
            importlib.import_module("recordright.vault.fhir"), "iter_resources"):
        module = types.ModuleType("recordright.vault.fhir")
        module.iter_resources, module.normalise = iter_resources, normalise
        sys.modules["recordright.vault.fhir"] = module
        import recordright.vault
        recordright.vault.fhir = module
    if importlib.util.find_spec("recordright.vault.dedupe") is None:
        module = types.ModuleType("recordright.vault.dedupe")
        module.fingerprint = fingerprint
        sys.modules["recordright.vault.dedupe"] = module
