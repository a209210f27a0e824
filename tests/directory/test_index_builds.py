"""PostgreSQL builds the staging indexes two at a time, each on its own connection, and a
failed build leaves the directory as it was. (SQLite has one writer: one at a time.)"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from recordright.directory import loader, schema, staging
from recordright.directory.models import DirectoryImport, NpiRecord
from recordright.directory.search import search_providers
from tests.directory.conftest import MAIN

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'",
                       reason="SQLite builds one index at a time"),
]


def _indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
        return {row[0] for row in cursor.fetchall()}


def test_it_builds_every_index_side_by_side_and_swaps_them_in(monkeypatch):
    threads: set[str] = set()
    run_step = staging._run_step

    def noting_thread(own, step, started, done):
        if step.side_by_side:
            threads.add(threading.current_thread().name)
        run_step(own, step, started, done)

    monkeypatch.setattr(staging, "_run_step", noting_thread)
    loader.import_path(MAIN, progress=False)
    assert len(threads) == staging.INDEX_WORKERS
    assert all(name.startswith("index-build") for name in threads)
    names = _indexes()
    assert set(schema.search_index_names()) <= names
    assert not any(name.endswith(schema.SUFFIX) for name in names)
    assert search_providers("whitman")


def test_a_failed_build_leaves_the_previous_directory_and_no_staging_table(monkeypatch):
    loader.import_path(MAIN, progress=False)
    before = NpiRecord.objects.count()
    statements = schema.staging_index_statements

    def one_broken(conn):
        found = statements(conn)
        name, _sql = found[3]
        return [*found[:3], (name, "CREATE INDEX broken ON no_such_table (x)"), *found[4:]]

    monkeypatch.setattr(schema, "staging_index_statements", one_broken)
    with pytest.raises(Exception, match="no_such_table"):
        loader.import_path(MAIN, progress=False, force=True)
    assert NpiRecord.objects.count() == before
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE tablename LIKE %s",
                       [f"%{schema.SUFFIX}"])
        assert cursor.fetchone()[0] == 0
    assert DirectoryImport.objects.latest("started_at").status == DirectoryImport.Status.FAILED
