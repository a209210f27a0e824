"""The steps between loading the staging tables and swapping them in, each one short.

SQLite has a single write lock for the whole database: while the import holds it, a
user saving a request waits. So nothing here runs as one long transaction: the search
index is filled in NPI ranges of ``FTS_CHUNK_ROWS`` rows, each index is built in its own
transaction, and the final swap only drops and renames (``schema.swap_in``). Each step
has a weight (its expected share of the work after loading), so the progress bar keeps
moving, with a fair estimate, until the directory is swapped in.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.db import connections, transaction

from recordright.directory import schema, terms
from recordright.directory.models import NpiOtherName, NpiRecord

# Rows of the search index filled per transaction (SQLite): ~1 s of write lock.
FTS_CHUNK_ROWS = 200_000

# Share of the time after the rows are loaded, per step, measured at 1M rows on an idle
# machine (SQLCipher: FTS fill ~64 %, the b-tree indexes ~33 %; PostgreSQL: CPU time of
# each build, since two run at a time: the GIN search index ~64 %, trigrams ~12 %).
# "index": all the b-tree indexes together, shared among them. The index of deactivated
# NPIs (schema.INACTIVE_INDEX) costs about one range of the search index: its build
# reads the whole table too, and tokenizes a few percent of it.
WEIGHTS = {"sqlite": {"names": 0.01, "fts": 0.63, "terms": 0.03, "index": 0.33},
           "postgresql": {"names": 0.01, "fts": 0.01, "terms": 0.06, "index": 0.11,
                          "npi_search_tsv": 0.64, schema.INACTIVE_INDEX: 0.015,
                          "npi_search_trgm": 0.12, "statistics": 0.035}}
# The search index is built in parts (schema.search_ranges): they share its weight.
SPLIT = "npi_search_tsv"


# PostgreSQL: indexes built at a time, each on its own connection (a server process, so
# a core each): an index build is one process's work, and the GIN builds (the tsvector
# of every row) are most of a full import on PostgreSQL.
INDEX_WORKERS = 2
# SQLite: the page cache while the b-tree indexes are built. Each sorter thread keeps up
# to a page cache of keys in memory: with the loading's 256 MB cache the 9M import
# peaked at 1 GB; sorting in smaller runs costs little.
SQLITE_INDEX_CACHE_KB = 65_536


@dataclass
class Step:
    label: str
    weight: float
    statements: list[str]
    # Reads the loaded tables and writes only its own index or table: may run beside the
    # other such steps (PostgreSQL, see run).
    side_by_side: bool = False


def _npi_ranges(connection, table: str, rows: int) -> list[tuple[int, int]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MIN(npi), MAX(npi) FROM {table}")  # noqa: S608 - constant table name
        low, high = cursor.fetchone()
    if low is None:
        return []
    count = max(1, -(-rows // FTS_CHUNK_ROWS))
    width = -(-(high - low + 1) // count)
    return [(start, min(high, start + width - 1)) for start in range(low, high + 1, width)]


def steps(connection, rows: int) -> list[Step]:
    """Everything to do on the staging tables before the swap, in order."""
    vendor = connection.vendor
    weight = WEIGHTS.get(vendor, WEIGHTS["sqlite"])
    record, other = schema.staging_name(NpiRecord), schema.staging_name(NpiOtherName)
    found = [Step("other names", weight["names"],
                  [schema.other_names_sql(connection, record, other)])]
    if vendor == "sqlite":
        fts = f"{schema.FTS}{schema.SUFFIX}"
        found.append(Step("search index", 0.0, schema.fts_create_sql(fts)))
        ranges = _npi_ranges(connection, record, rows)
        for low, high in ranges:
            npi_range = f" AND {record}.npi BETWEEN {int(low)} AND {int(high)}"
            found.append(Step("search index", weight["fts"] / len(ranges), [
                schema.keep_blanked_sql(record, npi_range),
                schema.fts_fill_sql(fts, record, npi_range)]))
        found.append(Step("search index", 0.0, schema.fts_done_sql(fts)))
    else:
        found.append(Step("deactivated names", weight["fts"],
                          [schema.keep_blanked_sql(record)]))
    words_from = f"{schema.FTS}{schema.SUFFIX}" if vendor == "sqlite" else record
    staged_terms = f"{terms.TERMS}{schema.SUFFIX}"
    builds = [Step("word table", weight["terms"], [
        terms.create_sql(staged_terms, vendor),
        *terms.fill_sql(staged_terms, vendor, words_from)], side_by_side=True)]
    after = []  # the word table's own index, once it is filled
    term_indexes = {name for name, _ in terms.index_statements(vendor)}
    indexes = schema.staging_index_statements(connection)
    parts = sum(1 for name, _ in indexes if name.startswith(SPLIT)) or 1
    # The b-tree share goes to the record table's indexes: the other tables (locations,
    # other names, words) are a tenth of its size or less.
    on_records = [name for name, sql in indexes if name not in weight
                  and not name.startswith(SPLIT) and f" {record} " in sql.replace('"', "")]
    for name, sql in indexes:
        if name.startswith(SPLIT):
            share = weight.get(SPLIT, 0.0) / parts
        elif name in on_records:
            share = weight["index"] / len(on_records)
        else:
            share = weight.get(name, 0.0)
        step = Step(f"index {name}", share, [sql], side_by_side=name not in term_indexes)
        (after if name in term_indexes else builds).append(step)
    # The longest first: two at a time, the workers then finish about together.
    builds.sort(key=lambda step: -step.weight)
    if vendor == "sqlite":
        found.append(Step("indexes", 0.0, [f"PRAGMA cache_size = -{SQLITE_INDEX_CACHE_KB}"]))
    found += builds + after
    if vendor == "postgresql":
        found.append(Step("statistics", weight["statistics"], [f"ANALYZE {record}"]))
    return found


def run(connection, planned: list[Step], started: Callable[[Step], None] | None = None,
        done: Callable[[Step], None] | None = None) -> None:
    """Each step in its own transaction; on PostgreSQL, consecutive side-by-side steps
    (the index builds, the word table) ``INDEX_WORKERS`` at a time (not inside a caller's
    transaction: the other connections would not see the staging tables)."""
    side_by_side = connection.vendor == "postgresql" and not connection.in_atomic_block
    builds: list[Step] = []
    for step in [*planned, None]:
        if step is not None and step.side_by_side and side_by_side:
            builds.append(step)
            continue
        if builds:
            _run_side_by_side(connection.alias, builds, started, done)
            builds = []
        if step is not None:
            _run_step(connection, step, started, done)


def _run_step(connection, step: Step, started: Callable[[Step], None] | None,
              done: Callable[[Step], None] | None) -> None:
    """One step, one transaction (PostgreSQL: the GIN and b-tree builds sort in memory up
    to 256 MB instead of on disk; the default is 64 MB)."""
    if started:
        started(step)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for sql in step.statements:
            cursor.execute(sql)
    if done:
        done(step)


def _run_side_by_side(alias: str, steps: list[Step], started: Callable[[Step], None] | None,
                      done: Callable[[Step], None] | None) -> None:
    def build(step: Step) -> None:
        own = connections[alias]  # this thread's own connection (Django's are per thread)
        try:
            _run_step(own, step, started, done)
        finally:
            own.close()

    pool = ThreadPoolExecutor(INDEX_WORKERS, thread_name_prefix="index-build")
    try:
        for future in [pool.submit(build, step) for step in steps]:
            future.result()
    finally:
        # A failed build or Ctrl-C: start no other build, wait for the running ones
        # (their transactions end), then the caller drops the staging tables.
        pool.shutdown(wait=True, cancel_futures=True)
