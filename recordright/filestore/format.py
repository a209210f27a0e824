"""The encrypted file format: AES-256-GCM envelope encryption in chunks (pure Python, no Django).

Every file gets its own random 256-bit data key. The data key is wrapped (AES-256-GCM) by a
key-encryption key (KEK) named in the header by its key id, so the KEK can be rotated later by
re-wrapping the data key (``rewrap_stream``) instead of re-encrypting the file. The plaintext is
cut into chunks of ``CHUNK_SIZE`` bytes, each sealed on its own with the fixed part of the header
(format, version, chunk size), its index and a last-chunk flag as associated data; the key block
is sealed by its own tag, and a different wrapped key means a different data key. Nothing is ever
held in memory beyond one chunk, and a damaged file is refused with a clear exception instead of
yielding wrong bytes:

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
from collections.abc import Mapping
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from recordright.filestore.envelope import (
    CHUNK_SIZE,
    KEY_SIZE,
    MAGIC,
    MAX_CHUNK_SIZE,
    NONCE_SIZE,
    TAG_SIZE,
    VERSION,
    DamagedFile,
    Digest,
    FileStoreError,
    Header,
    NotAnEncryptedFile,
    TamperedFile,
    TruncatedFile,
    UnknownKeyId,
    WrongKey,
    chunk_aad,
    chunk_nonce,
    make_header,
    read_exactly,
    read_header,
    unwrap_data_key,
)

__all__ = [
    "CHUNK_SIZE", "KEY_SIZE", "MAGIC", "MAX_CHUNK_SIZE", "NONCE_SIZE", "TAG_SIZE", "VERSION",
    "DamagedFile", "DecryptingReader", "Digest", "EncryptingWriter", "FileStoreError", "Header",
    "NotAnEncryptedFile", "TamperedFile", "TruncatedFile", "UnknownKeyId", "WrongKey",
    "decrypt_stream", "encrypt_stream", "make_header", "read_header", "rewrap_stream",
    "unwrap_data_key",
]


def encrypt_stream(src: BinaryIO, dst: BinaryIO, kek: bytes, key_id: str, *,
                   chunk_size: int = CHUNK_SIZE) -> Digest:
    """Encrypt everything ``src`` yields into ``dst``; return the plaintext's digest."""
    writer = EncryptingWriter(dst, kek, key_id, chunk_size=chunk_size)
    while chunk := read_exactly(src, chunk_size):
        writer.write(chunk)
    return writer.close()


class EncryptingWriter:
    """Encrypt what is written to it into ``dst``, chunk by chunk (for data that is pushed).

    ``close()`` seals the last chunk and returns the plaintext's digest; until then the file is
    incomplete, and reading it fails (``TruncatedFile``). Used as a context manager, it closes
    on success only, so an exception leaves an incomplete file, never a short complete one.
    """

    def __init__(self, dst: BinaryIO, kek: bytes, key_id: str, *,
                 chunk_size: int = CHUNK_SIZE) -> None:
        data_key = AESGCM.generate_key(bit_length=256)
        self.header = make_header(kek, key_id, data_key, chunk_size)
        self._dst = dst
        self._aead = AESGCM(data_key)
        self._chunk_size = chunk_size
        self._pending = bytearray()
        self._index = 0
        self._sha256 = hashlib.sha256()
        self._size = 0
        self.digest: Digest | None = None
        dst.write(self.header.raw)

    def write(self, data: bytes) -> int:
        if self.digest is not None:
            raise ValueError("write to a closed EncryptingWriter")
        view = memoryview(data).cast("B")
        self._sha256.update(view)
        self._size += len(view)
        if self._pending:
            take = min(len(view), self._chunk_size - len(self._pending))
            self._pending += view[:take]
            view = view[take:]
            if len(self._pending) == self._chunk_size:
                self._seal(self._pending, last=False)  # a full chunk is never the last one
                self._pending = bytearray()
        while len(view) >= self._chunk_size:
            self._seal(view[:self._chunk_size], last=False)
            view = view[self._chunk_size:]
        self._pending += view
        return len(data)

    def close(self) -> Digest:
        if self.digest is None:
            self._seal(self._pending, last=True)  # short, possibly empty
            self._pending = bytearray()
            self.digest = Digest(self._sha256.hexdigest(), self._size)
        return self.digest

    def _seal(self, chunk, *, last: bool) -> None:
        self._dst.write(self._aead.encrypt(chunk_nonce(self._index), chunk,
                                           chunk_aad(self.header.bound, self._index, last)))
        self._index += 1

    def __enter__(self) -> EncryptingWriter:
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        if exc_type is None:
            self.close()


def rewrap_stream(src: BinaryIO, dst: BinaryIO, keks: Mapping[str, bytes], kek: bytes,
                  key_id: str) -> None:
    """Copy an encrypted file with its data key wrapped by ``kek`` (key rotation).

    Only the header changes; the chunks are copied as they are, without being decrypted.
    """
    header = read_header(src)
    data_key = unwrap_data_key(header, keks)
    dst.write(make_header(kek, key_id, data_key, header.chunk_size).raw)
    while block := src.read(1024 * 1024):
        dst.write(block)


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
        record = read_exactly(self._src, self._record)
        last = len(record) < self._record
        if len(record) < TAG_SIZE:
            raise TruncatedFile(f"The encrypted file is incomplete: it ends before chunk "
                                f"{self._index + 1} (the end of the file is missing).")
        try:
            plain = self._aead.decrypt(chunk_nonce(self._index), record,
                                       chunk_aad(self.header.bound, self._index, last))
        except InvalidTag as exc:
            raise TamperedFile(f"The encrypted file is damaged: chunk {self._index + 1} fails "
                               f"its integrity check (changed, moved, or cut short).") from exc
        # A short record is read only at the end of the source, and must be the sealed last one:
        # bytes appended after it make it fail above.
        self._at_end = last
        self._index += 1
        self._buffer, self._offset = plain, 0
        return True
