"""The master key and the keys derived from it.

One random 256-bit master key is created on first run (by ``recordright.startup``,
never on import) and kept in a file apart from the data directory (or given in
``RECORDRIGHT_KEY``). Separate keys for the
database and for stored files are derived from it with HKDF, so neither key is
ever written next to what it protects. A lost key means lost records: the
admin guide and ``make run`` say so.
"""

from __future__ import annotations

import base64
import os
import secrets
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from recordright import config

KEY_BYTES = 32


class KeyError_(RuntimeError):
    """The master key is missing or malformed."""


class MissingKey(KeyError_):
    """No key: neither ``RECORDRIGHT_KEY`` nor the key file (startup creates it on first run)."""


def _parse_key(text: str, origin: str) -> bytes:
    text = text.strip()
    try:
        raw = bytes.fromhex(text)
    except ValueError as exc:
        raise KeyError_(f"{origin} does not hold a hexadecimal key") from exc
    if len(raw) != KEY_BYTES:
        raise KeyError_(f"{origin} must hold {KEY_BYTES * 2} hexadecimal characters")
    return raw


def ensure_key_file(path: Path | None = None) -> Path:
    """Create the master key file (mode 0600) if it does not exist yet.

    Only ``recordright.startup`` calls this for the real key, after checking that no data
    encrypted with a lost key is waiting: a new key could never read it."""
    path = path or config.key_file()
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(KEY_BYTES) + "\n")
    return path


def from_environment() -> bool:
    return bool(os.environ.get("RECORDRIGHT_KEY", ""))


@lru_cache(maxsize=1)
def master_key() -> bytes:
    """The master key, read (never created) from ``RECORDRIGHT_KEY`` or the key file."""
    if from_environment():
        return _parse_key(os.environ["RECORDRIGHT_KEY"], "RECORDRIGHT_KEY")
    path = config.key_file()
    if not path.exists():
        raise MissingKey(f"The encryption key file {path} does not exist")
    return _parse_key(path.read_text(encoding="ascii"), str(path))


def derive(purpose: str) -> bytes:
    """A 256-bit key for one purpose ("database", "files", ...)."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                info=f"recordright/{purpose}".encode())
    return hkdf.derive(master_key())


def fingerprint() -> str:
    """A value that tells keys apart without revealing them (kept beside the data)."""
    return derive("key-check").hex()


def database_key_hex() -> str:
    return derive("database").hex()


def files_fernet_key() -> bytes:
    """The key of the first file format (Fernet): only the migration to the new one reads it."""
    return base64.urlsafe_b64encode(derive("files"))


def file_keks() -> dict[str, bytes]:
    """Key-encryption keys for stored files by key id; the first is the one new files use.

    The id is a fingerprint of the master key, so a file written under another master key is
    reported as such (not as damaged). Rotation adds older keys here, newest first.
    """
    return {"mk-" + derive("files-key-id")[:6].hex(): derive("files-kek")}
