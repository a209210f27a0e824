"""Every importer, by the kind of file it reads. The pipeline looks importers up here."""

from __future__ import annotations

from recordright.vault.intake.base import Importer
from recordright.vault.intake.importers import archive, ccda, fhir, image, other, pdf, text

_IMPORTERS: dict[str, Importer] = {module.IMPORTER.kind: module.IMPORTER for module in (
    fhir, ccda, pdf, image, text, archive, other,
)}


def importer_for(kind: str) -> Importer:
    return _IMPORTERS[kind]


def kinds() -> list[str]:
    return list(_IMPORTERS)
