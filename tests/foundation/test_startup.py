"""Importing writes nothing; the commands that open the database make the key and folders,
and refuse, in one sentence, to start with a missing or wrong key (never a new key)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("RECORDRIGHT_", "DJANGO_", "XDG_", "DATABASE_URL"))}
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env.update(HOME=str(home), RECORDRIGHT_DATA_DIR=str(tmp_path / "data"),
               PYTHONPATH=str(ROOT), **extra)
    return env


def _run(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    cwd = tmp_path / "cwd"
    cwd.mkdir(exist_ok=True)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=_env(tmp_path, **extra),
                          capture_output=True, text=True, timeout=300)


def _written(tmp_path: Path) -> list[str]:
    return sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*")
                  if path.name not in ("home", "cwd"))


SETUP = ("import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'recordright.settings'; "
         "import recordright, recordright.settings; django.setup(); "
         "from django.urls import reverse; reverse('dashboard')")


@pytest.mark.parametrize("args", [
    ("-c", SETUP),
    ("-m", "recordright", "--help"),
    ("-m", "recordright", "manage", "--help"),
], ids=["import-and-setup", "help", "manage-help"])
def test_importing_or_asking_for_help_writes_nothing(tmp_path, args):
    done = _run(tmp_path, *args)
    assert done.returncode == 0, done.stderr
    assert _written(tmp_path) == []


def test_collecting_the_tests_writes_nothing(tmp_path):
    done = _run(tmp_path, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                "--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml"),
                str(ROOT / "tests" / "requests" / "test_step_letters.py"),
                RECORDRIGHT_TEST_WORKER="main")
    assert done.returncode == 0, done.stdout + done.stderr
    assert _written(tmp_path) == []


def _first_run(tmp_path: Path) -> subprocess.CompletedProcess:
    return _run(tmp_path, "-m", "recordright", "manage", "migrate", "--verbosity", "0")


def _key_file(tmp_path: Path) -> Path:
    return tmp_path / "home" / ".config" / "recordright" / "master.key"


def test_the_first_command_that_opens_the_database_makes_the_key_and_folders(tmp_path):
    done = _first_run(tmp_path)
    assert done.returncode == 0, done.stderr
    assert _key_file(tmp_path).stat().st_mode & 0o777 == 0o600
    data = tmp_path / "data"
    assert (data / "recordright.db").exists() and (data / "static").is_dir()


def test_the_first_run_message_names_the_key_really_created(tmp_path):
    key = tmp_path / "elsewhere" / "my.key"
    code = "from recordright.commands import run; run._announce_key(run.setup_django())"
    done = _run(tmp_path, "-c", code, RECORDRIGHT_KEY_FILE="../elsewhere/my.key")
    assert done.returncode == 0, done.stderr
    assert key.exists() and f"Encryption key: created {key}" in done.stdout
    again = _run(tmp_path, "-c", code, RECORDRIGHT_KEY_FILE="../elsewhere/my.key")
    assert f"Encryption key: {key}\n" in again.stdout and "created" not in again.stdout


def _refused(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    message = done.stderr.strip()
    assert message.count("\n") == 0 and message.startswith("recordright cannot start.")
    return message


def test_a_missing_key_beside_a_database_refuses_to_start_and_makes_no_key(tmp_path):
    assert _first_run(tmp_path).returncode == 0
    key = _key_file(tmp_path)
    key.unlink()
    message = _refused(_run(tmp_path, "-m", "recordright", "manage", "check"))
    assert str(key) in message and "restore the key file from your backup" in message
    assert not key.exists()


def test_a_wrong_key_refuses_to_start_in_one_sentence(tmp_path):
    assert _first_run(tmp_path).returncode == 0
    key = _key_file(tmp_path)
    key.write_text("cd" * 32 + "\n")
    message = _refused(_run(tmp_path, "-m", "recordright", "manage", "check"))
    assert str(key) in message and "is not the key" in message
    assert "restore the right key file from your backup" in message


def test_a_wrong_key_for_an_install_without_a_fingerprint_is_found_by_the_database(tmp_path):
    assert _first_run(tmp_path).returncode == 0
    (tmp_path / "data" / "key-fingerprint").unlink()  # an install from before the check
    _key_file(tmp_path).write_text("cd" * 32 + "\n")
    assert "is not the key" in _refused(_run(tmp_path, "-m", "recordright", "manage", "check"))


def test_a_malformed_key_refuses_in_one_sentence(tmp_path):
    assert _first_run(tmp_path).returncode == 0
    _key_file(tmp_path).write_text("not a key\n")
    message = _refused(_run(tmp_path, "-m", "recordright", "manage", "check"))
    assert "does not hold a valid encryption key" in message
