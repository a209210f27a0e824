"""Full-text search across a patient's documents, OCR text and entries, with snippets.

One backend per database: SQLite FTS5 inside the encrypted database, PostgreSQL full-text
search. Both rank only a capped window: the newest ``WINDOW`` matches (ids grow with time)
are ranked (bm25 / ts_rank) and the best returned. Ranking every match costs 365-445 ms at
a million entries, the capped window ~21 ms (research/vault.md); below WINDOW matches, the
ranking is the same as over all of them.

Queries: words (all must match, stemmed), "a phrase" in double quotes, and prefix* words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db import connection

from recordright.vault.index import patient_token
from recordright.vault.models import Document, SearchItem

WINDOW = 2000
MARK_START, MARK_END = "\x02", "\x03"
_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False


@dataclass
class Hit:
    document_id: int
    document_name: str
    entry_id: int | None
    entry_title: str
    category: str
    date: date | None
    title: str
    snippet: str  # matches between MARK_START and MARK_END

    def snippet_marked(self, start: str = "**", end: str = "**") -> str:
        return self.snippet.replace(MARK_START, start).replace(MARK_END, end)

    def as_json(self) -> dict:
        return {"document": {"id": self.document_id, "name": self.document_name},
                "entry": ({"id": self.entry_id, "title": self.entry_title,
                           "category": self.category} if self.entry_id else None),
                "date": self.date.isoformat() if self.date else None,
                "title": self.title, "snippet": self.snippet_marked()}


def parse_query(text: str) -> list[Term]:
    terms = []
    for phrase, word in _TERM.findall(text):
        words = tuple(w.lower() for w in _WORD.findall(phrase or word))
        if words:
            terms.append(Term(words, prefix=bool(word) and word.endswith("*") and len(words) == 1))
    return terms


_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ic", "al", "s", "y", "e")
SNIPPET_WORDS = 16


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def make_snippet(text: str, terms: list[Term]) -> str:
    """About SNIPPET_WORDS words of ``text`` around the first match, matches marked. The
    index stems words (porter); this approximates it, for display only."""
    stems = {_stem(word) for term in terms for word in term.words}
    prefixes = tuple(term.words[0] for term in terms if term.prefix)
    words = text.split()
    marked, first = [], None
    for number, word in enumerate(words):
        bare = _WORD.findall(word.lower())
        hit = any(_stem(part) in stems or (prefixes and part.startswith(prefixes))
                  for part in bare)
        if hit and first is None:
            first = number
        marked.append(f"{MARK_START}{word}{MARK_END}" if hit else word)
    start = max(0, (first or 0) - SNIPPET_WORDS // 3)
    piece = marked[start:start + SNIPPET_WORDS]
    return ("… " if start else "") + " ".join(piece) + (" …" if start + SNIPPET_WORDS <
                                                          len(words) else "")


class SqliteBackend:
    FTS = "vault_search_fts"
    # patient_token, title, body: the patient column never ranks, titles count more.
    RANK = f"bm25({FTS}, 0.0, 4.0, 1.0)"

    def create(self, cursor) -> None:
        cursor.execute(
            f"CREATE VIRTUAL TABLE {self.FTS} USING fts5(patient_token, title, body, "
            "content='vault_searchitem', content_rowid='id', prefix='2 3 4', "
            "tokenize='porter unicode61 remove_diacritics 2')")
        values = "new.id, new.patient_token, new.title, new.body"
        old = "'delete', old.id, old.patient_token, old.title, old.body"
        cursor.execute(f"CREATE TRIGGER vault_search_ai AFTER INSERT ON vault_searchitem BEGIN "  # noqa: S608 - constant names
                       f"INSERT INTO {self.FTS}(rowid, patient_token, title, body) "
                       f"VALUES ({values}); END")
        cursor.execute(f"CREATE TRIGGER vault_search_ad AFTER DELETE ON vault_searchitem BEGIN "  # noqa: S608 - constant names
                       f"INSERT INTO {self.FTS}({self.FTS}, rowid, patient_token, title, body) "
                       f"VALUES ({old}); END")
        cursor.execute(f"CREATE TRIGGER vault_search_au AFTER UPDATE ON vault_searchitem BEGIN "  # noqa: S608 - constant names
                       f"INSERT INTO {self.FTS}({self.FTS}, rowid, patient_token, title, body) "
                       f"VALUES ({old}); INSERT INTO {self.FTS}(rowid, patient_token, title, "
                       f"body) VALUES ({values}); END")

    def drop(self, cursor) -> None:
        for trigger in ("vault_search_ai", "vault_search_ad", "vault_search_au"):
            cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        cursor.execute(f"DROP TABLE IF EXISTS {self.FTS}")

    def expression(self, patient_id: int, terms: list[Term], *, only_patient: bool) -> str:
        """The MATCH expression. The patient's word narrows it when the vault holds others;
        when it holds only this patient it would only cost: AND-ing it loads the patient's
        whole term list (a million rows: ~100 ms) for every ranked query."""
        parts = []
        for term in terms:
            quoted = '"' + " ".join(term.words) + '"'
            parts.append(quoted + ("*" if term.prefix else ""))
        words = f'{{title body}} : ({" ".join(parts)})'
        if only_patient:
            return words
        return f'patient_token : "{patient_token(patient_id)}" AND {words}'

    @staticmethod
    def only_patient(patient_id: int) -> bool:
        """Whether no other patient has anything in the vault (one indexed lookup)."""
        return not Document.objects.filter(patient_id__lt=patient_id).exists() and \
            not Document.objects.filter(patient_id__gt=patient_id).exists()

    def find(self, patient_id: int, terms: list[Term], limit: int,
             order: str) -> list[tuple[int, str]]:
        match = self.expression(patient_id, terms, only_patient=self.only_patient(patient_id))
        with connection.cursor() as cursor:
            if order == "newest":
                cursor.execute(f"SELECT rowid FROM {self.FTS} WHERE {self.FTS} MATCH %s "  # noqa: S608 - constants
                               "ORDER BY rowid DESC LIMIT %s", [match, limit])
            else:
                cursor.execute(f"SELECT rowid FROM {self.FTS} WHERE {self.FTS} MATCH %s "  # noqa: S608
                               "ORDER BY rowid DESC LIMIT 1 OFFSET %s", [match, WINDOW - 1])
                row = cursor.fetchone()
                cursor.execute(f"SELECT rowid FROM {self.FTS} WHERE {self.FTS} MATCH %s "  # noqa: S608
                               f"AND rowid >= %s ORDER BY {self.RANK}, rowid DESC LIMIT %s",
                               [match, row[0] if row else 0, limit])
            # Snippets are made from the rows (make_snippet): FTS5's snippet() loads every
            # matching term's whole list again for each hit, the patient's word included.
            return [(row[0], "") for row in cursor.fetchall()]

    def problems(self) -> list[str]:
        with connection.cursor() as cursor:
            try:
                cursor.execute(f"INSERT INTO {self.FTS}({self.FTS}, rank) "  # noqa: S608
                               "VALUES ('integrity-check', 1)")
            except Exception as exc:  # noqa: BLE001 - any failure means a damaged index
                return [f"The search index does not match its rows ({type(exc).__name__}); "
                        "rebuild it with 'recordright check --rebuild-search'."]
        return []

    def rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {self.FTS}({self.FTS}) VALUES ('rebuild')")  # noqa: S608


class PostgresBackend:
    VECTOR = ("setweight(to_tsvector('english', title), 'A') || "
              "setweight(to_tsvector('english', body), 'B')")

    def create(self, cursor) -> None:
        cursor.execute("ALTER TABLE vault_searchitem ADD COLUMN search_vector tsvector "
                       f"GENERATED ALWAYS AS ({self.VECTOR}) STORED")
        cursor.execute("CREATE INDEX vault_search_vector ON vault_searchitem "
                       "USING GIN (search_vector)")

    def drop(self, cursor) -> None:
        cursor.execute("DROP INDEX IF EXISTS vault_search_vector")
        cursor.execute("ALTER TABLE vault_searchitem DROP COLUMN IF EXISTS search_vector")

    def tsquery(self, terms: list[Term]) -> str:
        parts = []
        for term in terms:
            if term.prefix:
                parts.append(f"{term.words[0]}:*")
            else:
                parts.append("(" + " <-> ".join(term.words) + ")")
        return " & ".join(parts)

    def find(self, patient_id: int, terms: list[Term], limit: int,
             order: str) -> list[tuple[int, str]]:
        query = self.tsquery(terms)
        ranking = "s.id DESC" if order == "newest" else "score DESC, s.id DESC"
        headline = ("ts_headline('english', CASE WHEN s.body = '' THEN s.title ELSE s.body END, "
                    "q.query, 'StartSel=\x02, StopSel=\x03, MaxWords=24, MinWords=8, "
                    "MaxFragments=1, FragmentDelimiter=…')")
        with connection.cursor() as cursor:
            cursor.execute(
                "WITH q AS (SELECT to_tsquery('english', %s) AS query), "  # noqa: S608 - constant SQL, values are parameters
                "recent AS (SELECT v.id, ts_rank(v.search_vector, q.query) AS score "
                "FROM vault_searchitem v, q WHERE v.patient_id = %s AND "
                "v.search_vector @@ q.query ORDER BY v.id DESC LIMIT %s), "
                "best AS (SELECT s.id, r.score FROM recent r JOIN vault_searchitem s "
                f"ON s.id = r.id ORDER BY {ranking.replace('score', 'r.score')} LIMIT %s) "
                f"SELECT s.id, {headline} FROM best b JOIN vault_searchitem s ON s.id = b.id, q "
                f"ORDER BY {ranking.replace('score', 'b.score')}",
                [query, patient_id, WINDOW, limit])
            return [(row[0], row[1]) for row in cursor.fetchall()]

    def problems(self) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM vault_searchitem WHERE search_vector IS NULL")
            missing = cursor.fetchone()[0]
        return [f"{missing} search rows have no index entry."] if missing else []

    def rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("REINDEX INDEX vault_search_vector")


def backend_for(vendor: str) -> SqliteBackend | PostgresBackend:
    return PostgresBackend() if vendor == "postgresql" else SqliteBackend()


def search(patient_id: int, query: str, *, limit: int = 20, order: str = "newest"
           ) -> list[Hit]:
    """The newest ``limit`` hits; ``order="best"``: the best by bm25 / ts_rank among the
    newest WINDOW matches."""
    terms = parse_query(query)
    if not terms:
        return []
    found = backend_for(connection.vendor).find(patient_id, terms, limit, order)
    # The patient again: never another patient's row, whatever the backend's match did.
    rows = {row["id"]: row for row in SearchItem.objects.filter(
        patient_id=patient_id, id__in=[item_id for item_id, _snippet in found]).values(
        "id", "document_id", "document__original_name", "entry_id", "entry__title",
        "entry__category", "date", "title", "body")}
    hits = []
    for item_id, snippet in found:
        row = rows.get(item_id)
        if row is None:
            continue
        snippet = snippet or make_snippet(row["body"] or row["title"], terms)
        hits.append(Hit(document_id=row["document_id"],
                        document_name=row["document__original_name"],
                        entry_id=row["entry_id"], entry_title=row["entry__title"] or "",
                        category=row["entry__category"] or "", date=row["date"],
                        title=row["title"], snippet=" ".join(snippet.split())))
    return hits
