"""Tables, staging copies and search indexes of the directory, for SQLite and PostgreSQL.

A full import loads ``<table>__stg`` copies without indexes (fast bulk inserts), builds
their search structures and indexes, each in its own short transaction (SQLite has one
write lock for the whole database: the users' writes must not wait long behind the
import), then ``swap_in`` drops the live tables and renames the copies in one quick
transaction: readers see the old directory until the commit, and a failed or
interrupted import leaves it untouched (``drop_staging`` cleans up the copies).

Index names: PostgreSQL builds the staging indexes as ``<name>__stg`` and renames them
at the swap. SQLite cannot rename an index, and index names are unique per database,
so there the name alternates between ``<name>`` and ``<name>__stg`` from one import to
the next (``staged_index_name``): a migration touching these indexes must look the name
up (``live_index_name``).

Search structures per vendor:
- SQLite: an FTS5 table ``directory_npi_fts`` (contentless, rowid = NPI) with the
  columns ``names``, ``tax`` (taxonomy codes) and ``place``
  (``st<state> z<zip5> y<zip3> c<city> e<entity> a<active>``).
- PostgreSQL: a GIN index on the same words in one tsvector (``TSVECTOR``: names,
  codes, 2- and 3-letter prefixes marked "0", place tokens marked "8"), one partial
  index per NPI range (``search_ranges``) and one over the deactivated NPIs
  (``INACTIVE_INDEX``), and, when the pg_trgm extension can be created, a trigram index
  on the names.
- Both: the word table ``directory_npi_term`` (see ``terms``) for prefixes and typos.
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
# detail=column: the index keeps which column a word is in, not its positions (no phrase
# is ever searched, nothing is scored): a smaller index, built faster.
FTS_COLUMNS = "names, tax, place, content='', contentless_delete=1, prefix='2 3', " \
              "detail=column, tokenize='unicode61 remove_diacritics 2'"
# Characters taken out of a city name to make it one token ("ST. LOUIS" -> "cstlouis");
# place_text and PLACE_SQL must agree.
CITY_STRIP = " .-',/"
_CITY_SQL = "city"
for _char in CITY_STRIP:
    _CITY_SQL = f"replace({_CITY_SQL}, '{_char.replace(chr(39), chr(39) * 2)}', '')"
# What goes in the FTS ``place`` column, from a row of the record table: the state, the
# ZIP (5 and 3 digits), the city, the entity type and whether the NPI is active, each a
# token, so every filter narrows the full-text match itself instead of being checked row
# by row after it (which cost a lookup per "kim" in the country).
PLACE_SQL = (f"'st' || lower(state) || ' z' || substr(zip, 1, 5) || ' y' || substr(zip, 1, 3) "
             f"|| ' c' || lower({_CITY_SQL}) || ' e' || COALESCE(entity_type, 0) "
             f"|| ' a' || CASE WHEN active THEN 1 ELSE 0 END")
# PostgreSQL: one tsvector with the name words and taxonomy codes as they are, and two
# kinds of marked words that no name has (the 'simple' parser keeps a word starting
# with a digit whole): "0sm" and "0smi", the 2- and 3-letter prefixes of every name
# word, so "sm" reads one posting list instead of merging every word starting with it;
# and the place tokens with an "8" ("8stca", "8z02139", "8y021", "8cboston", "8e1",
# "8a1"), so "st" never matches every "stca". No weights: a weighted query made the GIN
# index recheck every row it found (the tsvector recomputed from the row), the plain
# words of this one are answered by the index alone.
PREFIX_MARK = "0"
PLACE_MARK = "8"
PG_PLACE_SQL = PLACE_SQL.replace("'st'", f"'{PLACE_MARK}st'")
for _token in ("z", "y", "c", "e", "a"):
    PG_PLACE_SQL = PG_PLACE_SQL.replace(f"' {_token}'", f"' {PLACE_MARK}{_token}'")
PREFIX_SQL = (r"regexp_replace(search_names, '(\w\w)(\w?)\w*', "
              rf"'{PREFIX_MARK}\1 {PREFIX_MARK}\1\2', 'g')")
TSVECTOR = (f"to_tsvector('simple', search_names || ' ' || {PREFIX_SQL} || ' ' || "
            f"taxonomy_codes || ' ' || {PG_PLACE_SQL})")


def city_token(city: str) -> str:
    return "c" + city.lower().translate({ord(char): None for char in CITY_STRIP})


def place_text(state: str, zip_code: str, city: str, entity: int | None = None,
               active: bool = True) -> str:
    """The ``place`` column of one record, as PLACE_SQL computes it."""
    return (f"st{state.lower()} z{zip_code[:5]} y{zip_code[:3]} {city_token(city)} "
            f"e{entity or 0} a{int(bool(active))}")


def staging_name(model) -> str:
    return model._meta.db_table + SUFFIX


def _run(connection, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _index_names(connection) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        else:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = "
                           "current_schema()")
        return {row[0] for row in cursor.fetchall()}


def staged_index_name(connection, name: str, existing: set[str]) -> str:
    """The name of an index on a staging table (see the module's docstring)."""
    if connection.vendor == "sqlite" and name + SUFFIX in existing:
        return name
    return name + SUFFIX


def live_index_name(connection, name: str) -> str:
    """The name the live table's index has now (SQLite alternates, see above)."""
    existing = _index_names(connection)
    return name if name in existing or name + SUFFIX not in existing else name + SUFFIX


def _model_index_statements(connection, model, table: str,
                            existing: set[str]) -> list[tuple[str, str]]:
    """(index name, CREATE INDEX) of a model's indexes, on ``table``."""
    editor = connection.SchemaEditorClass(connection)
    statements = []
    for index in model._meta.indexes:
        statement = index.create_sql(model, editor)
        statement.rename_table_references(model._meta.db_table, table)
        name = staged_index_name(connection, index.name, existing)
        sql = str(statement).replace(editor.quote_name(index.name), editor.quote_name(name), 1)
        statements.append((index.name, sql))
    return statements


def has_trigram(connection) -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


# PostgreSQL: the GIN index is split by NPI range, one partial index per range, and a
# search reads the ranges in order until its window is full. A GIN scan builds the
# bitmap of every match before the first row comes out ("hospital": 64,000 at 1M rows,
# 33 ms; nine times that at 9M), so one index over the country costs what its matches
# cost; a range holds 1/20th of them, and a common word fills its window in the first.
# NPIs are 10 digits starting with 1 (2 is reserved): fixed bounds, the same in every
# process and for every import, 62.5 million NPIs wide (~560,000 records at 9M).
SEARCH_RANGE_BOUNDS = [1_000_000_000 + step * 62_500_000 for step in range(1, 32)]


def search_ranges() -> list[str]:
    """The predicate of each partial search index, in NPI order."""
    bounds = [None, *SEARCH_RANGE_BOUNDS, None]
    return [" AND ".join(part for part in (f"npi >= {low}" if low else "",
                                           f"npi < {high}" if high else "") if part)
            for low, high in zip(bounds, bounds[1:], strict=False)]


def search_index_names() -> list[str]:
    return [f"npi_search_tsv_{number:02d}" for number in range(len(search_ranges()))]


# PostgreSQL: the same GIN index over the deactivated NPIs only (a few percent of the
# directory, most of them blank: CMS blanks deactivated rows). A search among them
# ("smith", active=False) reads this small index in one statement instead of 32 ranges
# (each phase, then the typo fallback), which a query that matches little read to the end.
# With pg_trgm, the index has the names' trigrams too (a second GIN column): the typo
# fallback among deactivated NPIs reads them here, not in the country's trigram index
# (whose matches would each be checked for "NOT active"), nor every deactivated row.
INACTIVE_INDEX = "npi_search_inactive"
INACTIVE_WHERE = "NOT active"


def _inactive_definition(connection) -> str:
    trigrams = ", search_names gin_trgm_ops" if has_trigram(connection) else ""
    return f"ON {{table}} USING gin ({TSVECTOR}{trigrams}) WHERE {INACTIVE_WHERE}"


def _vendor_indexes(connection) -> list[tuple[str, str]]:
    """(name, definition with {table}) of the PostgreSQL search indexes."""
    if connection.vendor != "postgresql":
        return []
    indexes = [(name, f"ON {{table}} USING gin ({TSVECTOR}) WHERE {where}")
               for name, where in zip(search_index_names(), search_ranges(),
                                      strict=True)]
    indexes.append((INACTIVE_INDEX, _inactive_definition(connection)))
    indexes.append(("npi_state", "ON {table} (state)"))
    if has_trigram(connection):
        indexes.append(("npi_search_trgm", "ON {table} USING gin (search_names gin_trgm_ops)"))
    return indexes


def vendor_index_statements(connection) -> list[tuple[str, str]]:
    table = NpiRecord._meta.db_table
    return [(name, f"CREATE INDEX {name} {definition.format(table=table)}")
            for name, definition in _vendor_indexes(connection)]


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
        _run(connection, [sql for _name, sql in vendor_index_statements(connection)])


def drop_search_structures(connection) -> None:
    if connection.vendor == "sqlite":
        _run(connection, [f"DROP TABLE IF EXISTS {FTS}"])
    elif connection.vendor == "postgresql":
        _run(connection, [f"DROP INDEX IF EXISTS {name}" for name in
                          ["npi_search_tsv", *search_index_names(), INACTIVE_INDEX,
                           "npi_state", "npi_search_trgm"]])


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


def keep_blanked_sql(record: str, npi_range: str = "") -> str:
    """Keep what we knew of newly blanked deactivated NPIs: the closed-practice guide needs
    their name and old address."""
    live = NpiRecord._meta.db_table
    keep = ", ".join(f"{name} = l.{name}" for name in KEEP_WHEN_BLANK)
    return (f"UPDATE {record} SET {keep} FROM {live} AS l WHERE l.npi = {record}.npi "  # noqa: S608 - table names are constants, values are parameters
            f"AND {record}.entity_type IS NULL AND {record}.search_names = '' "
            f"AND l.search_names <> ''{npi_range}")


def other_names_sql(connection, record: str, other: str) -> str:
    """Fold the other names of organizations into their search names."""
    return (f"UPDATE {record} SET search_names = {record}.search_names || ' ' || o.names "  # noqa: S608 - table names are constants, values are parameters
            f"FROM (SELECT npi, {_concat(connection, 'name')} AS names FROM {other} "
            f"GROUP BY npi) AS o WHERE o.npi = {record}.npi")


# FTS5 flushes its in-memory term hash to a new segment every ``hashsize`` bytes (1 MB
# by default) and merges the segments as they pile up: a 64 MB hash while filling the
# index cuts its build by ~40 % (7.5 -> 4.3 s at 1M rows); back to 1 MB afterwards, so
# the weekly updates of a running server keep a small buffer.
FTS_BUILD_HASH = 64 << 20
FTS_DEFAULT_HASH = 1 << 20


# FTS5 merges segments once ``automerge`` (4 by default) of a size pile up: 8 while
# filling the index cuts its build by ~18 % (6.6 -> 5.4 s at 1M rows), back to 4 after.
FTS_BUILD_AUTOMERGE = 8
FTS_DEFAULT_AUTOMERGE = 4


def fts_create_sql(fts: str) -> list[str]:
    return [f"CREATE VIRTUAL TABLE {fts} USING fts5({FTS_COLUMNS})",
            f"INSERT INTO {fts} ({fts}, rank) VALUES ('hashsize', {FTS_BUILD_HASH})",  # noqa: S608 - constants
            f"INSERT INTO {fts} ({fts}, rank) VALUES ('automerge', {FTS_BUILD_AUTOMERGE})"]  # noqa: S608 - constants


def fts_fill_sql(fts: str, record: str, npi_range: str = "") -> str:
    return (f"INSERT INTO {fts} (rowid, names, tax, place) "  # noqa: S608 - table names are constants, values are parameters
            f"SELECT npi, search_names, taxonomy_codes, {PLACE_SQL} FROM {record}"
            + (f" WHERE {npi_range.removeprefix(' AND ')}" if npi_range else ""))


def fts_done_sql(fts: str) -> list[str]:
    return [f"INSERT INTO {fts} ({fts}, rank) VALUES ('hashsize', {FTS_DEFAULT_HASH})",  # noqa: S608 - constants
            f"INSERT INTO {fts} ({fts}, rank) VALUES ('automerge', {FTS_DEFAULT_AUTOMERGE})"]  # noqa: S608 - constants


def _fts_statements(fts: str, record: str) -> list[str]:
    return [*fts_create_sql(fts), fts_fill_sql(fts, record), *fts_done_sql(fts)]


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


def staging_index_statements(connection) -> list[tuple[str, str]]:
    """(label, CREATE INDEX) of every index of the staging tables, named as
    ``staged_index_name`` says; built before the swap, one transaction each."""
    existing = _index_names(connection)
    statements = []
    for model in LIVE_MODELS:
        statements += _model_index_statements(connection, model, staging_name(model), existing)
    record = staging_name(NpiRecord)
    for name, definition in _vendor_indexes(connection):
        statements.append((name, f"CREATE INDEX {name}{SUFFIX} "
                                 f"{definition.format(table=record)}"))
    for name, sql in terms.index_statements(connection.vendor):
        staged = staged_index_name(connection, name, existing)
        statements.append((name, sql.replace(f" {name} ", f" {staged} ", 1).replace(
            f" {terms.TERMS} ", f" {terms.TERMS}{SUFFIX} ", 1)))
    return statements


def _index_renames(connection) -> list[str]:
    """PostgreSQL: the staging indexes take the live names (the live ones are gone)."""
    if connection.vendor != "postgresql":
        return []
    names = [index.name for model in LIVE_MODELS for index in model._meta.indexes]
    names += [name for name, _ in _vendor_indexes(connection)]
    names += [name for name, _ in terms.index_statements(connection.vendor)]
    return [f"ALTER INDEX {name}{SUFFIX} RENAME TO {name}" for name in names]


def swap_in(connection) -> None:
    """Replace the live tables by the staging copies (indexes built): one quick
    transaction, all or nothing."""
    statements = []
    for model in LIVE_MODELS:
        live = model._meta.db_table
        statements += [f"DROP TABLE {live}", f"ALTER TABLE {staging_name(model)} RENAME TO {live}"]
        if connection.vendor == "postgresql":
            statements.append(f"ALTER TABLE {live} RENAME CONSTRAINT {staging_name(model)}_pkey "
                              f"TO {live}_pkey")
    statements += [f"DROP TABLE {terms.TERMS}",
                   f"ALTER TABLE {terms.TERMS}{SUFFIX} RENAME TO {terms.TERMS}"]
    if connection.vendor == "sqlite":
        statements += [f"DROP TABLE {FTS}", f"ALTER TABLE {FTS}{SUFFIX} RENAME TO {FTS}"]
    statements += _index_renames(connection)
    with transaction.atomic(using=connection.alias):
        _run(connection, statements)


def search_index_bytes(connection) -> int | None:
    """Size of the search index (for the benchmark), or None if the database can't say."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # The FTS5 index lives in its _data table (dbstat is not in every build).
            cursor.execute(f"SELECT SUM(LENGTH(block)) FROM {FTS}_data")  # noqa: S608 - constant name
            return int(cursor.fetchone()[0] or 0)
        cursor.execute("SELECT COALESCE(SUM(pg_relation_size(c.oid)), 0) FROM pg_class c "
                       "WHERE c.relname LIKE 'npi_search_tsv%%' OR c.relname = ANY(%s)",
                       [[INACTIVE_INDEX, "npi_search_trgm"]])
        return int(cursor.fetchone()[0])
