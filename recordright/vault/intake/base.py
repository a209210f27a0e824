"""What an importer hands back to the pipeline, and the limits every reader keeps to."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO, Protocol

from recordright.vault.errors import UnreadableDocument
from recordright.vault.parsed import ParsedEntry, Referenced

ProgressFn = Callable[[str, int, int], None]


@dataclass
class Child:
    """A file inside another (a ZIP member, a PDF embedded in a C-CDA): imported as a
    document of its own under its container. ``open`` gives its bytes as a stream."""

    name: str
    open: Callable[[], BinaryIO]
    arrival: str


@dataclass
class StoredChunk:
    """A raw FHIR chunk file already in the file store."""

    stored_name: str
    sha256: str
    digest: str
    resource_count: int
    resource_types: dict[str, int]


@dataclass
class Extracted:
    """Everything an importer read from one document."""

    title: str = ""
    date: date | None = None
    author: str = ""
    page_count: int | None = None
    text: str = ""
    text_source: str = ""
    entries: list[ParsedEntry] = field(default_factory=list)
    resources: Counter[str] = field(default_factory=Counter)
    unmapped: Counter[str] = field(default_factory=Counter)
    chunks: list[StoredChunk] = field(default_factory=list)
    children: Iterator[Child] | list[Child] = field(default_factory=list)
    # Documents the file refers to but does not carry ({"name", "description"}).
    references: list[dict[str, str]] = field(default_factory=list)
    message: str = ""  # what could not be read, for people


@dataclass
class ReadContext:
    """What an importer may use: the document's plain bytes, where to put work files, and
    a callback to report progress (pages OCR'd)."""

    open_original: Callable[[], BinaryIO]
    size: int
    gzipped: bool
    save_work_file: Callable[[BinaryIO], tuple[str, str]]  # -> (stored name, sha256)
    progress: ProgressFn
    depth: int = 0


class Importer(Protocol):
    kind: str

    def read(self, context: ReadContext) -> Extracted: ...


def read_bounded(stream: BinaryIO, limit: int, what: str) -> bytes:
    """All of ``stream``, refusing more than ``limit`` bytes (counted while reading)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UnreadableDocument(
            f"This {what} is larger than the {limit // (1024 * 1024)} MB the vault reads; "
            "it was not imported.")
    return data


def referenced(found: Iterable[Referenced]) -> list[dict[str, str]]:
    """A parser's referenced documents as stored on the Document row."""
    return [{"name": ref.name[:500], "description": ref.description[:300]} for ref in found]
