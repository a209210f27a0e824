"""Hostile and broken files: each gets its own clear message, in bounded time, and the vault
is unchanged (no document, no stored file, ``recordright check`` clean)."""

from __future__ import annotations

import io
import os
import struct
import time
import zipfile
import zlib

import pytest
from pypdf import PdfReader, PdfWriter

from recordright.vault.models import Document, Entry
from tests.vault.conftest import CCD, scanned_pdf
from tests.vault.test_ccda_hostile import BILLION_LAUGHS, EXTERNAL_ENTITY

pytestmark = pytest.mark.django_db(transaction=True)


def _zip(*members: tuple[zipfile.ZipInfo | str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            archive.writestr(info, data)
    return buffer.getvalue()


def _symlink_zip() -> bytes:
    info = zipfile.ZipInfo("records/latest.xml")
    info.external_attr = (0o120777 << 16)
    return _zip(("readme.txt", b"records"), (info, b"/etc/passwd"))


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width x height (bilevel) with one row of data: huge when decoded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * (width // 8 + 1))) + chunk(b"IEND", b""))


def _encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(scanned_pdf([["Secret page"]]))))
    writer.encrypt("a-password-nobody-knows")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


HOSTILE = {
    "malformed.xml": (lambda: b"<ClinicalDocument xmlns='urn:hl7-org:v3'><title>x</titl>",
                      "ccda", "well-formed"),
    "entity-bomb.xml": (lambda: BILLION_LAUGHS, "ccda", "document type"),
    "external-entity.xml": (lambda: EXTERNAL_ENTITY, "ccda", "document type"),
    "truncated.pdf": (lambda: scanned_pdf([["Cut short"]])[:400], "pdf", "damaged or cut short"),
    "encrypted.pdf": (_encrypted_pdf, "pdf", "password"),
    "fake.pdf": (lambda: b"%PDF-1.7\n" + os.urandom(3000), "pdf", "cannot be read as one"),
    "empty.pdf": (lambda: b"", "other", "empty"),
    "bomb.zip": (lambda: _zip(("zeros.txt", b"\0" * (40 * 2**20))), "zip", "ZIP bomb"),
    "dotdot.zip": (lambda: _zip(("../../etc/cron.d/x", b"x")), "zip", "outside the archive"),
    "absolute.zip": (lambda: _zip(("/etc/passwd", b"x")), "zip", "absolute path"),
    "symlink.zip": (_symlink_zip, "zip", "symbolic link"),
    "huge.png": (lambda: _png_header_only(30_000, 30_000), "image", "too large"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_file_is_refused_clearly_and_changes_nothing(name, import_json, cli, write,
                                                                   patient, store_root):
    import_json(CCD)  # something already in the vault, which must stay as it was
    before = (Document.objects.count(), Entry.objects.count(), sorted(store_root.rglob("*")))
    make, kind, words = HOSTILE[name]
    started = time.monotonic()
    code, [row] = import_json(write(name, make()))
    assert time.monotonic() - started < 60
    assert code == 1
    assert row["status"] == "failed" and row["kind"] == kind
    assert words in row["error"], row["error"]
    assert row["error"][0].isupper() and row["error"].endswith(".")
    assert (Document.objects.count(), Entry.objects.count(),
            sorted(store_root.rglob("*"))) == before
    code, lines = cli("check")
    assert code == 0, lines


def test_a_failed_file_never_stops_the_others(import_json, write):
    code, rows = import_json(write("empty.txt", b""), CCD, write("notes.txt", "Felt better."))
    assert code == 1
    assert [row["status"] for row in rows] == ["failed", "imported", "imported"]
    assert [row["kind"] for row in rows] == ["other", "ccda", "text"]


def test_a_missing_path_fails_alone(import_json, tmp_path):
    code, rows = import_json(tmp_path / "nowhere.xml", CCD)
    assert code == 1
    assert rows[0] == {"source": str(tmp_path / "nowhere.xml"), "status": "failed",
                       "kind": "other", "resources": {}, "entries": rows[0]["entries"],
                       "error": "No such file."}
    assert rows[1]["status"] == "imported"


def test_starting_an_import_leaves_another_live_import_s_scratch_alone(tmp_path):
    from recordright.vault import sandbox

    root = sandbox.scratch_root()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    live = root / f"child-{os.getpid()}-live"
    dead = root / "child-999999999-dead"
    live.mkdir(exist_ok=True)
    dead.mkdir(exist_ok=True)
    sandbox.wipe_scratch()
    assert live.is_dir() and not dead.exists()
    live.rmdir()
