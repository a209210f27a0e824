"""PDF: the text layer (pypdfium2); scanned pages made searchable with OCRmyPDF and
Tesseract. Both run in the sandboxed child (``vault.sandbox``)."""

from __future__ import annotations

from recordright.vault import sandbox
from recordright.vault.choices import Kind
from recordright.vault.intake.base import Extracted, ReadContext

PAGE_BREAK = "\f"


def from_pages(answer: dict) -> Extracted:
    texts = [text.strip() for text in answer["texts"]]
    ocr = bool(answer.get("ocr_pages"))
    return Extracted(page_count=int(answer["pages"]), text=PAGE_BREAK.join(texts),
                     text_source="ocr" if ocr else "layer")


class PdfImporter:
    kind = Kind.PDF

    def read(self, context: ReadContext) -> Extracted:
        with context.open_original() as stream:
            answer = sandbox.run("pdf", stream,
                                 on_progress=lambda done, total: context.progress(
                                     "pages read", done, total))
        return from_pages(answer)


IMPORTER = PdfImporter()
