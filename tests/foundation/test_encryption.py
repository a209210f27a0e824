"""Data is encrypted at rest from the first run, with the key kept apart from the data."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from recordright import keys
from recordright.db.sqlcipher.base import Database
from recordright.filestore.store import EncryptedStorage


def test_it_derives_distinct_keys_for_each_purpose():
    assert keys.derive("database") != keys.derive("files")
    assert len(keys.database_key_hex()) == 64


def test_it_creates_a_private_key_file_once(tmp_path):
    path = keys.ensure_key_file(tmp_path / "conf" / "master.key")
    first = path.read_text()
    assert path.stat().st_mode & 0o777 == 0o600
    assert keys.ensure_key_file(path).read_text() == first
    assert len(first.strip()) == 64


def test_it_rejects_a_malformed_key():
    with pytest.raises(keys.KeyError_):
        keys._parse_key("not-hex", "test")
    with pytest.raises(keys.KeyError_):
        keys._parse_key("ab" * 8, "test")


def test_a_sqlcipher_file_cannot_be_read_without_the_key(tmp_path):
    path = tmp_path / "secret.db"
    conn = Database.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{keys.database_key_hex()}'\"")
    conn.execute("CREATE TABLE t (name TEXT)")
    conn.execute("INSERT INTO t VALUES ('Sam Synthetic')")
    conn.commit()
    conn.close()
    raw = path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert b"Sam Synthetic" not in raw
    wrong = Database.connect(str(path))
    wrong.execute(f"PRAGMA key = \"x'{'00' * 32}'\"")
    with pytest.raises(Database.DatabaseError):
        wrong.execute("SELECT * FROM t").fetchall()


@pytest.mark.django_db
def test_the_default_database_runs_on_sqlcipher():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL run")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cipher_version")
        assert cursor.fetchone()[0].startswith("4.")


def test_stored_files_are_encrypted_and_read_back(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    storage = EncryptedStorage()
    name = storage.save("evidence/scan.pdf", ContentFile(b"%PDF-1.7 synthetic letter"))
    assert name.endswith(".enc") and "scan" not in name
    on_disk = (Path(tmp_path) / name).read_bytes()
    assert b"synthetic" not in on_disk
    with storage.open(name) as handle:
        assert handle.read() == b"%PDF-1.7 synthetic letter"


def test_a_fresh_instance_creates_its_key_apart_and_an_encrypted_database(tmp_path):
    """What `make run` does first: key file outside the data dir, SQLCipher database."""
    import os
    import subprocess
    import sys

    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("RECORDRIGHT_", "DATABASE_URL", "DJANGO_"))}
    env.update(RECORDRIGHT_DATA_DIR=str(tmp_path / "data"),
               RECORDRIGHT_KEY_FILE=str(tmp_path / "config" / "master.key"))
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-m", "recordright", "manage", "migrate", "-v", "0"],
                   cwd=root, env=env, check=True, capture_output=True)
    database = (tmp_path / "data" / "recordright.db").read_bytes()
    assert (tmp_path / "config" / "master.key").exists()
    assert not list((tmp_path / "data").rglob("*.key"))
    assert not database.startswith(b"SQLite format 3")
    assert b"CREATE TABLE" not in database
