"""The word table for typo corrections: built at import, kept by weekly updates."""

from __future__ import annotations

import pytest
from django.db import connection

from recordright.directory import loader, terms
from recordright.directory.search import search_providers
from tests.directory.conftest import NPIS, WEEKLY

pytestmark = pytest.mark.django_db


def _freq(term: str) -> int | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT freq FROM {terms.TERMS} WHERE term = %s", [term])  # noqa: S608 - constant
        row = cursor.fetchone()
    return row[0] if row else None


def test_it_builds_the_word_table_from_the_names_at_import(directory):
    assert _freq("patel") >= 6
    assert _freq("whitman") >= 1  # an other name of the successor practice
    assert _freq("207rc0000x") is None and _freq("stma") is None  # codes, places: not names


def test_it_finds_close_words_by_their_first_two_letters_either_way(directory):
    with connection.cursor() as cursor:
        assert terms.similar(cursor, "patle", 4, 75)[0] == "patel"
        assert terms.similar(cursor, "aptel", 4, 75)[0] == "patel"
        assert terms.similar(cursor, "zzzzz", 4, 75) == []


def test_it_prefers_the_more_frequent_of_equally_close_words(directory):
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {terms.TERMS} VALUES ('pa', 5, 'patal', 1000)")  # noqa: S608 - constant
        assert terms.similar(cursor, "patol", 4, 75)[:2] == ["patal", "patel"]


def test_it_adds_the_words_of_a_weekly_file(directory):
    assert _freq("carter") is None
    loader.import_path(WEEKLY, progress=False)
    assert _freq("carter") == 1
    assert int(search_providers("cartre card")[0].npi) == NPIS["weekly_new_cardiologist"]


def test_it_drops_the_staging_word_table_when_the_import_fails(directory, monkeypatch):
    from recordright.directory import schema
    from tests.directory.conftest import MAIN

    monkeypatch.setattr(schema, "swap_in", lambda connection: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        loader.import_path(MAIN, progress=False)
    assert f"{terms.TERMS}{schema.SUFFIX}" not in connection.introspection.table_names()
    assert _freq("patel") >= 6


def test_it_corrects_typos_from_the_word_table_without_trigrams(directory, monkeypatch):
    from recordright.directory import schema

    monkeypatch.setattr(schema, "has_trigram", lambda connection: False)
    found = [int(result.npi) for result in search_providers("patle")]
    assert NPIS["patel_cardiology"] in found and len(found) >= 6


def test_it_leaves_the_fts_index_with_a_small_insert_buffer_after_the_build(directory):
    from recordright.directory import schema

    if connection.vendor != "sqlite":
        pytest.skip("an FTS5 setting")

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT v FROM {schema.FTS}_config WHERE k = 'hashsize'")  # noqa: S608 - constant
        assert cursor.fetchone()[0] == schema.FTS_DEFAULT_HASH
