"""One reader per kind of C-CDA section, behind a registry.

An entry is read by the reader its templateId names (C-CDA entry templates are unambiguous);
an entry whose templateId is unknown (CCD 1.0, HITSP, a vendor's own, none at all) is read by
the reader of the section it sits in, if that section is one of the nine kinds.
"""

from __future__ import annotations

from types import ModuleType

from recordright.vault.ccda.readers import (
    allergies,
    encounters,
    immunizations,
    medications,
    notes,
    problems,
    procedures,
    results,
    vitals,
)
from recordright.vault.ccda.readers.common import Ctx, Reader, entry_key

MODULES: tuple[ModuleType, ...] = (
    problems, medications, allergies, immunizations, results, vitals, encounters, procedures,
    notes,
)
BY_SECTION: dict[str, Reader] = {m.CATEGORY: m.read for m in MODULES}
BY_TEMPLATE: dict[str, Reader] = {t: m.read for m in MODULES for t in m.TEMPLATES}

__all__ = ["BY_SECTION", "BY_TEMPLATE", "Ctx", "Reader", "entry_key"]
