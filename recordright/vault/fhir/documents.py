"""FHIR documents: DiagnosticReport and DocumentReference become notes; their attachments
(base64 data inline) and Binary resources become documents of their own."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping

from recordright.vault.fhir.clinical import ref_of
from recordright.vault.fhir.codes import codes, period, reference_display, status, text, to_date
from recordright.vault.parsed import EmbeddedDocument, ParsedEntry, Referenced

_EXT = {"application/pdf": "pdf", "text/plain": "txt", "text/html": "html", "image/jpeg": "jpg",
        "image/png": "png", "image/tiff": "tiff", "application/xml": "xml", "text/xml": "xml",
        "text/rtf": "rtf"}


def _attachments(r: dict) -> list[dict]:
    if r.get("resourceType") == "DiagnosticReport":
        return [a for a in r.get("presentedForm") or () if isinstance(a, dict)]
    if r.get("resourceType") == "DocumentReference":
        return [c["attachment"] for c in r.get("content") or ()
                if isinstance(c, dict) and isinstance(c.get("attachment"), dict)]
    return []


def _decode(data: str) -> bytes | None:
    try:
        return base64.b64decode(data, validate=False)
    except (binascii.Error, ValueError):
        return None


def _inline_text(r: dict) -> str:
    """Plain-text attachments, decoded, for reading and search."""
    out = []
    for att in _attachments(r):
        kind = (att.get("contentType") or "").split(";")[0].strip()
        if kind == "text/plain" and att.get("data"):
            raw = _decode(att["data"])
            if raw is not None:
                out.append(raw.decode("utf-8", errors="replace"))
    return "\n".join(out)


def attachments(r: dict) -> list[EmbeddedDocument]:
    """Documents carried inline: attachments with base64 data, and Binary resources."""
    out = []
    if r.get("resourceType") == "Binary" and r.get("data"):
        raw = _decode(r["data"])
        kind = r.get("contentType") or "application/octet-stream"
        if raw is not None:
            out.append(EmbeddedDocument(name=f"{r.get('id') or 'binary'}."
                                        f"{_EXT.get(kind, 'bin')}", media_type=kind, data=raw))
        return out
    title = _title(r)
    when = _date(r)
    for i, att in enumerate(_attachments(r)):
        if not att.get("data"):
            continue
        raw = _decode(att["data"])
        if raw is None:
            continue
        kind = (att.get("contentType") or "application/octet-stream").split(";")[0].strip()
        name = att.get("title") or f"{title or 'document'}{'' if i == 0 else f' ({i + 1})'}"
        if "." not in name[-6:]:
            name = f"{name}.{_EXT.get(kind, 'bin')}"
        out.append(EmbeddedDocument(name=name, media_type=kind, data=raw,
                                    date=to_date(att.get("creation")) or when))
    return out


def references(r: dict) -> list[Referenced]:
    """Attachments given only by their address (no data): documents referred to that did not
    come in this file. ``Binary/<id>`` addresses are kept as they are, so that the caller can
    drop those whose Binary arrived in the same bundle."""
    title = _title(r)
    out = []
    for att in _attachments(r):
        url = (att.get("url") or "").strip()
        if att.get("data") or not url or url.startswith("#"):
            continue
        out.append(Referenced(name=url, description=att.get("title") or title))
    return out


def _title(r: dict) -> str:
    return text(r.get("code") or r.get("type")) or r.get("description") or ""


def _date(r: dict):
    start, _ = period(r, "effectiveDateTime", "effectivePeriod", "date", "issued", "created")
    if start is None:
        start = period(r.get("context") or {}, "period")[0]
    return start


def document(r: dict, _meds: Mapping[str, str]) -> ParsedEntry | None:
    title = _title(r) or "Document"
    parts = []
    if r.get("conclusion"):
        parts.append(r["conclusion"])
    parts.extend(text(c) for c in r.get("conclusionCode") or () if text(c))
    inline = _inline_text(r)
    if inline:
        parts.append(inline)
    results = [reference_display(ref) for ref in r.get("result") or ()]
    if any(results):
        parts.append("Results: " + "; ".join(x for x in results if x))
    performer = ""
    for p in r.get("performer") or r.get("author") or ():
        performer = reference_display(p) if isinstance(p, dict) else ""
        if performer:
            break
    return ParsedEntry(
        category="notes", title=title, date=_date(r), status=status(r.get("status")),
        codes=codes(r.get("code") or r.get("type")), provider=performer,
        source_ref=ref_of(r), text="\n".join(parts),
    )
