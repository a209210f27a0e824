"""What keeps a big directory fast: COPY into staging, a capped window, filter tokens."""

from __future__ import annotations

import sqlite3

import pytest
from django.db import connection

from recordright.directory import schema, search, search_backends
from recordright.directory.search import search_providers
from tests.directory.conftest import NPIS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("city", ["BOSTON", "St. Louis", "COEUR D'ALENE", "WINSTON-SALEM",
                                  "Mañana, P/R"])
def test_it_computes_the_city_token_in_sql_as_in_python(city):
    database = sqlite3.connect(":memory:")
    sql = (f"SELECT {schema.PLACE_SQL} FROM (SELECT ? AS state, ? AS zip, ? AS city, "  # noqa: S608 - constant
           f"? AS entity_type, ? AS active)")
    for entity, active in ((1, True), (2, False), (None, False)):
        (place,) = database.execute(sql, ["ma", "021151234", city, entity, active]).fetchone()
        assert place == schema.place_text("ma", "021151234", city, entity, active)
    assert " " not in schema.city_token(city)


def test_it_filters_by_place_entity_and_status_inside_the_index(directory, monkeypatch):
    # A window of 2 candidates: filters checked after the index would leave it empty.
    monkeypatch.setattr(search, "CANDIDATES", 2)
    assert [int(result.npi) for result in search_providers("patel", city="houston")] == [
        NPIS["patel_pediatrics_houston"]]
    assert [int(r.npi) for r in search_providers("patel", entity="organization")] == [
        NPIS["patel_pharmacy"]]
    assert [int(r.npi) for r in search_providers("munoz", active=False)] == [NPIS["munoz_old"]]


def test_it_reads_a_capped_window_of_candidates(directory, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 3)
    assert len(search_providers("patel")) == 3
    monkeypatch.setattr(search, "CANDIDATES", 200)
    assert len(search_providers("patel")) > 3


def test_it_puts_exact_words_before_prefixes_even_past_the_window(directory, monkeypatch):
    # "pate" matches only by prefix; "patel" exactly: with a window of 2, the exact
    # phase fills it before any prefix-only match is read.
    monkeypatch.setattr(search, "CANDIDATES", 2)
    for result in search_providers("patel"):
        assert "patel" in search.normalize_words(result.name) or result.name == ""
    monkeypatch.setattr(search_backends, "NATIVE_PREFIX_RECORDS", 0)  # listed completions
    assert NPIS["patel_cardiology"] in [int(r.npi) for r in search_providers("pate card")]


def test_it_copies_into_staging_on_postgresql_and_upserts_with_inserts(db):
    from recordright.directory import loader, nppes

    staging = loader._Writer("directory_npirecord__stg", nppes.RECORD_FIELDS)
    weekly = loader._Writer("directory_npirecord", nppes.RECORD_FIELDS, upsert=True)
    assert (staging.copy_sql is not None) == (connection.vendor == "postgresql")
    assert weekly.copy_sql is None and "ON CONFLICT" in weekly.sql
