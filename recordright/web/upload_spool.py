"""Where an upload's bytes wait while the request is read: memory, or encrypted on disk.

``MemorySpool`` (the default) keeps them in memory; the upload limit bounds it. A view that
accepts large files (a 300-page scan, a ZIP export) opts into ``EncryptedSpool``: every chunk is
sealed in the file store's format (AES-GCM chunks) under a key that exists only in this
process's memory, into a nameless temporary file inside the data directory (``O_TMPFILE``: it
disappears with the process). Even a killed worker leaves no plaintext, and nothing anyone
could decrypt.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Protocol

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile

from recordright.filestore.format import DecryptingReader, EncryptingWriter


class Spool(Protocol):
    def write(self, chunk: bytes) -> None: ...
    def uploaded_file(self, *, field_name: str, name: str, content_type: str, size: int,
                      charset: str | None, content_type_extra: dict | None) -> UploadedFile: ...
    def discard(self) -> None: ...


class MemorySpool:
    def __init__(self) -> None:
        self._buffer = io.BytesIO()

    def write(self, chunk: bytes) -> None:
        self._buffer.write(chunk)

    def uploaded_file(self, *, field_name, name, content_type, size, charset,
                      content_type_extra) -> UploadedFile:
        self._buffer.seek(0)
        return InMemoryUploadedFile(self._buffer, field_name, name, content_type, size, charset,
                                    content_type_extra)

    def discard(self) -> None:
        self._buffer = io.BytesIO()


def spool_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "uploads"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


class EncryptedSpool:
    """The upload sealed in the file store's own format (``filestore.format``) under a key
    made for this one upload, which never leaves this process's memory."""

    _KEY_ID = "upload-spool"

    def __init__(self) -> None:
        self._kek = AESGCM.generate_key(bit_length=256)
        # No name on Linux (O_TMPFILE); closed by discard() or with the uploaded file.
        self._file = tempfile.TemporaryFile(dir=spool_dir())  # noqa: SIM115
        self._writer = EncryptingWriter(self._file, self._kek, self._KEY_ID)

    def write(self, chunk: bytes) -> None:
        self._writer.write(chunk)

    def uploaded_file(self, *, field_name, name, content_type, size, charset,
                      content_type_extra) -> UploadedFile:
        self._writer.close()
        self._file.flush()
        self._file.seek(0)
        plain = DecryptingReader(self._file, {self._KEY_ID: self._kek})
        reader = io.BufferedReader(plain, 1024 * 1024)
        upload = UploadedFile(reader, name, content_type, size, charset, content_type_extra)
        upload.field_name = field_name
        return upload

    def discard(self) -> None:
        self._file.close()


__all__ = ["EncryptedSpool", "MemorySpool", "Spool"]
