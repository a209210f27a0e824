"""The command line on a fresh data directory (no migrate step), and an import killed in the
middle: nothing half-visible, the next start cleans up, ``recordright check`` clean."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from tests.vault.conftest import CCD

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture
def fresh(tmp_path):
    """Run ``recordright`` in a subprocess on an empty data directory (SQLCipher)."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(RECORDRIGHT_DATA_DIR=str(tmp_path / "data"), RECORDRIGHT_KEY="cd" * 32)

    def run(*argv, check=True) -> subprocess.CompletedProcess:
        result = subprocess.run([sys.executable, "-m", "recordright", *map(str, argv)],
                                capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    run.env = env
    run.data = tmp_path / "data"
    return run


def test_patient_add_import_and_search_on_a_fresh_data_directory(fresh):
    added = fresh("patient", "add", "Ada Synthetic", "--born", "1980-01-02", "--json")
    patient_id = json.loads(added.stdout)["id"]
    listed = [json.loads(line) for line in fresh("patient", "list", "--json").stdout.splitlines()]
    assert [(row["id"], row["name"], row["date_of_birth"]) for row in listed] == [
        (patient_id, "Ada Synthetic", "1980-01-02")]
    second = fresh("patient", "add", "Bo Synthetic")  # the same local account, no --born
    assert second.stdout.strip().isdigit()
    imported = fresh("import", "--patient", patient_id, CCD, "--json")
    row = json.loads(imported.stdout)
    assert row["status"] == "imported" and row["kind"] == "ccda"
    assert imported.stderr == ""  # no progress bar when stderr is not a terminal
    hits = fresh("search", "--patient", patient_id, "--json", "diabetes").stdout.splitlines()
    assert hits and json.loads(hits[0])["document"]["name"] == CCD.name
    assert fresh("check").returncode == 0


def test_an_unknown_patient_is_refused(fresh):
    result = fresh("import", "--patient", "999", CCD, check=False)
    assert result.returncode == 2 and "no patient" in result.stderr


def _big_ndjson(path: Path, count: int) -> Path:
    with path.open("wb") as out:
        for number in range(count):
            out.write(orjson.dumps({
                "resourceType": "Observation", "id": f"obs-{number}", "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": "2339-0",
                                     "display": "Glucose"}], "text": "Glucose"},
                "effectiveDateTime": f"20{10 + number % 15}-01-{1 + number % 28:02d}",
                "valueQuantity": {"value": 70 + number % 90, "unit": "mg/dL"}}) + b"\n")
    return path


def test_an_import_killed_midway_leaves_nothing_and_the_next_start_cleans_up(fresh, tmp_path):
    patient_id = json.loads(fresh("patient", "add", "Kim Synthetic", "--json").stdout)["id"]
    big = _big_ndjson(tmp_path / "export.ndjson", 150_000)
    process = subprocess.Popen([sys.executable, "-m", "recordright", "import", "--patient",
                                str(patient_id), str(big), "--json"], cwd=ROOT, env=fresh.env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    store = fresh.data / "files" / "vault"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        if len(list(store.rglob("*.enc"))) >= 4:  # the original and a few raw chunks
            break
        time.sleep(0.05)
    assert process.poll() is None, "the import finished before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.wait()
    # Nothing half-visible: no entry can be found, the check names the interrupted import.
    assert fresh("search", "--patient", patient_id, "glucose").stdout.strip() == "No matches."
    check = fresh("check", "--json", check=False)
    results = {json.loads(line)["name"]: json.loads(line) for line in check.stdout.splitlines()}
    assert not results["vault-imports"]["ok"]
    if list(store.rglob("*.part")):  # a chunk was being written: let it look abandoned
        time.sleep(11)
    # The next import cleans up what the killed one left, and imports its own file.
    row = json.loads(fresh("import", "--patient", patient_id, CCD, "--json").stdout)
    assert row["status"] == "imported"
    assert fresh("check").returncode == 0
    again = json.loads(fresh("import", "--patient", patient_id, big, "--json").stdout)
    assert again["status"] == "imported" and again["resources"] == {"Observation": 150_000}
