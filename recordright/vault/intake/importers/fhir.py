"""FHIR R4 JSON (a Bundle of any type, one resource, NDJSON; gzipped or not), streamed.

``vault.fhir.parse_fhir`` reads and normalises; every resource it reads is also kept raw in
compressed, encrypted chunk files (raw JSON in database rows halves the insert rate,
research/vault.md). Attachments (a PDF in a DocumentReference or Binary) become documents
of their own.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zlib
from collections import Counter

import orjson
from django.conf import settings

from recordright.vault.choices import Arrival, Kind
from recordright.vault.errors import UnreadableDocument
from recordright.vault.fhir import parse_fhir
from recordright.vault.intake.base import Child, Extracted, ReadContext, StoredChunk, referenced
from recordright.vault.intake.importers.ccda import section_text
from recordright.vault.intake.limited import LimitedReader

RESOURCES_PER_CHUNK = 1000


class ChunkWriter:
    """Raw resources as NDJSON, zlib-compressed, stored through the file store."""

    def __init__(self, context: ReadContext) -> None:
        self._context = context
        self._lines: list[bytes] = []
        self._types: Counter[str] = Counter()
        self.chunks: list[StoredChunk] = []

    def add(self, resource: dict, resource_type: str) -> None:
        self._lines.append(orjson.dumps(resource))
        self._types[resource_type] += 1
        if len(self._lines) >= RESOURCES_PER_CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self._lines:
            return
        plain = b"\n".join(self._lines) + b"\n"
        digest = hashlib.sha256(plain).hexdigest()
        name, sha256 = self._context.save_work_file(io.BytesIO(zlib.compress(plain, 1)))
        self.chunks.append(StoredChunk(stored_name=name, sha256=sha256, digest=digest,
                                       resource_count=len(self._lines),
                                       resource_types=dict(self._types)))
        self._lines, self._types = [], Counter()


class FhirImporter:
    kind = Kind.FHIR

    def read(self, context: ReadContext) -> Extracted:
        writer = ChunkWriter(context)
        limit = settings.RECORDRIGHT_VAULT_MAX_FHIR_BYTES
        with context.open_original() as original:
            stream = original
            if context.gzipped:
                stream = io.BufferedReader(LimitedReader(
                    gzip.GzipFile(fileobj=original), limit,
                    f"This compressed FHIR file unpacks to more than {limit // 2**20:,} MB; "
                    "it was not imported."))
            try:
                parsed = parse_fhir(stream, on_resource=writer.add)
            except (OSError, EOFError, zlib.error) as exc:
                raise UnreadableDocument("This compressed FHIR file is damaged or cut short."
                                         ) from exc
        writer.flush()
        children = [Child(name=attachment.name, arrival=Arrival.EMBEDDED,
                          open=lambda blob=attachment.data: io.BytesIO(blob))
                    for attachment in parsed.attachments]
        return Extracted(title=parsed.title, date=parsed.date, author=parsed.provider,
                         text=section_text(parsed.section_texts), text_source="narrative",
                         entries=parsed.entries, resources=parsed.resources,
                         unmapped=parsed.unmapped, chunks=writer.chunks, children=children,
                         references=referenced(parsed.references))


IMPORTER = FhirImporter()
