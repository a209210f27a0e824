"""A search among deactivated NPIs only (active=False): on PostgreSQL it reads their own
partial index (schema.INACTIVE_INDEX) in one statement, not the 32 NPI ranges; the same
records come out as range after range would give them, in NPI order."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recordright.directory import loader, schema, search_backends, staging
from recordright.directory.search import Query, search_providers
from tests.directory.conftest import NPIS, write_blanked_main

pytestmark = pytest.mark.django_db


def npis(results) -> list[int]:
    return [int(result.npi) for result in results]


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("the index of deactivated NPIs is PostgreSQL's")


@pytest.fixture
def whitman_blanked(directory, tmp_path):
    """A second full import where CMS blanked Whitman's old NPI (deactivated): the import
    keeps its name, and builds the index of deactivated NPIs with it."""
    return loader.import_path(write_blanked_main(tmp_path, NPIS["whitman_old"]),
                              progress=False)


def test_a_kept_name_is_found_among_deactivated_npis_only(whitman_blanked):
    assert npis(search_providers("whitman", active=False)) == [NPIS["whitman_old"]]
    assert npis(search_providers("harold whitman", active=False)) == [NPIS["whitman_old"]]
    assert npis(search_providers("whit", active=False)) == [NPIS["whitman_old"]]
    # A typo: the word table's correction, read among the deactivated NPIs too.
    assert npis(search_providers("whitmna", active=False)) == [NPIS["whitman_old"]]
    active = npis(search_providers("whitman", active=True))
    assert NPIS["whitman_new"] in active and NPIS["whitman_old"] not in active


def test_an_active_record_is_not_found_among_deactivated_ones(directory):
    assert npis(search_providers("munoz", active=False)) == [NPIS["munoz_old"]]
    assert npis(search_providers("gloria munoz", active=True)) == [NPIS["munoz_new"]]
    assert npis(search_providers("patel", active=False)) == []
    assert npis(search_providers("patle", active=False)) == []


def test_the_trigram_fallback_reads_deactivated_npis_only(whitman_blanked, postgres_only):
    backend = search_backends.PostgresBackend()
    assert backend._trigram_candidates(Query(words=["whitmann"], active=False), 10) == [
        NPIS["whitman_old"]]
    assert NPIS["whitman_old"] not in backend._trigram_candidates(
        Query(words=["whitmann"], active=True), 10)


QUERIES = [Query(words=[], taxonomy="207Q00000X", active=False),
           Query(words=["munoz"], active=False), Query(words=["mu"], active=False),
           Query(words=["whitman"], active=False), Query(words=["whitman"], state="IL",
                                                         active=False)]


@pytest.mark.parametrize("limit", [1, 2, 200])
@pytest.mark.parametrize("spec", QUERIES, ids=lambda spec: " ".join(spec.words) or "taxonomy")
def test_one_statement_finds_what_the_ranges_find(whitman_blanked, postgres_only, monkeypatch,
                                                  spec, limit):
    backend = search_backends.PostgresBackend()
    # Every deactivated NPI (the query of the place token "8a0" alone), then a query.
    every = backend._match(Query(words=[], active=False), [], limit)
    found = backend.candidates(spec, limit)
    with CaptureQueriesContext(connection) as captured:
        backend.candidates(spec, limit)
    assert not [query for query in captured.captured_queries if "UNION ALL" in query["sql"]]
    monkeypatch.setattr(search_backends, "_read",
                        lambda spec, select, params, limit, trigram=False:
                        search_backends._by_ranges(select, params, limit, trigram))
    # The same window; in NPI order, where a range gives its rows in table order (the
    # kept name of Whitman's blanked NPI was written last: its row moved to the end).
    assert sorted(backend._match(Query(words=[], active=False), [], limit)) == every
    assert len(every) == min(limit, 4) and every == sorted(every)
    assert sorted(backend.candidates(spec, limit)) == found == sorted(found)


def test_the_import_builds_and_renames_the_index_of_deactivated_npis(directory, postgres_only):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE %s",
                       [schema.INACTIVE_INDEX + "%"])
        indexes = dict(cursor.fetchall())
    assert list(indexes) == [schema.INACTIVE_INDEX]
    assert indexes[schema.INACTIVE_INDEX].endswith("WHERE (NOT active)")


def test_the_staging_step_of_the_index_has_its_weight(db, postgres_only):
    schema.create_staging(connection)
    try:
        planned = staging.steps(connection, 1000)
    finally:
        schema.drop_staging(connection)
    step = next(step for step in planned if step.label == f"index {schema.INACTIVE_INDEX}")
    assert 0 < step.weight == staging.WEIGHTS["postgresql"][schema.INACTIVE_INDEX] < 0.05
    assert step.statements[0].startswith(f"CREATE INDEX {schema.INACTIVE_INDEX}{schema.SUFFIX} ")
    # Every step's share together: the whole bar, no more.
    assert sum(step.weight for step in planned) == pytest.approx(1.0)
