"""The encrypted file format: AES-256-GCM envelope encryption in chunks (pure Python, no Django).

Every file gets its own random 256-bit data key. The data key is wrapped (AES-256-GCM) by a
key-encryption key (KEK) named in the header by its key id, so the KEK can be rotated later by
re-wrapping a 48-byte field instead of re-encrypting the file. The plaintext is cut into chunks
of ``CHUNK_SIZE`` bytes, each sealed on its own with the header, its index and a last-chunk flag
as associated data. Nothing is ever held in memory beyond one chunk, and a damaged file is
refused with a clear exception instead of yielding wrong bytes:

- a wrong KEK, a changed header or wrapped key: the data key does not unwrap (``WrongKey``);
- a flipped byte, a chunk moved, swapped, or copied from another file: the chunk does not
  authenticate (``TamperedFile``);
- the end cut off, at a chunk boundary or inside a chunk (``TruncatedFile`` or
  ``TamperedFile``): the last chunk is always shorter than a full chunk (possibly empty) and
  sealed with the last flag, so a file that ends any other way is incomplete.

Layout (all integers big-endian)::

    magic "RRFILE" | version 1 (1 byte) | chunk size (4) | key id length (1) | key id (ASCII)
    | wrap nonce (12) | wrapped data key (32 + 16 tag)
    then chunks: ciphertext of min(chunk size, rest) bytes + 16-byte tag, the last one short.

Chunk nonces are the chunk index (12 bytes): safe because each data key seals one file only.
docs/file-format.md describes the format for people; ``recordright.filestore.store`` is the only
module that decides where such files live.
"""

from __future__ import annotations

import hashlib
import io
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
    raw: bytes  # the exact header bytes, bound into every chunk
    wrap_nonce: bytes
    wrapped_key: bytes

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


def _nonce(index: int) -> bytes:
    return index.to_bytes(NONCE_SIZE, "big")


def _chunk_aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">QB", index, 1 if last else 0)


def _read_exactly(src: BinaryIO, size: int) -> bytes:
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
    fixed = _read_exactly(src, _FIXED.size)
    if len(fixed) < _FIXED.size or not fixed.startswith(MAGIC):
        raise NotAnEncryptedFile("This is not a recordright encrypted file (no header).")
    _magic, version, chunk_size, id_length = _FIXED.unpack(fixed)
    if version != VERSION:
        raise NotAnEncryptedFile(f"This encrypted file has format version {version}; this "
                                 f"recordright reads version {VERSION}. Upgrade recordright.")
    if not 0 < chunk_size <= MAX_CHUNK_SIZE or id_length == 0:
        raise NotAnEncryptedFile("The encrypted file's header is damaged.")
    rest = _read_exactly(src, id_length + NONCE_SIZE + WRAPPED_KEY_SIZE)
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


def encrypt_stream(src: BinaryIO, dst: BinaryIO, kek: bytes, key_id: str, *,
                   chunk_size: int = CHUNK_SIZE) -> Digest:
    """Encrypt everything ``src`` yields into ``dst``; return the plaintext's digest."""
    data_key = AESGCM.generate_key(bit_length=256)
    header = make_header(kek, key_id, data_key, chunk_size)
    aead = AESGCM(data_key)
    digest = hashlib.sha256()
    size = 0
    dst.write(header.raw)
    index = 0
    while True:
        chunk = _read_exactly(src, chunk_size)
        digest.update(chunk)
        size += len(chunk)
        last = len(chunk) < chunk_size  # the last chunk is always short, possibly empty
        dst.write(aead.encrypt(_nonce(index), chunk, _chunk_aad(header.raw, index, last)))
        if last:
            return Digest(digest.hexdigest(), size)
        index += 1


def decrypt_stream(src: BinaryIO, dst: BinaryIO, keks: Mapping[str, bytes]) -> Digest:
    """Decrypt ``src`` into ``dst``, checking every chunk; return the plaintext's digest.

    On an exception ``dst`` may hold the chunks that authenticated before the damaged one:
    callers that must not keep partial output write to a place they discard on error.
    """
    digest = hashlib.sha256()
    size = 0
    with DecryptingReader(src, keks, close_source=False) as reader:
        while chunk := reader.read_chunk():
            digest.update(chunk)
            size += len(chunk)
            dst.write(chunk)
    return Digest(digest.hexdigest(), size)


class DecryptingReader(io.RawIOBase):
    """A readable, seekable view of the plaintext of an encrypted file.

    Reads decrypt one chunk at a time and raise a ``FileStoreError`` the moment a chunk fails
    its check, so no unauthenticated byte is ever returned. Seeking needs a seekable ``src``
    (any position; ``SEEK_END`` and ``size`` authenticate the last chunk first). Closing the
    reader closes ``src`` unless ``close_source=False``.
    """

    def __init__(self, src: BinaryIO, keks: Mapping[str, bytes], *,
                 close_source: bool = True) -> None:
        super().__init__()
        self._src = src
        self._close_source = close_source
        self._start = src.tell() if src.seekable() else 0
        self.header = read_header(src)
        self._aead = AESGCM(unwrap_data_key(self.header, keks))
        self._record = self.header.chunk_size + TAG_SIZE
        self._body = self._start + len(self.header.raw)
        self._index = 0  # the chunk that the source is positioned at
        self._buffer = b""  # plaintext of chunk ``_index - 1``
        self._offset = 0  # position inside ``_buffer``
        self._beyond = 0  # how far a seek went past the end
        self._at_end = False  # the last chunk was read and authenticated
        self._size: int | None = None

    # io.RawIOBase -----------------------------------------------------------------------
    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._src.seekable()

    def readinto(self, buffer) -> int:
        """Fill ``buffer`` as far as the file goes (short only at the end, unlike raw files)."""
        view = memoryview(buffer).cast("B")
        filled = 0
        while filled < len(view):
            if self._offset >= len(self._buffer) and not self._next_chunk():
                break
            start = self._offset
            count = min(len(view) - filled, len(self._buffer) - start)
            view[filled:filled + count] = memoryview(self._buffer)[start:start + count]
            self._offset += count
            filled += count
        return filled

    def readall(self) -> bytes:
        parts = [self._buffer[self._offset:]]
        self._offset = len(self._buffer)
        while chunk := self.read_chunk():
            parts.append(chunk)
        return b"".join(parts)

    def tell(self) -> int:
        return max(self._index - 1, 0) * self.header.chunk_size + self._offset + self._beyond

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if not self.seekable():
            raise io.UnsupportedOperation("the encrypted source cannot seek")
        if whence == io.SEEK_CUR:
            offset += self.tell()
        elif whence == io.SEEK_END:
            offset += self.size
        elif whence != io.SEEK_SET:
            raise ValueError(f"invalid whence {whence}")
        if offset < 0:
            raise ValueError("negative seek position")
        inside = min(offset, self.size)
        index, within = divmod(inside, self.header.chunk_size)
        if index != self._index - 1:
            self._load(index)
        self._offset = within
        self._beyond = offset - inside  # past the end, as files allow: reads return b""
        return offset

    def close(self) -> None:
        if not self.closed and self._close_source:
            self._src.close()
        super().close()

    # chunks -------------------------------------------------------------------------------
    def read_chunk(self) -> bytes:
        """The rest of the current chunk, or the next whole chunk (b"" at the end)."""
        if self._offset < len(self._buffer):
            rest = self._buffer[self._offset:]
            self._offset = len(self._buffer)
            return rest
        if not self._next_chunk():
            return b""
        self._offset = len(self._buffer)
        return self._buffer

    @property
    def size(self) -> int:
        """The plaintext size, from the file length, with the last chunk authenticated."""
        if self._size is None:
            position = self.tell()
            end = self._src.seek(0, io.SEEK_END)
            body = end - self._body
            full_chunks = body // self._record  # the last record is always shorter than full
            self._load(full_chunks)
            self._size = full_chunks * self.header.chunk_size + len(self._buffer)
            self.seek(position)  # bounded by the size just set: no recursion
        return self._size

    def _load(self, index: int) -> None:
        """Put chunk ``index`` in the buffer (it must exist: callers bound it by the size)."""
        self._src.seek(self._body + index * self._record)
        self._index = index
        self._at_end = False
        self._buffer, self._offset, self._beyond = b"", 0, 0
        self._next_chunk()

    def _next_chunk(self) -> bool:
        """Decrypt the chunk at the source's position into the buffer. False at the end."""
        if self._at_end or self._beyond:
            return False  # the last chunk stays in the buffer, so tell() stays right
        record = _read_exactly(self._src, self._record)
        last = len(record) < self._record
        if len(record) < TAG_SIZE:
            raise TruncatedFile(f"The encrypted file is incomplete: it ends before chunk "
                                f"{self._index + 1} (the end of the file is missing).")
        try:
            plain = self._aead.decrypt(_nonce(self._index), record,
                                       _chunk_aad(self.header.raw, self._index, last))
        except InvalidTag as exc:
            raise TamperedFile(f"The encrypted file is damaged: chunk {self._index + 1} fails "
                               f"its integrity check (changed, moved, or cut short).") from exc
        # A short record is read only at the end of the source, and must be the sealed last one:
        # bytes appended after it make it fail above.
        self._at_end = last
        self._index += 1
        self._buffer, self._offset = plain, 0
        return True
