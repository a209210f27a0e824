"""normalise: one FHIR resource to one entry, by a registry of resource types."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from recordright.vault.fhir import clinical, documents, observations
from recordright.vault.parsed import ParsedEntry

Normaliser = Callable[[dict, Mapping[str, str]], ParsedEntry | None]

NORMALISERS: dict[str, Normaliser] = {
    "Condition": clinical.condition,
    "MedicationStatement": clinical.medication,
    "MedicationRequest": clinical.medication,
    "MedicationOrder": clinical.medication,          # DSTU2
    "MedicationAdministration": clinical.medication,
    "MedicationDispense": clinical.medication,
    "AllergyIntolerance": clinical.allergy,
    "Immunization": clinical.immunization,
    "Observation": observations.observation,
    "Encounter": clinical.encounter,
    "Procedure": clinical.procedure,
    "DiagnosticReport": documents.document,
    "DocumentReference": documents.document,
}
_NO_MEDICATIONS: Mapping[str, str] = {}


def normalise(resource: dict, medications: Mapping[str, str] | None = None
              ) -> ParsedEntry | None:
    """The entry a person reads for ``resource``, or None when it is not a clinical entry
    (Patient, Claim, an unknown type, a survey Observation...). ``medications`` maps
    references ("Medication/id", "urn:uuid:...") to names, to resolve medicationReference."""
    fn = NORMALISERS.get(resource.get("resourceType", ""))
    if fn is None:
        return None
    return fn(resource, medications if medications is not None else _NO_MEDICATIONS)
