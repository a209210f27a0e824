"""The FHIR reader: orjson on the hot path, no Django, no I/O beyond the stream handed in.
(``fhir.resources`` R4B models are used only in tests, never here: ~1% of orjson's speed.)"""

from recordright.vault.fhir.document import parse_fhir
from recordright.vault.fhir.normalise import normalise
from recordright.vault.fhir.reading import iter_resources

__all__ = ["iter_resources", "normalise", "parse_fhir"]
