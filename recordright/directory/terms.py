"""The name vocabulary of the directory, for typo corrections in constant time.

``directory_npi_term`` holds every word of the FTS ``names`` column with the number of
records it appears in, keyed by (first two letters, length, word). A typo fallback reads
only the words sharing the first two letters (either order: "aptel") within two letters
of the typed length, a few hundred rows whatever the size of the directory, where
reading the FTS5 vocabulary (``fts5vocab``) grew with the index (20-200 ms at 1M rows).

The same table serves PostgreSQL, whose pg_trgm scan over the records cost 220-280 ms
at 1M rows ("jonson" shares the trigram "son" with every Johnson, Wilson, Robinson ...).

A full import builds the table from the staging FTS vocabulary (SQLite) or the staging
search names (PostgreSQL), before the swap; weekly
updates add the words of the records they touch (counts only go up: a word a weekly
file removed stays a candidate, which costs nothing as it then matches no record).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process

TERMS = "directory_npi_term"
LENGTH_WINDOW = 2
# The table's key serves the one query: all words of a head within a length window.
TERM_COLUMNS = ("head TEXT NOT NULL, len INTEGER NOT NULL, term TEXT NOT NULL, "
                "freq INTEGER NOT NULL, PRIMARY KEY (head, len, term)")
_WORD = re.compile(r"[^\W_]+")


def create_sql(table: str, vendor: str) -> str:
    if vendor == "sqlite":
        return f"CREATE TABLE {table} ({TERM_COLUMNS}) WITHOUT ROWID"
    # PostgreSQL: the key is a unique index built after the fill and the swap (its name
    # must not clash with the live table's while both exist).
    return f"CREATE TABLE {table} ({TERM_COLUMNS.rsplit(', PRIMARY KEY', 1)[0]})"


def index_statements(vendor: str) -> list[tuple[str, str]]:
    """(name, CREATE INDEX) of the word table's indexes: the key on PostgreSQL (SQLite's
    is the table's own primary key) and, on both, the words in order for prefixes."""
    # PostgreSQL compares text by the database's collation: text_pattern_ops (byte order)
    # lets ``LIKE 'smit%'`` read a range of the index.
    ops = " text_pattern_ops" if vendor == "postgresql" else ""
    statements = [("npi_term_prefix", f"CREATE INDEX npi_term_prefix ON {TERMS} "
                                      f"(term{ops}, freq)")]
    if vendor == "postgresql":
        statements.insert(0, ("npi_term_key", f"CREATE UNIQUE INDEX npi_term_key ON {TERMS} "
                                              f"(head, len, term)"))
    return statements


def index_sql(vendor: str) -> list[str]:
    return [sql for _name, sql in index_statements(vendor)]


def fill_sql(table: str, vendor: str, source: str) -> list[str]:
    """Statements filling ``table`` with the name words of ``source``: the SQLite FTS
    table's ``names`` column (same tokens as the index, no second tokenizer), or on
    PostgreSQL the ``search_names`` of a record table, split by the 'simple' parser
    (ts_stat: ~2 s per million rows). Words with digits never get corrected: left out."""
    if vendor == "postgresql":
        return [f"INSERT INTO {table} (head, len, term, freq) "  # noqa: S608 - table names are constants
                f"SELECT left(word, 2), length(word), word, ndoc FROM ts_stat("
                f"'SELECT to_tsvector(''simple'', search_names) FROM {source}') "
                f"WHERE length(word) >= 2 AND word !~ '[0-9]'"]
    vocab = f"temp.{source}_vocab"
    return [f"DROP TABLE IF EXISTS {vocab}",
            f"CREATE VIRTUAL TABLE {vocab} USING fts5vocab(main, {source}, col)",
            f"INSERT INTO {table} (head, len, term, freq) "  # noqa: S608 - table names are constants
            f"SELECT substr(term, 1, 2), length(term), term, doc FROM {vocab} "
            f"WHERE col = 'names' AND length(term) >= 2 AND term NOT GLOB '*[0-9]*'",
            f"DROP TABLE {vocab}"]


def words(text: str) -> set[str]:
    """The words of a (folded) search name, as the FTS tokenizer splits them."""
    return {word for word in _WORD.findall(text.lower())
            if len(word) >= 2 and not any(char.isdigit() for char in word)}


def add(cursor, texts: Iterable[str]) -> None:
    """Count the words of some new or changed search names (weekly updates)."""
    rows = [(word[:2], len(word), word) for text in texts for word in words(text)]
    cursor.executemany(
        f"INSERT INTO {TERMS} (head, len, term, freq) VALUES (%s, %s, %s, 1) "  # noqa: S608 - table names are constants, values are parameters
        f"ON CONFLICT (head, len, term) DO UPDATE SET freq = {TERMS}.freq + 1", rows)


def similar(cursor, word: str, limit: int, cutoff: float) -> list[str]:
    """Up to ``limit`` known words closest to ``word`` (rapidfuzz ratio >= ``cutoff``), the
    more frequent first among equally close ones ("jonson": "johnson" before "jonsson")."""
    heads = list({word[:2], word[1::-1]})
    marks = ", ".join(["%s"] * len(heads))
    cursor.execute(f"SELECT term, freq FROM {TERMS} WHERE head IN ({marks}) "  # noqa: S608 - table names are constants, values are parameters
                   f"AND len BETWEEN %s AND %s",
                   [*heads, len(word) - LENGTH_WINDOW, len(word) + LENGTH_WINDOW])
    rows = cursor.fetchall()
    found = process.extract(word, [term for term, _ in rows], scorer=fuzz.ratio, limit=None,
                            score_cutoff=cutoff)
    found.sort(key=lambda item: (-item[1], -rows[item[2]][1]))
    return [term for term, _score, _index in found[:limit]]


def known(cursor, word: str) -> int:
    """How many records have ``word`` as a name word (0: not a word of the directory)."""
    cursor.execute(f"SELECT freq FROM {TERMS} WHERE head = %s AND len = %s AND term = %s",  # noqa: S608 - table names are constants, values are parameters
                   [word[:2], len(word), word])
    row = cursor.fetchone()
    return int(row[0]) if row else 0


def completions(cursor, word: str, vendor: str, scan: int = 5000) -> list[tuple[str, int]]:
    """Name words starting with ``word`` (itself included), most frequent first: read in
    order from the ``(term, freq)`` index, at most ``scan`` of them. (``word`` is made
    of [a-z0-9], see search.normalize_words: nothing to escape.)"""
    if vendor == "postgresql":
        where, params = "term LIKE %s", [word + "%"]
    else:
        where, params = "term >= %s AND term < %s", [word, word + "\uffff"]
    cursor.execute(f"SELECT term, freq FROM {TERMS} WHERE {where} LIMIT %s",  # noqa: S608 - table names are constants, values are parameters
                   [*params, scan])
    return sorted(cursor.fetchall(), key=lambda row: -row[1])
