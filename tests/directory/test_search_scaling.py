"""What keeps a big directory fast: COPY into staging, a bounded ranking pool, city tokens."""

from __future__ import annotations

import sqlite3

import pytest
from django.db import connection

from recordright.directory import schema, search_backends
from recordright.directory.search import search_providers
from tests.directory.conftest import NPIS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("city", ["BOSTON", "St. Louis", "COEUR D'ALENE", "WINSTON-SALEM",
                                  "Mañana, P/R"])
def test_it_computes_the_city_token_in_sql_as_in_python(city):
    database = sqlite3.connect(":memory:")
    sql = f"SELECT {schema.PLACE_SQL} FROM (SELECT ? AS state, ? AS zip, ? AS city)"  # noqa: S608 - constant
    (place,) = database.execute(sql, ["ma", "021151234", city]).fetchone()
    assert place == schema.place_text("ma", "021151234", city)
    assert " " not in schema.city_token(city)


def test_it_filters_by_city_before_the_ranking_pool(directory, monkeypatch):
    monkeypatch.setattr(search_backends, "POOL", 2)
    assert [int(result.npi) for result in search_providers("patel", city="houston")] == [
        NPIS["patel_pediatrics_houston"]]


def test_it_ranks_at_most_the_pool_of_matches(directory, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("the pool bounds the FTS5 ranking")
    monkeypatch.setattr(search_backends, "POOL", 3)
    assert len(search_providers("patel")) == 3
    monkeypatch.setattr(search_backends, "POOL", 1000)
    assert len(search_providers("patel")) > 3


def test_it_copies_into_staging_on_postgresql_and_upserts_with_inserts(db):
    from recordright.directory import loader, nppes

    staging = loader._Writer("directory_npirecord__stg", nppes.RECORD_FIELDS)
    weekly = loader._Writer("directory_npirecord", nppes.RECORD_FIELDS, upsert=True)
    assert (staging.copy_sql is not None) == (connection.vendor == "postgresql")
    assert weekly.copy_sql is None and "ON CONFLICT" in weekly.sql
