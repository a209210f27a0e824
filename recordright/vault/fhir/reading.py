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
# A single JSON document must be read whole: cap what a gzip stream may inflate to, and
# how long one NDJSON line (one resource) may be.
MAX_JSON_BYTES = 1 << 30
MAX_LINE_BYTES = 64 << 20

Source = bytes | bytearray | memoryview | BinaryIO


class _Prefixed(io.RawIOBase):
    """A stream that cannot seek back, with the bytes already read put in front again."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n], self._head = self._head[:n], self._head[n:]
            return n
        chunk = self._rest.read(len(buffer))
        buffer[:len(chunk)] = chunk
        return len(chunk)


def _open(source: Source) -> BinaryIO:
    """A buffered binary stream over ``source``, inflating gzip (told by its magic bytes)."""
    stream: BinaryIO
    if isinstance(source, bytes | bytearray | memoryview):
        stream = io.BytesIO(bytes(source))
    elif hasattr(source, "peek") or getattr(source, "seekable", lambda: False)():
        stream = source
    else:
        head = source.read(2)
        stream = io.BufferedReader(_Prefixed(head, source))  # type: ignore[assignment]
    if hasattr(stream, "peek"):
        head = stream.peek(2)[:2]
    else:
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
    if isinstance(doc, list) and doc and all(
            isinstance(r, dict) and isinstance(r.get("resourceType"), str) for r in doc):
        for resource in doc:          # some apps export a bare JSON array of resources
            yield from _from_document(resource)
        return
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
        first = stream.readline(MAX_JSON_BYTES)
        while first and not first.strip():
            first = stream.readline(MAX_JSON_BYTES)
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
            rest = _line(stream, 2)
            while rest and not rest.strip():
                rest = _line(stream, 2)
            if not rest:
                yield from _from_document(head)
                return
            yield from _from_document(head)
            yield from _ndjson(stream, rest)
            return
        yield from _from_document(_loads(_read_capped(stream, first), "a JSON document"))
    except (OSError, EOFError, zlib.error):
        raise UnreadableDocument("This file is damaged (it could not be decompressed).") from None


def _line(stream: BinaryIO, number: int) -> bytes:
    line = stream.readline(MAX_LINE_BYTES + 1)
    if len(line) > MAX_LINE_BYTES:
        raise UnreadableDocument(f"Line {number} is too long to be one FHIR resource.")
    return line


def _ndjson(stream: BinaryIO, line: bytes, number: int = 2) -> Iterator[dict]:
    """The hot loop of a bulk export: one resource per line, nothing kept."""
    loads, readline, limit = orjson.loads, stream.readline, MAX_LINE_BYTES
    while line:
        if len(line) > limit:
            raise UnreadableDocument(f"Line {number} is too long to be one FHIR resource.")
        try:
            resource = loads(line)
        except orjson.JSONDecodeError:
            if line.strip():
                raise UnreadableDocument(f"This file is not valid JSON (line {number}).") from None
            resource = None          # a blank line
        if resource is not None:
            kind = resource.get("resourceType") if type(resource) is dict else None
            if kind == "Bundle":
                yield from _from_document(resource)
            elif type(kind) is str:
                yield resource
            else:
                raise UnreadableDocument(f"Line {number} is not a FHIR resource.")
        number += 1
        line = readline(limit + 1)
