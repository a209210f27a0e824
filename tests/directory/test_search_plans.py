"""Every query a search runs reads an index, for every query shape: a full scan that
would cost seconds at 9 million rows fails here, on the 298-row fixture, instead.

SQLite: ``EXPLAIN QUERY PLAN`` must show no ``SCAN`` of a table (the FTS5 table must be
read through its full-text index: ``VIRTUAL TABLE INDEX ...:M``). PostgreSQL: with
sequential scans disabled (the fixture is small enough that the planner would rightly
prefer them), the plan must still show no ``Seq Scan``: an index exists that it can use
(the tsvector expression of the query is the index's, the word table's prefix index
serves ``LIKE 'smit%'``). On PostgreSQL, a search among deactivated NPIs only reads their
own index (``schema.INACTIVE_INDEX``), in one statement, never an NPI range's."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recordright.directory import schema, taxonomy
from recordright.directory.search import search_providers
from tests.directory.conftest import NPIS

pytestmark = pytest.mark.django_db

SHAPES = {
    "2-letter prefix": ("pa", {}),
    "3-letter prefix": ("pat", {}),
    "longer prefix": ("pate", {}),
    "common last name": ("patel", {}),
    "first + last": ("anil patel", {}),
    "last + first": ("patel anil", {}),
    "name + specialty": ("patel card", {}),
    "name + city": ("patel", {"city": "Houston"}),
    "name + state": ("patel", {"state": "MA"}),
    "name + ZIP prefix": ("patel 021", {}),
    "organization": ("springfield hospital", {}),
    "organizations only": ("patel", {"entity": "organization"}),
    "deactivated only": ("munoz", {"active": False}),
    "deactivated, no match": ("smith", {"active": False}),
    "deactivated + typo": ("munzo", {"active": False}),
    "deactivated + unknown word": ("quimbey", {"active": False}),
    "deactivated + place": ("munoz", {"active": False, "state": "CA"}),
    "typo": ("patle", {}),
    "typo + specialty": ("patle pediatrics", {}),
    "no such name": ("quimbey", {}),
    "NPI": (str(NPIS["prairie_lab"]), {}),
}


def _plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _full_scans(plan: str) -> list[str]:
    if connection.vendor == "sqlite":
        return [line for line in plan.splitlines() if line.startswith("SCAN")
                and not ("VIRTUAL TABLE INDEX" in line and ":M" in line)]
    return [line for line in plan.splitlines() if "Seq Scan" in line]


def _selects(text: str, options: dict) -> list[str]:
    # The specialty names (~900 NUCC codes) are read whole once per process: a cache,
    # not a search.
    taxonomy.specialty_name("207Q00000X")
    with CaptureQueriesContext(connection) as captured:
        search_providers(text, **options)
    # The captured SQL has its parameters inlined, as the database saw it.
    return [query["sql"] for query in captured.captured_queries
            if query["sql"].lstrip().upper().startswith("SELECT")]


def _plans(selects: list[str]) -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET enable_seqscan = off")
        try:
            return [_plan(sql, None) for sql in selects]
        finally:
            if connection.vendor == "postgresql":
                cursor.execute("SET enable_seqscan = on")


@pytest.mark.parametrize("shape", SHAPES)
def test_each_query_shape_reads_its_indexes(directory, shape):
    selects = _selects(*SHAPES[shape])
    assert selects, "the search ran no query"
    for sql, plan in zip(selects, _plans(selects), strict=True):
        assert not _full_scans(plan), f"{shape}: {sql}\n{plan}"


DEACTIVATED = [shape for shape, (_text, options) in SHAPES.items()
               if options.get("active") is False]


@pytest.mark.parametrize("shape", DEACTIVATED)
def test_a_search_among_deactivated_npis_reads_their_index(directory, shape):
    """Each statement finding candidates (the exact words, the prefixes, the typo
    corrections or trigrams) reads the index of deactivated NPIs, and no NPI range."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's FTS index has the \"a0\" token of deactivated NPIs")
    selects = [sql for sql in _selects(*SHAPES[shape])
               if "FROM directory_npirecord WHERE" in sql and "NOT active" in sql]
    assert selects, f"{shape}: no statement read the deactivated NPIs"
    for sql, plan in zip(selects, _plans(selects), strict=True):
        assert "UNION ALL" not in sql and " LIMIT " in sql, sql
        assert f" on {schema.INACTIVE_INDEX} " in plan, f"{shape}: {sql}\n{plan}"
        assert "npi_search_tsv_" not in plan and "npi_search_trgm " not in plan, \
            f"{shape}: {sql}\n{plan}"
    if shape == "deactivated + unknown word":  # no known word is close: pg_trgm's turn
        assert any("<% search_names" in sql for sql in selects) or not schema.has_trigram(
            connection)


def test_the_check_sees_a_full_scan(directory):
    """The checker itself: a filter on an unindexed column is a full scan."""
    sql = "SELECT npi FROM directory_npirecord WHERE UPPER(city) = 'HOUSTON'"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET enable_seqscan = off")
        try:
            assert _full_scans(_plan(sql, None))
        finally:
            if connection.vendor == "postgresql":
                cursor.execute("SET enable_seqscan = on")
