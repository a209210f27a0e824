"""Every query a search runs reads an index, for every query shape: a full scan that
would cost seconds at 9 million rows fails here, on the 298-row fixture, instead.

SQLite: ``EXPLAIN QUERY PLAN`` must show no ``SCAN`` of a table (the FTS5 table must be
read through its full-text index: ``VIRTUAL TABLE INDEX ...:M``). PostgreSQL: with
sequential scans disabled (the fixture is small enough that the planner would rightly
prefer them), the plan must still show no ``Seq Scan``: an index exists that it can use
(the tsvector expression of the query is the index's, the word table's prefix index
serves ``LIKE 'smit%'``)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recordright.directory import taxonomy
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


@pytest.mark.parametrize("shape", SHAPES)
def test_each_query_shape_reads_its_indexes(directory, shape):
    text, options = SHAPES[shape]
    # The specialty names (~900 NUCC codes) are read whole once per process: a cache,
    # not a search.
    taxonomy.specialty_name("207Q00000X")
    with CaptureQueriesContext(connection) as captured:
        search_providers(text, **options)
    selects = [query for query in captured.captured_queries
               if query["sql"].lstrip().upper().startswith("SELECT")]
    assert selects, "the search ran no query"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET enable_seqscan = off")
        try:
            for query in selects:
                # The captured SQL has its parameters inlined, as the database saw it.
                plan = _plan(query["sql"], None)
                assert not _full_scans(plan), f"{shape}: {query['sql']}\n{plan}"
        finally:
            if connection.vendor == "postgresql":
                cursor.execute("SET enable_seqscan = on")


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
