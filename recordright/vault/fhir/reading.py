"""Reading FHIR JSON as a stream of resources: a Bundle of any type, a single resource,
NDJSON bulk export (one resource per line), gzipped or not (told by its magic bytes).

orjson parses; NDJSON is read line by line so a large export is never held as dicts.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from typing import BinaryIO

import orjson

from recordright.vault.errors import UnreadableDocument

GZIP_MAGIC = b"\x1f\x8b"
# A single JSON document must be read whole: cap what a gzip stream may inflate to.
MAX_JSON_BYTES = 1 << 30

Source = bytes | bytearray | memoryview | BinaryIO


def _open(source: Source) -> BinaryIO:
    stream: BinaryIO = io.BytesIO(bytes(source)) if isinstance(
        source, bytes | bytearray | memoryview) else source
    head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
    if not head:
        pos = stream.tell()
        head = stream.read(2)
        stream.seek(pos)
    if head == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
    return stream


def _loads(data: bytes, where: str) -> object:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        raise UnreadableDocument(f"This file is not valid JSON ({where}).") from None


def _from_document(doc: object) -> Iterator[dict]:
    if not isinstance(doc, dict) or not isinstance(doc.get("resourceType"), str):
        raise UnreadableDocument(
            "This JSON file is not a FHIR resource (it has no resourceType).")
    if doc["resourceType"] != "Bundle":
        yield doc
        return
    for entry in doc.get("entry") or ():
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if isinstance(resource, dict) and isinstance(resource.get("resourceType"), str):
            if resource["resourceType"] == "Bundle":
                yield from _from_document(resource)   # a bundle of bundles: flatten
            else:
                yield resource


def _read_capped(stream: BinaryIO, first: bytes) -> bytes:
    chunks = [first]
    total = len(first)
    while True:
        chunk = stream.read(1 << 20)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > MAX_JSON_BYTES:
            raise UnreadableDocument("This JSON file is too large to read as one document.")
        chunks.append(chunk)


def iter_resources(source: Source) -> Iterator[dict]:
    """Every FHIR resource in ``source`` (bytes or a binary file object), in order. A
    Bundle's entries are yielded, not the Bundle itself. Raises UnreadableDocument."""
    try:
        stream = _open(source)
        first = stream.readline()
        while first and not first.strip():
            first = stream.readline()
        if not first:
            raise UnreadableDocument("The file is empty.")
        if first.lstrip()[:1] not in (b"{", b"["):
            raise UnreadableDocument("This file is not FHIR JSON.")
        # NDJSON when the first line is a whole resource and more lines follow.
        try:
            head = orjson.loads(first)
        except orjson.JSONDecodeError:
            head = None
        if isinstance(head, dict):
            rest = stream.readline()
            while rest and not rest.strip():
                rest = stream.readline()
            if not rest:
                yield from _from_document(head)
                return
            yield from _from_document(head)
            yield from _ndjson(stream, rest)
            return
        yield from _from_document(_loads(_read_capped(stream, first), "a JSON document"))
    except (OSError, EOFError, zlib.error):
        raise UnreadableDocument("This file is damaged (it could not be decompressed).") from None


def _ndjson(stream: BinaryIO, line: bytes, number: int = 2) -> Iterator[dict]:
    while line:
        if line.strip():
            resource = _loads(line, f"line {number}")
            if not isinstance(resource, dict) or not isinstance(resource.get("resourceType"),
                                                                str):
                raise UnreadableDocument(f"Line {number} is not a FHIR resource.")
            yield from _from_document(resource)
        line = stream.readline()
        number += 1
