"""Candidate finders per database vendor, behind ``for_vendor`` (used by directory.search)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import connection, transaction

from recordright.directory import schema, terms
from recordright.directory.models import NpiRecord

if TYPE_CHECKING:
    from recordright.directory.search import Query

TABLE = NpiRecord._meta.db_table
TYPO_CUTOFF = 75  # rapidfuzz ratio: "patle" ~ "patel" is 80
MAX_CORRECTIONS = 4
# Full-text matches ranked per query at most (see SqliteBackend._run).
POOL = 1000


def _filters(spec: Query, alias: str, city: bool = True) -> tuple[list[str], list]:
    """SQL conditions on the record table that the text index does not cover."""
    where, params = [], []
    if spec.city and city:
        where.append(f"UPPER({alias}.city) = UPPER(%s)")
        params.append(spec.city)
    if spec.entity:
        where.append(f"{alias}.entity_type = %s")
        params.append(spec.entity)
    if spec.active is not None:
        where.append(f"{alias}.active = %s")
        params.append(spec.active)
    return where, params


class SqliteBackend:
    """FTS5: prefix queries on names, taxonomy codes for specialty words, place tokens."""

    def _quote(self, term: str) -> str:
        return '"' + term.replace('"', "") + '"'

    def _word_expr(self, spec: Query, word: str, alternatives: list[str] | None = None) -> str:
        names = " OR ".join(f"{self._quote(term)}" for term in (alternatives or []))
        options = [f"names : {self._quote(word)}*"]
        if names:
            options.append(f"names : ({names})")
        codes = spec.specialty_codes(word)
        if codes:
            options.append("tax : (" + " OR ".join(self._quote(code.lower()) for code in codes)
                           + ")")
        return "(" + " OR ".join(options) + ")"

    def _place_expr(self, spec: Query) -> list[str]:
        parts = []
        if spec.state:
            parts.append(f"place : {self._quote('st' + spec.state.lower())}")
        if spec.zip_prefix:
            parts.append(f"place : {self._quote('z' + spec.zip_prefix)}*")
        if spec.city:
            parts.append(f"place : {self._quote(schema.city_token(spec.city))}")
        if spec.taxonomy:
            parts.append(f"tax : {self._quote(spec.taxonomy.lower())}")
        return parts

    def _run(self, spec: Query, expressions: list[str], limit: int) -> list[int]:
        """The best ``limit`` by bm25 of the first POOL matches in NPI order: ``ORDER BY
        rank`` over every match costs ~5 us a match, and "smith" matches ~1 % of the
        country. The pool keeps p95 flat as the directory grows; below POOL matches (a
        name and a specialty, a place) the ranking is the same as over all of them."""
        match = " AND ".join(expressions + self._place_expr(spec))
        where, params = _filters(spec, "n", city=False)
        # CROSS JOIN: SQLite must walk the FTS matches first, not scan the records table.
        join = f"CROSS JOIN {TABLE} n ON n.npi = f.rowid" if where else ""
        extra = "".join(f" AND {condition}" for condition in where)
        sql = (f"SELECT rowid FROM (SELECT f.rowid AS rowid, f.rank AS rank "  # noqa: S608 - table names are constants, values are parameters
               f"FROM {schema.FTS} f {join} WHERE {schema.FTS} MATCH %s{extra} LIMIT %s) "
               f"ORDER BY rank LIMIT %s")
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *params, POOL, limit])
            return [row[0] for row in cursor.fetchall()]

    def candidates(self, spec: Query, limit: int) -> list[int]:
        return self._run(spec, [self._word_expr(spec, word) for word in spec.words], limit)

    def _similar_terms(self, word: str) -> list[str]:
        """Known name words close to ``word`` (``terms``: constant time; typos rarely hit
        the first two letters, and "aptel" is looked up under "pa" too)."""
        if len(word) < 4 or word.isdigit():
            return []
        with connection.cursor() as cursor:
            return terms.similar(cursor, word, MAX_CORRECTIONS, TYPO_CUTOFF)

    def typo_candidates(self, spec: Query, limit: int) -> list[int]:
        expressions = [self._word_expr(spec, word, self._similar_terms(word))
                       for word in spec.words]
        return self._run(spec, expressions, limit)


class PostgresBackend:
    """tsvector prefix queries (GIN) in a bounded pool; typos corrected from the word
    table like SQLite, pg_trgm only when no known word is close (bounded too)."""

    def _tsquery(self, spec: Query, words: list[str],
                 alternatives: dict[str, list[str]] | None = None) -> str:
        parts = []
        for word in words:
            options = [f"{word}:*", *(alternatives or {}).get(word, []),
                       *(code.lower() for code in spec.specialty_codes(word))]
            parts.append("(" + " | ".join(options) + ")")
        if spec.taxonomy:
            parts.append(spec.taxonomy.lower())
        return " & ".join(parts)

    def _place(self, spec: Query) -> tuple[list[str], list]:
        where, params = _filters(spec, "n")
        if spec.state:
            where.append("n.state = %s")
            params.append(spec.state)
        if spec.zip_prefix:
            where.append("n.zip LIKE %s")
            params.append(spec.zip_prefix + "%")
        return where, params

    def _match(self, spec: Query, limit: int,
               alternatives: dict[str, list[str]] | None = None) -> list[int]:
        words = [word for word in spec.words if word.isalnum()]
        where, params = self._place(spec)
        where.insert(0, f"{schema.TSVECTOR.replace('search_names', 'n.search_names')} "
                        f"@@ to_tsquery('simple', %s)")
        params.insert(0, self._tsquery(spec, words, alternatives))
        sql = f"SELECT n.npi FROM {TABLE} n WHERE {' AND '.join(where)} LIMIT %s"  # noqa: S608 - table names are constants, values are parameters
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit])
            return [row[0] for row in cursor.fetchall()]

    def candidates(self, spec: Query, limit: int) -> list[int]:
        return self._match(spec, limit)

    def typo_candidates(self, spec: Query, limit: int) -> list[int]:
        with connection.cursor() as cursor:
            alternatives = {word: terms.similar(cursor, word, MAX_CORRECTIONS, TYPO_CUTOFF)
                            for word in spec.words if len(word) >= 4 and word.isalpha()}
        if any(alternatives.values()):
            return self._match(spec, limit, alternatives)
        return self._trigram_candidates(spec, limit)

    def _trigram_candidates(self, spec: Query, limit: int) -> list[int]:
        """Names whose words are like the query's, ranked among the first POOL: a common
        trigram ("son") matches a few percent of the country, and ranking them all cost
        ~280 ms at 1M rows."""
        if not schema.has_trigram(connection):
            return []
        where, params = self._place(spec)
        conditions, condition_params = [], []
        for word in spec.words:
            codes = [code.lower() for code in spec.specialty_codes(word)]
            if codes:
                conditions.append(f"(%s <%% n.search_names OR "
                                  f"{schema.TSVECTOR.replace('search_names', 'n.search_names')}"
                                  f" @@ to_tsquery('simple', %s))")
                condition_params += [word, " | ".join(codes)]
            else:
                conditions.append("%s <%% n.search_names")
                condition_params.append(word)
        sql = (f"SELECT npi FROM (SELECT n.npi, n.search_names FROM {TABLE} n "  # noqa: S608 - table names are constants, values are parameters
               f"WHERE {' AND '.join(conditions + where)} LIMIT %s) AS pool "
               f"ORDER BY word_similarity(%s, search_names) DESC LIMIT %s")
        with transaction.atomic(), connection.cursor() as cursor:
            # "patle" and "patel" share 3 of 6 trigrams: below the default threshold of 0.6.
            cursor.execute("SET LOCAL pg_trgm.word_similarity_threshold = 0.45")
            cursor.execute(sql, [*condition_params, *params, POOL, " ".join(spec.words),
                                 limit])
            return [row[0] for row in cursor.fetchall()]


def for_vendor(vendor: str):
    return PostgresBackend() if vendor == "postgresql" else SqliteBackend()
