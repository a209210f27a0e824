"""The name vocabulary of the directory (SQLite), for typo corrections in constant time.

``directory_npi_term`` holds every word of the FTS ``names`` column with the number of
records it appears in, keyed by (first two letters, length, word). A typo fallback reads
only the words sharing the first two letters (either order: "aptel") within two letters
of the typed length, a few hundred rows whatever the size of the directory, where
reading the FTS5 vocabulary (``fts5vocab``) grew with the index (20-200 ms at 1M rows).

A full import builds the table from the staging FTS vocabulary, before the swap; weekly
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


def create_sql(table: str) -> str:
    return f"CREATE TABLE {table} ({TERM_COLUMNS}) WITHOUT ROWID"


def fill_from_fts_sql(table: str, fts: str) -> list[str]:
    """Statements filling ``table`` from the ``names`` column of the FTS table ``fts``
    (same tokens as the index, no second tokenizer). Words with digits never get
    corrected, so they are left out."""
    vocab = f"temp.{fts}_vocab"
    return [f"DROP TABLE IF EXISTS {vocab}",
            f"CREATE VIRTUAL TABLE {vocab} USING fts5vocab(main, {fts}, col)",
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
        f"ON CONFLICT (head, len, term) DO UPDATE SET freq = freq + 1", rows)


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
