"""PostgreSQL's search index is split by NPI range and read range after range: the
ranges cover every NPI once, and a search whose window fills early reads no further."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recordright.directory import schema, search_backends
from recordright.directory.search import Query, search_providers
from tests.directory.conftest import NPIS

pytestmark = pytest.mark.django_db


def _in_range(npi: int, where: str) -> bool:
    checks = {"npi >=": lambda bound: npi >= bound, "npi <": lambda bound: npi < bound}
    return all(checks[part.rsplit(" ", 1)[0]](int(part.rsplit(" ", 1)[1]))
               for part in where.split(" AND "))


@pytest.mark.parametrize("npi", [1, 1_000_000_000, 1_062_499_999, 1_062_500_000,
                                 1_999_999_999, 2_937_500_000, 9_999_999_999])
def test_every_npi_is_in_exactly_one_range(npi):
    assert sum(_in_range(npi, where) for where in schema.search_ranges()) == 1


def test_the_ranges_are_in_npi_order():
    bounds = schema.SEARCH_RANGE_BOUNDS
    assert bounds == sorted(bounds)
    assert len(schema.search_ranges()) == len(schema.search_index_names()) == len(bounds) + 1


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("the search index is split by NPI range on PostgreSQL only")


def _range_statements(captured) -> list[str]:
    return [query["sql"] for query in captured.captured_queries if "UNION ALL" in query["sql"]]


def test_a_full_window_reads_no_further_range(directory, postgres_only):
    """The first Patel (lowest NPI) fills a window of one: the statements stop at the one
    reading its range."""
    backend = search_backends.PostgresBackend()
    with CaptureQueriesContext(connection) as captured:
        found = backend.candidates(Query(words=["patel"]), 1)
    assert found == [NPIS["patel_cardiology"]]
    first = next(number for number, where in enumerate(schema.search_ranges())
                 if _in_range(NPIS["patel_cardiology"], where))
    statements = _range_statements(captured)
    assert len(statements) == first // search_backends.RANGES_PER_STATEMENT + 1
    assert schema.search_ranges()[first] in statements[-1]


def test_a_window_not_filled_reads_every_range_once(directory, postgres_only):
    with CaptureQueriesContext(connection) as captured:
        search_providers("patel")
    statements = _range_statements(captured)
    ranges = len(schema.search_ranges())
    per_statement = search_backends.RANGES_PER_STATEMENT
    # Exact words, then prefixes: each phase reads all ranges (the fixture is small).
    assert len(statements) == 2 * -(-ranges // per_statement)
    assert all(statement.count("UNION ALL") <= per_statement - 1 for statement in statements)
