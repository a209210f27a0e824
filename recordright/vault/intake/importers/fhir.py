"""FHIR R4 JSON (a Bundle of any type, one resource, NDJSON; gzipped or not), streamed.

Every resource is counted by type and kept raw in compressed, encrypted chunk files (raw
JSON in database rows halves the insert rate, research/vault.md); the ones ``vault.fhir``
can turn into entries become entries. The cyclic garbage collector is paused while reading:
with it on, a large bundle's live objects are rescanned again and again (10x slower).
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import io
import zlib
from collections import Counter

import orjson
from django.conf import settings

from recordright.vault import fhir
from recordright.vault.choices import Kind
from recordright.vault.errors import UnreadableDocument
from recordright.vault.intake.base import Extracted, ReadContext, StoredChunk
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
        name, _sha = self._context.save_work_file(io.BytesIO(zlib.compress(plain, 1)))
        self.chunks.append(StoredChunk(stored_name=name, digest=digest,
                                       resource_count=len(self._lines),
                                       resource_types=dict(self._types)))
        self._lines, self._types = [], Counter()


class FhirImporter:
    kind = Kind.FHIR

    def read(self, context: ReadContext) -> Extracted:
        out = Extracted()
        writer = ChunkWriter(context)
        limit = settings.RECORDRIGHT_VAULT_MAX_FHIR_BYTES
        with context.open_original() as original:
            stream = original
            if context.gzipped:
                stream = LimitedReader(gzip.GzipFile(fileobj=original), limit,
                                       "This compressed FHIR file unpacks to more than "
                                       f"{limit // 2**20} MB; it was not imported.")
            collecting = gc.isenabled()
            gc.disable()
            try:
                for resource in fhir.iter_resources(stream):
                    resource_type = str(resource.get("resourceType") or "unknown")
                    out.resources[resource_type] += 1
                    writer.add(resource, resource_type)
                    entry = fhir.normalise(resource)
                    if entry is not None:
                        out.entries.append(entry)
                writer.flush()
            except (OSError, EOFError, zlib.error) as exc:
                raise UnreadableDocument("This compressed FHIR file is damaged or cut short."
                                         ) from exc
            finally:
                if collecting:
                    gc.enable()
        if not out.resources:
            raise UnreadableDocument("This file holds no FHIR resources.")
        out.chunks = writer.chunks
        return out


IMPORTER = FhirImporter()
