"""The header of an encrypted file: format, chunk size, and the wrapped data key (pure Python).

``recordright.filestore.format`` describes the whole format and holds the streaming code; this
module reads and writes the header, wraps and unwraps the data key, and names the errors.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"RRFILE"
VERSION = 1
CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
NONCE_SIZE = 12
KEY_SIZE = 32
MAX_CHUNK_SIZE = 16 * 1024 * 1024  # a header asking for more is refused, not allocated
_FIXED = struct.Struct(">6sBIB")  # magic, version, chunk size, key id length
_BOUND = struct.calcsize(">6sBI")  # the part of the header bound into every chunk
WRAPPED_KEY_SIZE = KEY_SIZE + TAG_SIZE


class FileStoreError(Exception):
    """An encrypted file cannot be read. The message says why, in one sentence."""


class NotAnEncryptedFile(FileStoreError):
    """The bytes do not start with a header this code knows."""


class UnknownKeyId(FileStoreError):
    """The file was sealed with a key this installation does not have."""


class WrongKey(FileStoreError):
    """The key named in the header does not open the file (wrong key or damaged header)."""


class DamagedFile(FileStoreError):
    """The file's contents fail their integrity check."""


class TruncatedFile(DamagedFile):
    """The file ends before its last chunk."""


class TamperedFile(DamagedFile):
    """A chunk fails authentication: changed, moved, swapped, or cut inside."""


@dataclass(frozen=True)
class Digest:
    """What the plaintext was: its SHA-256 (hex) and its size in bytes."""

    sha256: str
    size: int


@dataclass(frozen=True)
class Header:
    key_id: str
    chunk_size: int
    raw: bytes  # the exact header bytes
    wrap_nonce: bytes
    wrapped_key: bytes

    @property
    def bound(self) -> bytes:
        """Magic, version and chunk size: what every chunk authenticates with."""
        return self.raw[:_BOUND]

    @property
    def wrap_aad(self) -> bytes:
        return self.raw[: len(self.raw) - NONCE_SIZE - WRAPPED_KEY_SIZE]


def _check_key_id(key_id: str) -> bytes:
    encoded = key_id.encode("ascii")
    if not 0 < len(encoded) < 256:
        raise ValueError("a key id is 1 to 255 ASCII characters")
    return encoded


def _check_kek(kek: bytes) -> None:
    if len(kek) != KEY_SIZE:
        raise ValueError(f"a key-encryption key is {KEY_SIZE} bytes")


def chunk_nonce(index: int) -> bytes:
    return index.to_bytes(NONCE_SIZE, "big")


def chunk_aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">QB", index, 1 if last else 0)


def read_exactly(src: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes: fewer only at the end of the stream (reads may return less)."""
    parts = []
    wanted = size
    while wanted:
        part = src.read(wanted)
        if not part:
            break
        parts.append(part)
        wanted -= len(part)
    return b"".join(parts) if len(parts) != 1 else parts[0]


def make_header(kek: bytes, key_id: str, data_key: bytes,
                chunk_size: int = CHUNK_SIZE) -> Header:
    _check_kek(kek)
    encoded = _check_key_id(key_id)
    if not 0 < chunk_size <= MAX_CHUNK_SIZE:
        raise ValueError(f"chunk size must be 1 to {MAX_CHUNK_SIZE} bytes")
    prefix = _FIXED.pack(MAGIC, VERSION, chunk_size, len(encoded)) + encoded
    wrap_nonce = os.urandom(NONCE_SIZE)
    wrapped = AESGCM(kek).encrypt(wrap_nonce, data_key, prefix)
    return Header(key_id=key_id, chunk_size=chunk_size, raw=prefix + wrap_nonce + wrapped,
                  wrap_nonce=wrap_nonce, wrapped_key=wrapped)


def read_header(src: BinaryIO) -> Header:
    fixed = read_exactly(src, _FIXED.size)
    if len(fixed) < _FIXED.size or not fixed.startswith(MAGIC):
        raise NotAnEncryptedFile("This is not a recordright encrypted file (no header).")
    _magic, version, chunk_size, id_length = _FIXED.unpack(fixed)
    if version != VERSION:
        raise NotAnEncryptedFile(f"This encrypted file has format version {version}; this "
                                 f"recordright reads version {VERSION}. Upgrade recordright.")
    if not 0 < chunk_size <= MAX_CHUNK_SIZE or id_length == 0:
        raise NotAnEncryptedFile("The encrypted file's header is damaged.")
    rest = read_exactly(src, id_length + NONCE_SIZE + WRAPPED_KEY_SIZE)
    if len(rest) < id_length + NONCE_SIZE + WRAPPED_KEY_SIZE:
        raise TruncatedFile("The encrypted file ends inside its header.")
    try:
        key_id = rest[:id_length].decode("ascii")
    except UnicodeDecodeError as exc:
        raise NotAnEncryptedFile("The encrypted file's header is damaged.") from exc
    return Header(key_id=key_id, chunk_size=chunk_size, raw=fixed + rest,
                  wrap_nonce=rest[id_length:id_length + NONCE_SIZE],
                  wrapped_key=rest[id_length + NONCE_SIZE:])


def unwrap_data_key(header: Header, keks: Mapping[str, bytes]) -> bytes:
    kek = keks.get(header.key_id)
    if kek is None:
        known = ", ".join(sorted(keks)) or "none"
        raise UnknownKeyId(f"This file was encrypted with key {header.key_id!r}, which this "
                           f"installation does not have (it has: {known}). Restore the master "
                           f"key it was written with.")
    _check_kek(kek)
    try:
        return AESGCM(kek).decrypt(header.wrap_nonce, header.wrapped_key, header.wrap_aad)
    except InvalidTag as exc:
        raise WrongKey(f"Key {header.key_id!r} does not open this file: the key is not the one "
                       f"it was written with, or the file's header is damaged.") from exc
