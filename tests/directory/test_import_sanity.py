"""A directory import refuses what would damage the directory (issue 9, item 6)."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import zipfile

import pytest
from django.test import override_settings

from recordright.directory import import_guard, loader, nppes
from recordright.directory.models import DirectoryImport, NpiRecord
from recordright.directory.search import search_providers
from tests.directory.conftest import MAIN, NPIS

pytestmark = pytest.mark.django_db


def _lines() -> list[str]:
    return MAIN.read_text(encoding="utf-8").splitlines(keepends=True)


def _write(tmp_path, text: str, name: str = "npidata_pfile_20050523-20260405.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _split(line: str) -> list[str]:
    return line.rstrip("\r\n")[1:-1].split('","')


def test_it_finds_the_columns_by_name_in_any_order(db, tmp_path):
    lines = _lines()
    order = list(range(len(_split(lines[0]))))
    random.Random(7).shuffle(order)
    shuffled = ['"' + '","'.join(_split(line)[i] for i in order) + '"\r\n' for line in lines]
    loader.import_path(_write(tmp_path, "".join(shuffled)), progress=False)
    assert NpiRecord.objects.count() == 298
    cardiologist = NpiRecord.objects.get(npi=NPIS["patel_cardiology"])
    assert (cardiologist.last_name, cardiologist.primary_taxonomy) == ("PATEL", "207RC0000X")
    assert search_providers("patel card")[0].npi == str(NPIS["patel_cardiology"])


def test_it_refuses_a_file_whose_last_line_is_cut(directory, tmp_path):
    text = MAIN.read_text(encoding="utf-8")
    cut = _write(tmp_path, text[: len(text) - 900])  # mid-way through the last record
    with pytest.raises(nppes.DamagedFileError, match="incomplete or damaged") as error:
        loader.import_path(cut, progress=False)
    # In words, not the CSV parser's message quoting the row.
    assert re.search(r"a record has \d+ of the 330 columns", str(error.value))
    assert "CSV parse error" not in str(error.value)
    assert NpiRecord.objects.count() == 298
    assert DirectoryImport.objects.filter(status="failed").count() == 1


def test_it_refuses_a_file_cut_inside_its_header_in_words(directory, tmp_path):
    text = MAIN.read_text(encoding="utf-8")
    header_end = text.index("\n")
    # The columns we load are in the first half of the header: the cut is what is wrong.
    with pytest.raises(nppes.DamagedFileError, match="ends inside its first line"):
        loader.import_path(_write(tmp_path, text[: header_end // 2]), progress=False)
    assert NpiRecord.objects.count() == 298


def test_it_refuses_a_zip_that_fails_its_checksum(directory, tmp_path):
    archive = tmp_path / "NPPES_Data_Dissemination_April_2026_V2.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zipped:
        zipped.write(MAIN, MAIN.name)
    data = bytearray(archive.read_bytes())
    at = data.index(b"PATEL")
    data[at:at + 5] = b"PATEX"  # one flipped letter inside the stored member
    archive.write_bytes(bytes(data))
    with pytest.raises(nppes.DamagedFileError, match="CRC"):
        loader.import_path(archive, progress=False)
    assert NpiRecord.objects.get(npi=NPIS["patel_cardiology"]).last_name == "PATEL"


def test_it_refuses_a_zip_cut_short(directory, tmp_path):
    archive = tmp_path / "NPPES_Data_Dissemination_April_2026_V2.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(MAIN, MAIN.name)
    archive.write_bytes(archive.read_bytes()[:20_000])
    with pytest.raises(nppes.DamagedFileError, match="ZIP"):
        loader.import_path(archive, progress=False)
    assert NpiRecord.objects.count() == 298


def test_it_refuses_a_header_only_file_or_one_cut_at_30_percent(directory, tmp_path):
    lines = _lines()
    for kept in (lines[:1], lines[: len(lines) * 3 // 10]):
        with pytest.raises(import_guard.ImportRefused, match="--force"):
            loader.import_path(_write(tmp_path, "".join(kept)), progress=False)
        assert NpiRecord.objects.count() == 298
    assert DirectoryImport.objects.filter(status="failed").count() == 2


def test_it_accepts_a_shrinking_file_with_force_or_within_the_limit(directory, tmp_path):
    lines = _lines()
    within = _write(tmp_path, "".join(lines[: len(lines) - 25]))  # 25 of 298: 8 %
    loader.import_path(within, progress=False)
    assert NpiRecord.objects.count() == 273
    with override_settings(DIRECTORY_MAX_REMOVAL_PERCENT=50):
        loader.import_path(_write(tmp_path, "".join(lines[:201])), progress=False)
    assert NpiRecord.objects.count() == 200
    loader.import_path(_write(tmp_path, "".join(lines[:11])), progress=False, force=True)
    assert NpiRecord.objects.count() == 10


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_it_marks_an_import_left_running_by_a_dead_process_as_failed(directory):
    ghost = DirectoryImport.objects.create(kind="full", source="killed.zip", pid=_dead_pid(),
                                           host=import_guard.this_host())
    elsewhere = DirectoryImport.objects.create(kind="full", source="other.zip", pid=1,
                                               host="another-host")
    elsewhere.status = "done"
    elsewhere.save()
    loader.import_path(MAIN, progress=False)
    ghost.refresh_from_db()
    assert ghost.status == "failed" and ghost.finished_at is not None
    assert "stopped without finishing" in ghost.message
    assert DirectoryImport.objects.filter(status="running").count() == 0


def test_it_refuses_to_run_beside_a_live_import(directory):
    DirectoryImport.objects.create(kind="full", source="busy.zip", pid=1,  # init: alive
                                   host=import_guard.this_host())
    with pytest.raises(import_guard.ImportRefused, match="Another directory import"):
        loader.import_path(MAIN, progress=False)
