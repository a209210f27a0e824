"""Tables, staging copies and search indexes of the directory, for SQLite and PostgreSQL.

A full import loads ``<table>__stg`` copies without indexes (fast bulk inserts), then
``swap_in`` drops the live tables, renames the copies and builds the indexes, all in
one transaction: readers see the old directory until the commit, and a failed or
interrupted import leaves it untouched (``drop_staging`` cleans up the copies).

Search structures per vendor:
- SQLite: an FTS5 table ``directory_npi_fts`` (contentless, rowid = NPI) with the
  columns ``names``, ``tax`` (taxonomy codes) and ``place``
  (``st<state> z<zip5> c<city>``), and the word table ``directory_npi_term`` (see
  ``terms``) for typo corrections.
- PostgreSQL: a GIN index on ``to_tsvector('simple', search_names || ' ' || taxonomy_codes)``
  and, when the pg_trgm extension can be created, a trigram index on the names.
"""

from __future__ import annotations

import logging

from django.db import transaction

from recordright.directory import terms
from recordright.directory.models import NpiLocation, NpiOtherName, NpiRecord

logger = logging.getLogger(__name__)
LIVE_MODELS = [NpiRecord, NpiLocation, NpiOtherName]
SUFFIX = "__stg"
FTS = "directory_npi_fts"
TSVECTOR = "to_tsvector('simple', search_names || ' ' || taxonomy_codes)"
FTS_COLUMNS = "names, tax, place, content='', contentless_delete=1, prefix='2 3', " \
              "tokenize='unicode61 remove_diacritics 2'"
# Characters taken out of a city name to make it one token ("ST. LOUIS" -> "cstlouis");
# place_text and PLACE_SQL must agree.
CITY_STRIP = " .-',/"
_CITY_SQL = "city"
for _char in CITY_STRIP:
    _CITY_SQL = f"replace({_CITY_SQL}, '{_char.replace(chr(39), chr(39) * 2)}', '')"
# What goes in the FTS ``place`` column, from a row of the record table: the city is a
# token too, so a city filter narrows the full-text match instead of being checked row
# by row after it (which cost a lookup per "kim" in the country).
PLACE_SQL = f"'st' || lower(state) || ' z' || substr(zip, 1, 5) || ' c' || lower({_CITY_SQL})"


def city_token(city: str) -> str:
    return "c" + city.lower().translate({ord(char): None for char in CITY_STRIP})


def place_text(state: str, zip_code: str, city: str) -> str:
    """The ``place`` column of one record, as PLACE_SQL computes it."""
    return f"st{state.lower()} z{zip_code[:5]} {city_token(city)}"


def staging_name(model) -> str:
    return model._meta.db_table + SUFFIX


def _run(connection, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _index_statements(connection, model, table: str) -> list[str]:
    editor = connection.SchemaEditorClass(connection)
    statements = []
    for index in model._meta.indexes:
        statement = index.create_sql(model, editor)
        statement.rename_table_references(model._meta.db_table, table)
        statements.append(str(statement))
    return statements


def has_trigram(connection) -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def _vendor_index_statements(connection) -> list[str]:
    table = NpiRecord._meta.db_table
    if connection.vendor != "postgresql":
        return []
    statements = [f"CREATE INDEX npi_search_tsv ON {table} USING gin ({TSVECTOR})",
                  f"CREATE INDEX npi_state ON {table} (state)"]
    if has_trigram(connection):
        statements.append(
            f"CREATE INDEX npi_search_trgm ON {table} USING gin (search_names gin_trgm_ops)")
    return statements


def create_search_structures(connection) -> None:
    """Called by the migration: the FTS table (SQLite) or the extra indexes (PostgreSQL)."""
    if connection.vendor == "sqlite":
        _run(connection, [f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5({FTS_COLUMNS})"])
    elif connection.vendor == "postgresql":
        try:
            with transaction.atomic(using=connection.alias):
                _run(connection, ["CREATE EXTENSION IF NOT EXISTS pg_trgm"])
        except Exception:  # noqa: BLE001 - no rights to create it: search works without typos
            logger.warning("pg_trgm is not available: directory search will not correct typos")
        _run(connection, _vendor_index_statements(connection))


def drop_search_structures(connection) -> None:
    if connection.vendor == "sqlite":
        _run(connection, [f"DROP TABLE IF EXISTS {FTS}"])
    elif connection.vendor == "postgresql":
        _run(connection, ["DROP INDEX IF EXISTS npi_search_tsv", "DROP INDEX IF EXISTS npi_state",
                          "DROP INDEX IF EXISTS npi_search_trgm"])


def drop_staging(connection) -> None:
    statements = [f"DROP TABLE IF EXISTS {staging_name(model)}" for model in LIVE_MODELS]
    statements.append(f"DROP TABLE IF EXISTS {terms.TERMS}{SUFFIX}")
    if connection.vendor == "sqlite":
        statements.append(f"DROP TABLE IF EXISTS {FTS}{SUFFIX}")
    _run(connection, statements)


def create_staging(connection) -> None:
    """Empty copies of the live tables, without secondary indexes."""
    drop_staging(connection)
    editor = connection.SchemaEditorClass(connection)
    with connection.cursor() as cursor:
        for model in LIVE_MODELS:
            sql, params = editor.table_sql(model)
            sql = sql.replace(editor.quote_name(model._meta.db_table),
                              editor.quote_name(staging_name(model)), 1)
            cursor.execute(sql, params or None)


# Kept from the live table when a deactivated row arrives blank (CMS blanks them).
KEEP_WHEN_BLANK = ["entity_type", "org_name", "last_name", "first_name", "middle_name",
                   "name_prefix", "name_suffix", "credential", "other_org_name", "address1",
                   "address2", "city", "state", "zip", "country", "phone", "fax",
                   "enumerated_on", "updated_on", "primary_taxonomy", "taxonomy_codes",
                   "search_names"]


def build_staging_search(connection) -> None:
    """Keep what we knew of newly blanked deactivated NPIs (the closed-practice guide needs
    their name and old address), fold the other names into the search names, then fill
    the staging FTS table."""
    record, other = staging_name(NpiRecord), staging_name(NpiOtherName)
    live = NpiRecord._meta.db_table
    keep = ", ".join(f"{name} = l.{name}" for name in KEEP_WHEN_BLANK)
    statements = [
        f"UPDATE {record} SET {keep} FROM {live} AS l WHERE l.npi = {record}.npi "  # noqa: S608 - table names are constants, values are parameters
        f"AND {record}.entity_type IS NULL AND {record}.search_names = '' "
        f"AND l.search_names <> ''",
        f"UPDATE {record} SET search_names = {record}.search_names || ' ' || o.names "  # noqa: S608 - table names are constants, values are parameters
        f"FROM (SELECT npi, {_concat(connection, 'name')} AS names FROM {other} "
        f"GROUP BY npi) AS o WHERE o.npi = {record}.npi"]
    if connection.vendor == "sqlite":
        statements += _fts_statements(f"{FTS}{SUFFIX}", record)
    words_from = f"{FTS}{SUFFIX}" if connection.vendor == "sqlite" else record
    statements += [terms.create_sql(f"{terms.TERMS}{SUFFIX}", connection.vendor),
                   *terms.fill_sql(f"{terms.TERMS}{SUFFIX}", connection.vendor, words_from)]
    _run(connection, statements)


# FTS5 flushes its in-memory term hash to a new segment every ``hashsize`` bytes (1 MB
# by default) and merges the segments as they pile up: a 64 MB hash while filling the
# index cuts its build by ~40 % (7.5 -> 4.3 s at 1M rows); back to 1 MB afterwards, so
# the weekly updates of a running server keep a small buffer.
FTS_BUILD_HASH = 64 << 20
FTS_DEFAULT_HASH = 1 << 20


def _fts_statements(fts: str, record: str) -> list[str]:
    return [f"CREATE VIRTUAL TABLE {fts} USING fts5({FTS_COLUMNS})",
            f"INSERT INTO {fts} ({fts}, rank) VALUES ('hashsize', {FTS_BUILD_HASH})",  # noqa: S608 - constants
            f"INSERT INTO {fts} (rowid, names, tax, place) "  # noqa: S608 - table names are constants, values are parameters
            f"SELECT npi, search_names, taxonomy_codes, {PLACE_SQL} FROM {record}",
            f"INSERT INTO {fts} ({fts}, rank) VALUES ('hashsize', {FTS_DEFAULT_HASH})"]  # noqa: S608 - constants


def rebuild_fts(connection) -> None:
    """Refill the live FTS table from the records (a migration, when its tokens change)."""
    if connection.vendor == "sqlite":
        _run(connection, [f"DROP TABLE IF EXISTS {FTS}",
                          *_fts_statements(FTS, NpiRecord._meta.db_table)])


def create_term_table(connection) -> None:
    """The word table, filled from the live directory (a migration)."""
    vendor = connection.vendor
    words_from = FTS if vendor == "sqlite" else NpiRecord._meta.db_table
    _run(connection, [f"DROP TABLE IF EXISTS {terms.TERMS}",
                      terms.create_sql(terms.TERMS, vendor),
                      *terms.fill_sql(terms.TERMS, vendor, words_from), *terms.index_sql(vendor)])


def drop_term_table(connection) -> None:
    _run(connection, [f"DROP TABLE IF EXISTS {terms.TERMS}"])


def _concat(connection, column: str) -> str:
    if connection.vendor == "postgresql":
        return f"string_agg({column}, ' ')"
    return f"group_concat({column}, ' ')"


def swap_in(connection) -> None:
    """Replace the live tables by the staging copies; one transaction, all or nothing."""
    statements = []
    for model in LIVE_MODELS:
        live = model._meta.db_table
        statements += [f"DROP TABLE {live}", f"ALTER TABLE {staging_name(model)} RENAME TO {live}"]
        if connection.vendor == "postgresql":
            statements.append(f"ALTER TABLE {live} RENAME CONSTRAINT {staging_name(model)}_pkey "
                              f"TO {live}_pkey")
    statements += [f"DROP TABLE {terms.TERMS}",
                   f"ALTER TABLE {terms.TERMS}{SUFFIX} RENAME TO {terms.TERMS}",
                   *terms.index_sql(connection.vendor)]
    if connection.vendor == "sqlite":
        statements += [f"DROP TABLE {FTS}", f"ALTER TABLE {FTS}{SUFFIX} RENAME TO {FTS}"]
    with transaction.atomic(using=connection.alias):
        if connection.vendor == "postgresql":
            # The GIN and b-tree builds sort in memory instead of on disk (default 64 MB).
            statements.insert(0, "SET LOCAL maintenance_work_mem = '256MB'")
        _run(connection, statements)
        for model in LIVE_MODELS:
            _run(connection, _index_statements(connection, model, model._meta.db_table))
        _run(connection, _vendor_index_statements(connection))
    if connection.vendor == "postgresql" and connection.get_autocommit():
        _run(connection, [f"ANALYZE {NpiRecord._meta.db_table}"])


def search_index_bytes(connection) -> int | None:
    """Size of the search index (for the benchmark), or None if the database can't say."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # The FTS5 index lives in its _data table (dbstat is not in every build).
            cursor.execute(f"SELECT SUM(LENGTH(block)) FROM {FTS}_data")  # noqa: S608 - constant name
            return int(cursor.fetchone()[0] or 0)
        cursor.execute("SELECT COALESCE(SUM(pg_relation_size(c.oid)), 0) FROM pg_class c "
                       "WHERE c.relname IN ('npi_search_tsv', 'npi_search_trgm')")
        return int(cursor.fetchone()[0])
