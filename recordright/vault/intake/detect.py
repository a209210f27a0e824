"""What a file is, from its first bytes: never from its name (vendors' extensions lie)."""

from __future__ import annotations

import re
import zlib

from recordright.vault.choices import Kind

# How much of the start of a file the sniffers look at.
HEAD_BYTES = 64 * 1024

MEDIA_TYPES = {
    Kind.FHIR: "application/fhir+json",
    Kind.CCDA: "application/xml",
    Kind.PDF: "application/pdf",
    Kind.TEXT: "text/plain",
    Kind.ZIP: "application/zip",
    Kind.OTHER: "application/octet-stream",
}
_IMAGE_TYPES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
_RESOURCE_TYPE = re.compile(rb'"resourceType"\s*:\s*"[A-Z][A-Za-z]+"')
_CDA = re.compile(rb"<(?:\w+:)?ClinicalDocument\b[^>]*urn:hl7-org:v3", re.S)


class Detected:
    __slots__ = ("kind", "media_type", "gzipped")

    def __init__(self, kind: str, media_type: str, gzipped: bool = False) -> None:
        self.kind, self.media_type, self.gzipped = kind, media_type, gzipped

    def __repr__(self) -> str:
        return f"Detected({self.kind!r}, {self.media_type!r}, gzipped={self.gzipped})"


def _gunzip_head(head: bytes) -> bytes:
    """The first bytes of a gzip stream, decompressed (at most HEAD_BYTES)."""
    try:
        return zlib.decompressobj(wbits=31).decompress(head, HEAD_BYTES)
    except zlib.error:
        return b""


def _strip_bom(head: bytes) -> bytes:
    return head[3:] if head.startswith(b"\xef\xbb\xbf") else head


def _looks_like_fhir_json(text: bytes) -> bool:
    text = _strip_bom(text).lstrip()
    return text[:1] in (b"{", b"[") and bool(_RESOURCE_TYPE.search(text[:HEAD_BYTES]))


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        # A multi-byte character may be cut at the end of the head.
        head.decode("utf-8") if len(head) < HEAD_BYTES else head[:-4].decode("utf-8")
    except UnicodeDecodeError:
        try:
            head.decode("cp1252")
        except UnicodeDecodeError:
            return False
    printable = sum(1 for byte in head[:4096] if byte >= 32 or byte in b"\t\r\n\f")
    return printable >= 0.97 * min(len(head), 4096)


def _is_table(head: bytes) -> bool:
    """CSV or TSV: the first lines have the same number (at least two) of one delimiter."""
    lines = [line for line in head.splitlines()[:6] if line.strip()]
    if len(lines) < 3:
        return False
    for delimiter in (b",", b"\t", b"|", b";"):
        counts = {line.count(delimiter) for line in lines[:-1]}  # the last line may be cut
        if len(counts) == 1 and counts.pop() >= 2:
            return True
    return False


def _utf16_as_utf8(head: bytes) -> bytes | None:
    """The head of a UTF-16 text file (some exporters write XML so), as UTF-8 for sniffing."""
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        return head[: len(head) // 2 * 2].decode("utf-16").encode("utf-8")
    except UnicodeDecodeError:
        return None


def detect(head: bytes) -> Detected:
    """The kind of a file from its first HEAD_BYTES bytes (the caller refuses empty files)."""
    converted = _utf16_as_utf8(head)
    if converted is not None:
        found = detect(converted)
        return found if found.kind in (Kind.CCDA, Kind.TEXT) else Detected(Kind.OTHER,
                                                                          found.media_type)
    if head[:1024].find(b"%PDF-") >= 0:
        return Detected(Kind.PDF, MEDIA_TYPES[Kind.PDF])
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return Detected(Kind.ZIP, MEDIA_TYPES[Kind.ZIP])
    for magic, media_type in _IMAGE_TYPES:
        if head.startswith(magic):
            return Detected(Kind.IMAGE, media_type)
    if head.startswith(b"\x1f\x8b"):
        inner = _gunzip_head(head)
        if _looks_like_fhir_json(inner):
            return Detected(Kind.FHIR, "application/gzip", gzipped=True)
        return Detected(Kind.OTHER, "application/gzip")
    if head[128:132] == b"DICM":
        return Detected(Kind.OTHER, "application/dicom")
    if _looks_like_fhir_json(head):
        return Detected(Kind.FHIR, MEDIA_TYPES[Kind.FHIR])
    text = _strip_bom(head).lstrip()
    if text.startswith(b"<") and _CDA.search(head):
        return Detected(Kind.CCDA, MEDIA_TYPES[Kind.CCDA])
    if text.startswith(b"<"):
        return Detected(Kind.OTHER, "application/xml")
    if _is_text(head):
        if _is_table(head):
            return Detected(Kind.OTHER, "text/csv")
        return Detected(Kind.TEXT, MEDIA_TYPES[Kind.TEXT])
    return Detected(Kind.OTHER, MEDIA_TYPES[Kind.OTHER])
