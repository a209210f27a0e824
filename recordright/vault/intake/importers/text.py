"""Plain text: kept, and its words indexed."""

from __future__ import annotations

from django.conf import settings

from recordright.vault.choices import Kind
from recordright.vault.intake.base import Extracted, ReadContext, read_bounded


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


class TextImporter:
    kind = Kind.TEXT

    def read(self, context: ReadContext) -> Extracted:
        with context.open_original() as stream:
            data = read_bounded(stream, settings.RECORDRIGHT_VAULT_MAX_TEXT_BYTES, "text file")
        return Extracted(text=decode(data), text_source="text")


IMPORTER = TextImporter()
