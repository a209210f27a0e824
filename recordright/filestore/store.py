"""Interim streaming encrypted file store, same API as the "filestore" branch's store.py.

Each file: chunks of up to 1 MiB, AES-256-GCM, a random nonce each, the chunk index and a
final flag as associated data. Replaced wholesale when the filestore branch is merged.
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
import struct
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

from recordright import keys

CHUNK = 1024 * 1024
_HEADER = struct.Struct(">I")


@dataclass(frozen=True)
class StoredFile:
    name: str
    sha256: str
    size: int


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "store"


def _path(name: str) -> Path:
    if ".." in name.split("/") or name.startswith("/"):
        raise ValueError("bad stored name")
    return _root() / name


def _aead() -> AESGCM:
    return AESGCM(keys.derive("filestore"))


def save_stream(stream: BinaryIO, folder: str) -> StoredFile:
    name = f"{folder.strip('/')}/{uuid.uuid4().hex}.enc"
    path = _path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    digest, size, aead = hashlib.sha256(), 0, _aead()
    partial = path.with_suffix(".part")
    with open(partial, "wb") as out:
        index, block = 0, stream.read(CHUNK)
        while True:
            following = stream.read(CHUNK) if block else b""
            final = not following
            digest.update(block)
            size += len(block)
            nonce = secrets.token_bytes(12)
            sealed = aead.encrypt(nonce, block, struct.pack(">Q?", index, final))
            out.write(_HEADER.pack(len(sealed)) + nonce + sealed)
            if final:
                break
            index, block = index + 1, following
        out.flush()
        os.fsync(out.fileno())
    partial.replace(path)
    return StoredFile(name=name, sha256=digest.hexdigest(), size=size)


def _chunks(name: str) -> Iterator[bytes]:
    aead = _aead()
    with open(_path(name), "rb") as handle:
        index = 0
        while True:
            header = handle.read(_HEADER.size)
            if not header:
                raise ValueError("stored file is truncated")
            (length,) = _HEADER.unpack(header)
            nonce, sealed = handle.read(12), handle.read(length)
            for final in (False, True):
                try:
                    yield aead.decrypt(nonce, sealed, struct.pack(">Q?", index, final))
                except Exception:  # noqa: S112 - try the other flag
                    continue
                if final:
                    return
                break
            else:
                raise ValueError("stored file does not decrypt")
            index += 1


class _Reader(io.RawIOBase):
    def __init__(self, name: str) -> None:
        self._chunks, self._buffer = _chunks(name), b""

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while not self._buffer:
            block = next(self._chunks, None)
            if block is None:
                return 0
            self._buffer = block
        count = min(len(target), len(self._buffer))
        target[:count], self._buffer = self._buffer[:count], self._buffer[count:]
        return count


def open_plain(name: str) -> BinaryIO:
    return io.BufferedReader(_Reader(name), CHUNK)


def delete(name: str) -> None:
    _path(name).unlink(missing_ok=True)


def exists(name: str) -> bool:
    return _path(name).exists()
