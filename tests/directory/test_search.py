"""Search ranking, typos, places, filters, specialty names, the CLI's JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recordright.directory import taxonomy
from recordright.directory.search import search_providers
from tests.directory.conftest import MAIN, NPIS

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def npis(results) -> list[int]:
    return [int(result.npi) for result in results]


def test_it_puts_the_cardiologist_patel_first_for_patel_card(directory):
    results = search_providers("patel card")
    assert npis(results)[0] == NPIS["patel_cardiology"]
    assert results[0].specialty == "Cardiovascular Disease (Internal Medicine)"


def test_it_finds_every_patel_by_name_prefix(directory):
    found = set(npis(search_providers("pate")))
    assert {NPIS["patel_cardiology"], NPIS["patel_family_boston"],
            NPIS["patel_pediatrics_houston"], NPIS["patel_pharmacy"]} <= found


def test_it_tolerates_a_typo(directory):
    found = npis(search_providers("patle"))
    assert NPIS["patel_cardiology"] in found and len(found) >= 6


def test_it_matches_a_specialty_word_with_a_typo_in_the_name(directory):
    assert npis(search_providers("patle pediatrics"))[:2] == sorted(
        [NPIS["patel_pediatrics_cambridge"], NPIS["patel_pediatrics_houston"]])


def test_it_filters_by_state(directory):
    results = search_providers("patel", state="ma")
    assert {result.state for result in results} == {"MA"}
    assert set(npis(results)) == {NPIS["patel_family_boston"], NPIS["patel_pediatrics_cambridge"]}


def test_it_finds_nearby_zips_by_prefix(directory):
    assert set(npis(search_providers("patel", zip_prefix="021"))) == {
        NPIS["patel_family_boston"], NPIS["patel_pediatrics_cambridge"]}
    assert npis(search_providers("patel 02139")) == [NPIS["patel_pediatrics_cambridge"]]


def test_it_filters_by_city_entity_and_status(directory):
    assert npis(search_providers("patel", city="Houston")) == [NPIS["patel_pediatrics_houston"]]
    assert npis(search_providers("patel", entity="organization")) == [NPIS["patel_pharmacy"]]
    deactivated = search_providers("munoz", active=False)
    assert npis(deactivated) == [NPIS["munoz_old"]]
    assert deactivated[0].replacement_npi == str(NPIS["munoz_new"])


def test_it_searches_by_specialty_and_taxonomy_code(directory):
    hospitals = search_providers("springfield hospital")
    assert npis(hospitals)[0] == NPIS["springfield_hospital"]
    assert NPIS["patel_cardiology"] in npis(search_providers("patel", taxonomy="207RC0000X"))


def test_it_ignores_accents(directory):
    assert npis(search_providers("nguyen thanh")) == [NPIS["nguyen_reactivated"]]
    assert NPIS["munoz_new"] in npis(search_providers("Muñoz gloria"))


def test_it_finds_an_organization_by_its_other_name(directory):
    assert NPIS["successor_practice"] in npis(search_providers("whitman family practice"))


def test_it_looks_up_an_npi(directory):
    assert npis(search_providers(str(NPIS["prairie_lab"]))) == [NPIS["prairie_lab"]]


def test_it_never_shows_a_bare_taxonomy_code(db):
    assert taxonomy.specialty_name("207Q00000X") == "Family Medicine"
    assert taxonomy.specialty_name("999Z00000X") == \
        "Taxonomy code 999Z00000X (name not loaded)"


def test_it_imports_the_nucc_taxonomy_by_header_name(db):
    rows = ('Code,Grouping,Classification,Specialization,Definition,Notes,Display Name,Section\n'
            '999Z00000X,Other,Made-Up Medicine,,Def,,Made-Up Medicine Physician,Individual\n'
            '207Q00000X,Allopathic,Family Medicine,,Def,,Family Medicine Physician,Individual\n')
    assert taxonomy.import_taxonomy(rows.splitlines(keepends=True)) == 2
    assert taxonomy.specialty_name("999Z00000X") == "Made-Up Medicine"
    assert "999Z00000X" in taxonomy.codes_matching("made")
    with pytest.raises(ValueError, match="Classification"):
        taxonomy.import_taxonomy(["Code,Name\n", "207Q00000X,x\n"])
    taxonomy.clear_cache()


def test_it_forgets_the_cached_names_when_cleared_soon_after_boot(db, monkeypatch):
    # time.monotonic() counts from boot: on a machine up for less than the cache's
    # lifetime, clear_cache() used to leave the old names in place (flaky under xdist).
    monkeypatch.setattr(taxonomy.time, "monotonic", lambda: 42.0)
    taxonomy.clear_cache()
    assert taxonomy.specialty_name("999Z00000X").startswith("Taxonomy code 999Z00000X")
    rows = ("Code,Classification\n", "999Z00000X,Made-Up Medicine\n")
    taxonomy.import_taxonomy(rows)
    assert taxonomy.specialty_name("999Z00000X") == "Made-Up Medicine"
    taxonomy.clear_cache()


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(RECORDRIGHT_DATA_DIR=str(data_dir), RECORDRIGHT_KEY="cd" * 32,
               DJANGO_SETTINGS_MODULE="recordright.settings")
    return subprocess.run([sys.executable, "-m", "recordright", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=True)


def test_it_prints_one_json_object_per_result_from_the_cli(tmp_path):
    _cli(tmp_path, "manage", "migrate", "-v0")
    imported = _cli(tmp_path, "providers", "import", str(MAIN), "--quiet")
    assert "298 main" in imported.stdout
    output = _cli(tmp_path, "providers", "search", "patel card", "--json").stdout
    lines = output.strip().splitlines()
    first = json.loads(lines[0])
    assert {"npi", "name", "specialty", "address", "city", "state", "zip", "phone", "fax",
            "active", "credential", "entity_type", "replacement_npi",
            "deactivated_on"} <= set(first)
    assert first["npi"] == str(NPIS["patel_cardiology"]) and first["active"] is True
    state = _cli(tmp_path, "providers", "search", "patel", "--state", "TX", "--json").stdout
    assert {json.loads(line)["state"] for line in state.splitlines()} == {"TX"}
