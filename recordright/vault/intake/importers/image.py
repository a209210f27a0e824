"""Photos and scans of pages (JPEG, PNG, TIFF): OCR with Tesseract in the sandboxed child."""

from __future__ import annotations

from recordright.vault import sandbox
from recordright.vault.choices import Kind
from recordright.vault.intake.base import Extracted, ReadContext
from recordright.vault.intake.importers.pdf import from_pages


class ImageImporter:
    kind = Kind.IMAGE

    def read(self, context: ReadContext) -> Extracted:
        with context.open_original() as stream:
            answer = sandbox.run("image", stream,
                                 on_progress=lambda done, total: context.progress(
                                     "pages read", done, total))
        return from_pages(answer)


IMPORTER = ImageImporter()
