"""Where an upload's bytes wait while the request is read: memory, or encrypted on disk.

``MemorySpool`` (the default) keeps them in memory; the upload limit bounds it. A view that
accepts large files (a 300-page scan, a ZIP export) opts into ``EncryptedSpool``: every chunk is
sealed with AES-GCM under a key that exists only in this process's memory, into a nameless
temporary file inside the data directory (``O_TMPFILE``: it disappears with the process).
Even a killed worker leaves no plaintext, and nothing anyone could decrypt.
"""

from __future__ import annotations

import io
import struct
import tempfile
from pathlib import Path
from typing import Protocol

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile

_LENGTH = struct.Struct(">I")


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


def _nonce(index: int) -> bytes:
    # The key is used for this one file only, so a counter is a safe nonce.
    return struct.pack(">4xQ", index)


class EncryptedSpool:
    def __init__(self) -> None:
        self._aead = AESGCM(AESGCM.generate_key(bit_length=256))
        # No name on Linux (O_TMPFILE); closed by discard() or with the uploaded file.
        self._file = tempfile.TemporaryFile(dir=spool_dir())  # noqa: SIM115
        self._chunks = 0

    def write(self, chunk: bytes) -> None:
        sealed = self._aead.encrypt(_nonce(self._chunks), chunk, None)
        self._file.write(_LENGTH.pack(len(sealed)) + sealed)
        self._chunks += 1

    def uploaded_file(self, *, field_name, name, content_type, size, charset,
                      content_type_extra) -> UploadedFile:
        self._file.flush()
        reader = io.BufferedReader(_DecryptingReader(self._file, self._aead), 1024 * 1024)
        upload = UploadedFile(reader, name, content_type, size, charset, content_type_extra)
        upload.field_name = field_name
        return upload

    def discard(self) -> None:
        self._file.close()


class _DecryptingReader(io.RawIOBase):
    """Reads the plaintext back chunk by chunk; seeking re-reads from the start."""

    def __init__(self, sealed, aead: AESGCM):
        self._sealed = sealed
        self._aead = aead
        self._position = 0
        self._rewind()

    def _rewind(self) -> None:
        self._sealed.seek(0)
        self._index = 0
        self._pending = b""
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_CUR:
            offset += self._position
        elif whence == io.SEEK_END:
            raise io.UnsupportedOperation("seek from the end of a spooled upload")
        if offset < self._position:
            self._rewind()
        while self._position < offset:
            if not self.read(min(offset - self._position, 1024 * 1024)):
                break
        return self._position

    def readinto(self, buffer) -> int:
        while not self._pending:
            header = self._sealed.read(_LENGTH.size)
            if not header:
                return 0
            (length,) = _LENGTH.unpack(header)
            sealed = self._sealed.read(length)
            self._pending = self._aead.decrypt(_nonce(self._index), sealed, None)
            self._index += 1
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        self._position += count
        return count

    def close(self) -> None:
        if not self.closed:
            self._sealed.close()
        super().close()


__all__ = ["EncryptedSpool", "MemorySpool", "Spool"]
