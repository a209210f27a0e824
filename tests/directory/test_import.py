"""Importing NPPES files: full (staging + swap), ZIP, header, failures, weekly, deactivation."""

from __future__ import annotations

import csv
import shutil
import zipfile
from datetime import date

import pytest
from django.db import connection

from recordright.directory import loader, nppes, schema
from recordright.directory.models import DirectoryImport, NpiLocation, NpiOtherName, NpiRecord
from recordright.directory.synthetic import header
from tests.directory.conftest import (
    DEACTIVATIONS,
    FIXTURES,
    MAIN,
    NPIS,
    WEEKLY,
    write_blanked_main,
)

pytestmark = pytest.mark.django_db


def _tables() -> set[str]:
    return set(connection.introspection.table_names())


def test_it_uses_the_exact_330_column_v2_header():
    with MAIN.open(newline="", encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == header()
    assert len(header()) == 330


def test_it_imports_the_main_file_with_locations_and_other_names(directory):
    assert directory.rows == {"main": 298, "location": 2, "othername": 2}
    assert NpiRecord.objects.count() == 298
    cardiologist = NpiRecord.objects.get(npi=NPIS["patel_cardiology"])
    assert (cardiologist.last_name, cardiologist.primary_taxonomy) == ("PATEL", "207RC0000X")
    assert cardiologist.taxonomy_codes == "207RC0000X 207R00000X"
    assert cardiologist.zip == "627011234" and cardiologist.fax == "2175550101"
    assert NpiLocation.objects.filter(npi=NPIS["patel_cardiology"]).count() == 1
    successor = NpiRecord.objects.get(npi=NPIS["successor_practice"])
    assert "whitman family practice" in successor.search_names
    assert NpiOtherName.objects.count() == 2
    log = DirectoryImport.objects.get()
    assert (log.kind, log.status, log.rows) == ("full", "done", 302)
    assert not {t for t in _tables() if t.endswith(schema.SUFFIX)}


def test_it_keeps_odd_values_quotes_and_non_ascii_names(directory):
    assert NpiRecord.objects.get(npi=NPIS["kids_first"]).org_name == \
        "SMITH 'KIDS FIRST' PEDIATRICS PC"
    assert NpiRecord.objects.get(npi=NPIS["nguyen_reactivated"]).last_name == "NGUYỄN"
    blank = NpiRecord.objects.get(npi=NPIS["blank_deactivated_2"])
    assert blank.entity_type is None and not blank.active
    assert blank.deactivated_on == date(2021, 7, 4)


def test_it_computes_active_from_deactivation_and_reactivation(directory):
    assert NpiRecord.objects.get(npi=NPIS["nguyen_reactivated"]).active
    replaced = NpiRecord.objects.get(npi=NPIS["munoz_old"])
    assert not replaced.active
    assert replaced.replacement_npi == str(NPIS["munoz_new"])


def test_it_imports_from_the_zip(db, tmp_path):
    archive = tmp_path / "NPPES_Data_Dissemination_March_2026_V2.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name in (MAIN.name, make_name("pl"), make_name("othername")):
            zipped.write(FIXTURES / name, name)
        zipped.writestr("npidata_pfile_20050523-20260308_fileheader.csv", ",".join(header()))
    summary = loader.import_path(archive, progress=False)
    assert summary.kind == "full" and summary.rows["location"] == 2
    assert NpiRecord.objects.count() == 298


def make_name(kind: str) -> str:
    return f"{kind}_pfile_20050523-20260308.csv"


def test_it_refuses_a_header_missing_columns_and_names_them(directory, tmp_path):
    columns = header()
    columns[columns.index("Provider First Name")] = "Provider Given Name"
    columns.remove("NPI Deactivation Date")
    bad = tmp_path / "npidata_pfile_20050523-20260401.csv"
    bad.write_text(",".join(f'"{name}"' for name in columns) + "\n", encoding="utf-8")
    with pytest.raises(nppes.HeaderError) as error:
        loader.import_path(bad, progress=False)
    assert error.value.missing == ["Provider First Name", "NPI Deactivation Date"]
    assert '"Provider First Name"' in str(error.value)
    assert NpiRecord.objects.count() == 298


def test_it_leaves_the_previous_directory_intact_when_the_import_fails_midway(directory,
                                                                               tmp_path):
    broken = tmp_path / "npidata_pfile_20050523-20260401.csv"
    lines = MAIN.read_text(encoding="utf-8").splitlines(keepends=True)
    # A damaged row 200 rows in: its NPI is not a number.
    lines[200] = lines[200].replace(lines[200].split(",")[0], '"NOT-AN-NPI"', 1)
    broken.write_text("".join(lines[:150] + [lines[200]] + lines[150:]), encoding="utf-8")
    with pytest.raises(ValueError):
        loader.import_path(broken, progress=False)
    assert NpiRecord.objects.count() == 298
    assert NpiRecord.objects.filter(npi=NPIS["patel_cardiology"]).exists()
    assert not {t for t in _tables() if t.endswith(schema.SUFFIX)}
    assert DirectoryImport.objects.filter(status="failed").count() == 1


def test_it_leaves_the_previous_directory_intact_when_interrupted(directory, monkeypatch):
    from recordright.directory.search import search_providers

    def interrupt(connection):
        raise KeyboardInterrupt

    monkeypatch.setattr(schema, "swap_in", interrupt)
    with pytest.raises(KeyboardInterrupt):
        loader.import_path(MAIN, progress=False)
    assert NpiRecord.objects.count() == 298
    assert search_providers("patel card")[0].npi == str(NPIS["patel_cardiology"])


def test_it_replaces_the_directory_on_a_second_full_import(directory, tmp_path):
    smaller = tmp_path / "npidata_pfile_20050523-20260405.csv"
    lines = MAIN.read_text(encoding="utf-8").splitlines(keepends=True)
    smaller.write_text("".join(lines[:11]), encoding="utf-8")
    loader.import_path(smaller, progress=False, force=True)  # 288 of 298 removed
    assert NpiRecord.objects.count() == 10
    assert NpiLocation.objects.count() == 0


def test_it_keeps_what_it_knew_of_an_npi_blanked_by_deactivation(directory, tmp_path):
    npi = str(NPIS["whitman_old"])
    loader.import_path(write_blanked_main(tmp_path, NPIS["whitman_old"]), progress=False)
    whitman = NpiRecord.objects.get(npi=npi)
    assert (whitman.last_name, whitman.address1, whitman.active) == ("WHITMAN", "100 MAIN ST",
                                                                     False)


def test_it_applies_the_weekly_file_as_upserts(directory):
    summary = loader.import_path(WEEKLY, progress=False)
    assert summary.kind == "weekly"
    assert NpiRecord.objects.count() == 299
    moved = NpiRecord.objects.get(npi=NPIS["patel_family_boston"])
    assert (moved.city, moved.fax) == ("CAMBRIDGE", "6175550198")
    assert NpiRecord.objects.get(npi=NPIS["weekly_new_cardiologist"]).active
    from recordright.directory.search import search_providers

    assert search_providers("carter card")[0].npi == str(NPIS["weekly_new_cardiologist"])
    assert search_providers("raj patel", state="MA")[0].city == "CAMBRIDGE"


def test_it_marks_npis_of_the_deactivation_report_inactive(directory):
    summary = loader.import_path(DEACTIVATIONS, progress=False)
    assert summary.kind == "deactivation" and summary.rows["deactivation"] == 2
    whitman = NpiRecord.objects.get(npi=NPIS["whitman_old"])
    assert not whitman.active and whitman.deactivated_on == date(2026, 3, 1)
    assert NpiRecord.objects.filter(active=False).count() == 4
    # The search index's "active" token follows (filters are applied inside the index).
    from recordright.directory.search import search_providers

    assert NPIS["whitman_old"] not in [int(r.npi) for r in search_providers("whitman",
                                                                              active=True)]
    assert NPIS["whitman_old"] in [int(r.npi) for r in search_providers("whitman",
                                                                          active=False)]


def test_it_reads_the_main_csv_and_its_companions_from_a_folder(db, tmp_path):
    for name in (MAIN.name, make_name("pl"), make_name("othername")):
        shutil.copy(FIXTURES / name, tmp_path / name)
    summary = loader.import_path(tmp_path / MAIN.name, progress=False)
    assert summary.rows == {"main": 298, "location": 2, "othername": 2}
