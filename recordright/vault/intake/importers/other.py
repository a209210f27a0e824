"""What the vault cannot interpret (a CSV table dump, a DICOM image, Apple's export.xml):
kept verbatim and listed as a document, with nothing read from it."""

from __future__ import annotations

from recordright.vault.choices import Kind
from recordright.vault.intake.base import Extracted, ReadContext


class OtherImporter:
    kind = Kind.OTHER

    def read(self, context: ReadContext) -> Extracted:
        return Extracted()


IMPORTER = OtherImporter()
