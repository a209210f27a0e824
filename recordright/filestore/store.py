"""The one module that stores files: encrypted, streamed, and only together with their row.

Files live under ``settings.MEDIA_ROOT`` (``<data dir>/files``) in the format of
``recordright.filestore.format``, under random names (``<folder>/<32 hex>.enc``) so that not even
a file name leaks. A file is written to a temporary name in its folder and renamed when complete,
so a crash leaves a ``.part`` file that ``recordright check`` reports, never a half file under a
real name, and never any plaintext on disk.

Inside a database transaction, a saved file is removed again if the transaction (or the
savepoint) rolls back, and ``delete_on_commit`` removes a file only once the deletion of its row
is committed. ``EncryptedStorage`` is the same store behind Django's Storage API, for FileFields.
"""

from __future__ import annotations

import os
import re
import uuid
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage
from django.db import transaction
from django.utils.deconstruct import deconstructible

from recordright import keys
from recordright.filestore.format import (
    CHUNK_SIZE,
    DecryptingReader,
    Digest,
    EncryptingWriter,
    decrypt_stream,
    read_header,
    rewrap_stream,
)

SUFFIX = ".enc"
PARTIAL_SUFFIX = ".part"
_FOLDER_PART = re.compile(r"^[A-Za-z0-9_-]+$")
_NAME = re.compile(r"^(?:[A-Za-z0-9_-]+/)*[0-9a-f]{32}\.enc$")


@dataclass(frozen=True)
class StoredFile:
    """A file in the store: its name (relative to the store), plaintext SHA-256 and size."""

    name: str
    sha256: str
    size: int


def root() -> Path:
    return Path(settings.MEDIA_ROOT)


def current_kek() -> tuple[str, bytes]:
    """(key id, key-encryption key) that new files are written with."""
    key_id, kek = next(iter(keys.file_keks().items()))
    return key_id, kek


def _folder(folder: str) -> PurePosixPath:
    path = PurePosixPath(folder)
    if path.is_absolute() or not all(_FOLDER_PART.match(part) for part in path.parts):
        raise ValueError(f"not a store folder: {folder!r} (letters, digits, - and _ only)")
    return path


def is_store_name(name: str) -> bool:
    return bool(name) and _NAME.match(name) is not None


def path_of(name: str) -> Path:
    """Where the file ``name`` lives. Refuses anything that is not a store name."""
    if not _NAME.match(name):
        raise ValueError(f"not a stored file name: {name!r}")
    return root() / name


def save_stream(stream: BinaryIO, folder: str) -> StoredFile:
    """Encrypt ``stream`` (read to its end) into a new file in ``folder``.

    Inside a transaction the file is removed again if the transaction rolls back.
    """
    with open_writer(folder) as writer:
        while chunk := stream.read(CHUNK_SIZE):
            writer.write(chunk)
    return writer.stored


def open_writer(folder: str) -> StoreWriter:
    """A new file in ``folder`` to write plaintext into, for data that is pushed, not read::

        with store.open_writer("vault/exports") as out:
            out.write(data)
        out.stored  # StoredFile

    The file appears under its name when the block ends without an exception; otherwise it
    is removed. Inside a transaction, it is removed again if the transaction rolls back.
    """
    return StoreWriter(_folder(folder))


class StoreWriter:
    def __init__(self, relative: PurePosixPath) -> None:
        self._relative = relative
        self._directory = root() / relative
        self._directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        stem = uuid.uuid4().hex
        self._partial = self._directory / f".{stem}{PARTIAL_SUFFIX}"
        self._final = self._directory / f"{stem}{SUFFIX}"
        key_id, kek = current_kek()
        fd = os.open(self._partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self._out = os.fdopen(fd, "wb")
        try:
            self._encrypting = EncryptingWriter(self._out, kek, key_id)
        except BaseException:
            self._discard()
            raise
        self.stored: StoredFile | None = None

    def write(self, data: bytes) -> int:
        return self._encrypting.write(data)

    def close(self) -> StoredFile:
        """Seal the file and give it its name (once)."""
        if self.stored is None:
            try:
                digest = self._encrypting.close()
                self._out.flush()
                os.fsync(self._out.fileno())
                self._out.close()
                self._partial.replace(self._final)
            except BaseException:
                self._discard()
                raise
            _sync_directory(self._directory)
            self.stored = StoredFile(str(self._relative / self._final.name), digest.sha256,
                                     digest.size)
            _remove_on_rollback(self.stored.name)
        return self.stored

    def _discard(self) -> None:
        self._out.close()
        self._partial.unlink(missing_ok=True)

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        if exc_type is None:
            self.close()
        else:
            self._discard()


def _sync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_plain(name: str) -> DecryptingReader:
    """A streaming, seekable reader of the plaintext (use it as a context manager)."""
    handle = path_of(name).open("rb")
    try:
        return DecryptingReader(handle, keys.file_keks())
    except BaseException:
        handle.close()
        raise


def verify(name: str) -> Digest:
    """Decrypt the whole file (authenticating every chunk); the plaintext's digest."""
    with path_of(name).open("rb") as handle:
        return decrypt_stream(handle, _Discard(), keys.file_keks())


class _Discard:
    def write(self, data: bytes) -> int:
        return len(data)


def rewrap(name: str) -> bool:
    """Wrap the file's data key with the current key (after a key rotation), in place.

    The chunks are copied unchanged; the file is replaced atomically. False if the file already
    uses the current key.
    """
    path = path_of(name)
    key_id, kek = current_kek()
    with path.open("rb") as handle:
        if read_header(handle).key_id == key_id:
            return False
    partial = path.with_name(f".{path.stem}{PARTIAL_SUFFIX}")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out, path.open("rb") as handle:
            rewrap_stream(handle, out, keys.file_keks(), kek, key_id)
            out.flush()
            os.fsync(out.fileno())
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return True


def exists(name: str) -> bool:
    return path_of(name).is_file()


def delete(name: str) -> None:
    """Remove the file now (no error if it is already gone)."""
    path_of(name).unlink(missing_ok=True)


def delete_on_commit(name: str) -> None:
    """Remove the file once the current transaction commits (at once outside one)."""
    if name:
        path_of(name)  # refuse a bad name now, not after the commit
        transaction.on_commit(lambda: delete(name), robust=True)


def all_names() -> Iterator[str]:
    """Every file in the store, finished (``.enc``) or not (``.part``), as store names."""
    base = root()
    if not base.is_dir():
        return
    for dirpath, _dirnames, filenames in os.walk(base):
        for filename in filenames:
            yield (Path(dirpath) / filename).relative_to(base).as_posix()


# -- files follow their transaction ------------------------------------------------------------
class _KeepOnCommit:
    """Registered with ``transaction.on_commit``; Django drops it unrun on a rollback.

    Django discards the callbacks of a rolled-back transaction or savepoint (and of a closed
    connection), which drops the last reference to this object; the finalizer then removes the
    file. When the commit runs the callback, the finalizer is detached and the file stays.
    """

    def __init__(self, name: str) -> None:
        self._finalizer = weakref.finalize(self, _remove_uncommitted, str(root()), name)

    def __call__(self) -> None:
        self._finalizer.detach()


def _remove_uncommitted(base: str, name: str) -> None:
    (Path(base) / name).unlink(missing_ok=True)


def _remove_on_rollback(name: str) -> None:
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_KeepOnCommit(name))


# -- Django's Storage API ----------------------------------------------------------------------
@deconstructible(path="recordright.filestore.store.EncryptedStorage")
class EncryptedStorage(Storage):
    """FileFields on the store: names are chosen by the store, files open as plaintext readers.

    ``recordright.filestore.fields.EncryptedFileField`` uses it and also keeps the checksum.
    """

    @property
    def location(self) -> str:
        return str(root())

    def _save(self, name: str, content: File) -> str:
        if hasattr(content, "seek") and getattr(content, "seekable", lambda: True)():
            content.seek(0)
        return save_stream(content, str(PurePosixPath(name).parent)).name

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        return name  # the store picks a fresh random name on save

    def generate_filename(self, filename: str) -> str:
        return str(PurePosixPath(filename))

    def _open(self, name: str, mode: str = "rb") -> File:
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("stored files are written with save(), never opened for writing")
        return File(open_plain(name), name=name)

    def path(self, name: str) -> str:
        """Where the encrypted bytes are (opening it gives ciphertext: use ``open``)."""
        return str(path_of(name))

    def delete(self, name: str) -> None:
        if name:
            delete(name)

    def exists(self, name: str) -> bool:
        return is_store_name(name) and exists(name)

    def size(self, name: str) -> int:
        with open_plain(name) as reader:
            return reader.size

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        directory = root() / _folder(path) if path else root()
        entries = list(directory.iterdir()) if directory.is_dir() else []
        return ([e.name for e in entries if e.is_dir()],
                [e.name for e in entries if e.is_file() and e.suffix == SUFFIX])

    def url(self, name: str) -> str:  # Files are only ever served through access-checked views.
        raise NotImplementedError("Encrypted files have no public URL.")


def encrypted_storage() -> EncryptedStorage:
    return EncryptedStorage()
