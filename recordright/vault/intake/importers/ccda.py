"""C-CDA documents: entries and section text from ``vault.ccda``; an embedded PDF (a
``nonXMLBody``) becomes a document of its own."""

from __future__ import annotations

import io

from django.conf import settings

from recordright.vault import ccda
from recordright.vault.choices import Arrival, Kind
from recordright.vault.intake.base import Child, Extracted, ReadContext, read_bounded, referenced


def section_text(sections: list[tuple[str, str]]) -> str:
    return "\n\n".join(f"{title}\n{text}" if title else text for title, text in sections if text)


class CcdaImporter:
    kind = Kind.CCDA

    def read(self, context: ReadContext) -> Extracted:
        with context.open_original() as stream:
            data = read_bounded(stream, settings.RECORDRIGHT_VAULT_MAX_XML_BYTES, "XML document")
        parsed = ccda.parse_ccda(data)
        children = [Child(name=attachment.name, arrival=Arrival.EMBEDDED,
                          open=lambda blob=attachment.data: io.BytesIO(blob))
                    for attachment in parsed.attachments]
        return Extracted(title=parsed.title, date=parsed.date, author=parsed.provider,
                         text=section_text(parsed.section_texts), text_source="narrative",
                         entries=parsed.entries, unmapped=parsed.unmapped, children=children,
                         references=referenced(parsed.references))


IMPORTER = CcdaImporter()
