"""What must hold before recordright opens its database, done by the commands that open it.

``recordright run``, ``recordright manage`` (migrate and the rest) and every CLI command
that reads the database call ``prepare()`` before Django connects; importing the package
or the settings, collecting the tests or printing ``--help`` writes nothing.

- The master key: created on the very first run only. A key file missing beside data
  encrypted with it, or a key that is not the one the data was encrypted with, stops
  recordright with one sentence saying which key file and what to do; a new key is never
  made in its place (it could never read that data).
- The data directory and its static folder.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from pathlib import Path

from recordright import config, keys

DATABASE_FILE = "recordright.db"
# Beside the data: a fingerprint of the key it was encrypted with (keys.fingerprint, an HKDF
# output that reveals nothing about the key), so a wrong key is named before it is used.
FINGERPRINT_FILE = "key-fingerprint"


class StartupError(RuntimeError):
    """recordright cannot start; the message is one sentence for the person starting it."""


@dataclass(frozen=True)
class Prepared:
    key_file: Path | None  # None when the key comes from RECORDRIGHT_KEY
    created: bool  # a new key file was made just now (the very first run)


def _sqlite_file(data: Path) -> Path | None:
    return None if config.env_str("DATABASE_URL", "") else data / DATABASE_FILE


def _holds_data(data: Path) -> bool:
    """Anything here was encrypted with a key: the database, stored files, a fingerprint."""
    sqlite = _sqlite_file(data)
    files = data / "files"
    return bool((sqlite and sqlite.exists()) or (data / FINGERPRINT_FILE).exists()
                or (files.is_dir() and any(path.is_file() for path in files.rglob("*"))))


def _sqlite_opens(path: Path) -> bool:
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(str(path))
    try:
        # A wrong key is the expected answer here, not an error for SQLCipher's own log.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{keys.database_key_hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi2.DatabaseError:
        return False
    finally:
        conn.close()
    return True


def _check_key(data: Path, origin: str) -> None:
    wrong = StartupError(
        f"The encryption key in {origin} is not the key the data in {data} was encrypted "
        "with: restore the right key file from your backup.")
    try:
        fingerprint = keys.fingerprint()
    except keys.KeyError_ as error:
        raise StartupError(f"{origin} does not hold a valid encryption key (64 hexadecimal "
                           "characters): restore the key file from your backup.") from error
    marker = data / FINGERPRINT_FILE
    if marker.exists():
        if not hmac.compare_digest(marker.read_text(encoding="ascii").strip(), fingerprint):
            raise wrong
        return
    sqlite = _sqlite_file(data)
    if sqlite and sqlite.exists() and not _sqlite_opens(sqlite):
        raise wrong
    data.mkdir(parents=True, exist_ok=True)
    marker.write_text(fingerprint + "\n", encoding="ascii")


def prepare(*, create_key: bool = True) -> Prepared:
    """Make sure the key and the folders are there, or raise StartupError."""
    data = config.data_dir()
    key_file, created = None, False
    if not keys.from_environment():
        key_file = config.key_file().resolve()
        if not key_file.exists():
            if _holds_data(data):
                raise StartupError(
                    f"The encryption key file {key_file} is missing, but {data} holds data "
                    "encrypted with it: restore the key file from your backup (recordright "
                    "will not make a new key, which could never read that data).")
            if not create_key:
                raise StartupError(f"The encryption key file {key_file} does not exist: run "
                                   "'recordright run' once to create it.")
            keys.ensure_key_file(key_file)
            created = True
    _check_key(data, str(key_file) if key_file else "RECORDRIGHT_KEY")
    (data / "static").mkdir(parents=True, exist_ok=True)  # whitenoise expects it
    return Prepared(key_file, created)
