"""Candidate finders per database vendor, behind ``for_vendor`` (used by directory.search).

The work of a search is bounded whatever the size of the directory:

- every filter (state, ZIP, city, individual/organization, active) is a token of the
  text index (SQLite: the FTS ``place`` column; PostgreSQL: words marked "8" in the
  tsvector), so it narrows the match inside the index, never row by row after it;
- candidates are read in index order and capped (``limit``), never scored or sorted all:
  first the records having each word exactly ("smith" as a word), then, if that leaves
  room, the prefixes ("smith" -> "smithson"); the caller ranks the few it gets;
- PostgreSQL's GIN index finds all its matches before returning one: it is split by
  NPI range (``schema.search_ranges``) and read range after range until the window is
  full, so a common word costs its matches in one range, not in the country; a search
  among deactivated NPIs only (a few percent of the country) reads their own index
  (``schema.INACTIVE_INDEX``) in one statement, so one with few matches does not read
  every range to the end;
- a prefix is one list of the index when short ("sm": SQLite's prefix index,
  PostgreSQL's marked prefix words), else the
  most frequent words starting with it, from the word table (``terms``): a plain OR of
  words is read lazily, where a prefix query merges every matching word's list first;
- typo corrections come from the word table, only when the exact query finds nothing.
"""

from __future__ import annotations

from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import connection, transaction

from recordright.directory import schema, terms
from recordright.directory.models import NpiRecord

if TYPE_CHECKING:
    from recordright.directory.search import Query

TABLE = NpiRecord._meta.db_table
TYPO_CUTOFF = 75  # rapidfuzz ratio: "patle" ~ "patel" is 80
MAX_CORRECTIONS = 4
# A prefix whose words are in fewer records than this is matched as a prefix; above it,
# only its MAX_COMPLETIONS most frequent words are (the rare ones come with more letters).
NATIVE_PREFIX_RECORDS = 20_000
MAX_COMPLETIONS = 12
# Prefixes this short are read from SQLite's FTS5 prefix index (prefix='2 3') or
# PostgreSQL's marked prefix words ("0sm", see schema.TSVECTOR).
INDEXED_PREFIX = 3
# pg_trgm fallback: matches ranked at most.
POOL = 1000


@dataclass
class WordPlan:
    """How one typed word may match a name: exactly, and as a prefix."""

    word: str
    codes: list[str]  # taxonomy codes of specialties the word starts ("card")
    exact: bool = False  # the word is a name word of the directory
    completions: list[str] | None = field(default=None)  # None: a native prefix match

    @property
    def can_match(self) -> bool:
        return self.exact or bool(self.codes) or self.completions != []


def plan_words(spec: Query) -> list[WordPlan]:
    plans = []
    with connection.cursor() as cursor:
        for word in spec.words:
            plan = WordPlan(word, [code.lower() for code in spec.specialty_codes(word)])
            if len(word) <= INDEXED_PREFIX:
                plan.exact = terms.known(cursor, word) > 0
            else:
                found = terms.completions(cursor, word, connection.vendor)
                plan.exact = any(term == word for term, _ in found)
                if sum(freq for _, freq in found) > NATIVE_PREFIX_RECORDS:
                    plan.completions = [term for term, _ in found[:MAX_COMPLETIONS]]
                elif not found:
                    plan.completions = []
            plans.append(plan)
    return plans


def _two_phases(spec: Query, limit: int, run) -> list[int]:
    """Exact words first, then prefixes to fill the window (``run(plans, exact)``)."""
    plans = plan_words(spec)
    found: list[int] = []
    if all(plan.exact or plan.codes for plan in plans):
        found = run(plans, True, limit)
    if len(found) < limit and all(plan.can_match for plan in plans):
        seen = set(found)
        found += [npi for npi in run(plans, False, limit) if npi not in seen][:limit - len(found)]
    return found


class SqliteBackend:
    """FTS5: names (exact, prefix index, or listed completions), taxonomy codes for
    specialty words, place tokens for the filters."""

    def _quote(self, term: str) -> str:
        return '"' + term.replace('"', "") + '"'

    def _word_expr(self, plan: WordPlan, exact: bool, alternatives: list[str] = ()) -> str:
        options = []
        if exact or plan.completions is not None:
            words = ([plan.word] if plan.exact else []) if exact else (plan.completions or [])
            words = [*words, *alternatives]
            if words:
                options.append("names : (" + " OR ".join(map(self._quote, words)) + ")")
        else:
            options.append(f"names : {self._quote(plan.word)}*")
            if alternatives:
                options.append("names : (" + " OR ".join(map(self._quote, alternatives)) + ")")
        if plan.codes:
            options.append("tax : (" + " OR ".join(map(self._quote, plan.codes)) + ")")
        return "(" + " OR ".join(options) + ")"

    def _place_expr(self, spec: Query) -> list[str]:
        tokens = []
        if spec.state:
            tokens.append(self._quote("st" + spec.state.lower()))
        if spec.zip_prefix:
            zip_prefix = spec.zip_prefix
            tokens.append(self._quote("y" + zip_prefix) if len(zip_prefix) == 3 else
                          self._quote("z" + zip_prefix) + ("*" if len(zip_prefix) < 5 else ""))
        if spec.city:
            tokens.append(self._quote(schema.city_token(spec.city)))
        if spec.entity:
            tokens.append(self._quote(f"e{spec.entity}"))
        if spec.active is not None:
            tokens.append(self._quote(f"a{int(spec.active)}"))
        parts = [f"place : {token}" for token in tokens]
        if spec.taxonomy:
            parts.append(f"tax : {self._quote(spec.taxonomy.lower())}")
        return parts

    def _run(self, spec: Query, expressions: list[str], limit: int) -> list[int]:
        """The first ``limit`` matches in NPI order: FTS5 reads its lists lazily, so this
        costs the same for "smith" (1 % of the country) as for "okafor"."""
        match = " AND ".join(expressions + self._place_expr(spec))
        if not match or "()" in expressions:  # a word that can match nothing
            return []
        sql = f"SELECT rowid FROM {schema.FTS} WHERE {schema.FTS} MATCH %s LIMIT %s"  # noqa: S608 - table names are constants, values are parameters
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, limit])
            return [row[0] for row in cursor.fetchall()]

    def candidates(self, spec: Query, limit: int) -> list[int]:
        def run(plans: list[WordPlan], exact: bool, size: int) -> list[int]:
            return self._run(spec, [self._word_expr(plan, exact) for plan in plans], size)

        if not spec.words:
            return self._run(spec, [], limit)
        return _two_phases(spec, limit, run)

    def typo_candidates(self, spec: Query, limit: int) -> list[int]:
        plans = plan_words(spec)
        expressions = [self._word_expr(plan, False, _similar_terms(plan.word))
                       for plan in plans]
        return self._run(spec, expressions, limit)


def _similar_terms(word: str) -> list[str]:
    """Known name words close to ``word`` (``terms``: constant time; typos rarely hit the
    first two letters, and "aptel" is looked up under "pa" too)."""
    if len(word) < 4 or not word.isalpha():
        return []
    with connection.cursor() as cursor:
        return terms.similar(cursor, word, MAX_CORRECTIONS, TYPO_CUTOFF)


class PostgresBackend:
    """One tsquery on the GIN index: name words (exact, a marked 2-3 letter prefix,
    listed completions or a prefix with few records), marked place tokens; typos
    corrected from the word table like SQLite, pg_trgm only when no known word is close
    (bounded too). No weights (see schema.TSVECTOR): the index answers alone."""

    def _word_query(self, plan: WordPlan, exact: bool, alternatives: list[str] = ()) -> str:
        if exact:
            options = [plan.word] if plan.exact else []
        elif plan.completions is not None:
            options = list(plan.completions)
        elif len(plan.word) <= INDEXED_PREFIX:
            options = [schema.PREFIX_MARK + plan.word]
        else:
            options = [f"{plan.word}:*"]
        options = [*options, *alternatives, *plan.codes]
        return "(" + " | ".join(options) + ")" if options else ""

    def _place_query(self, spec: Query, inactive_index: bool = False) -> list[str]:
        """The filters as marked words; ``inactive_index``: without "8a0", which the
        predicate of schema.INACTIVE_INDEX already says."""
        mark, tokens = schema.PLACE_MARK, []
        if spec.state:
            tokens.append(f"{mark}st{spec.state.lower()}")
        if spec.zip_prefix:
            zip_prefix = spec.zip_prefix
            tokens.append(f"{mark}y{zip_prefix}" if len(zip_prefix) == 3 else
                          f"{mark}z{zip_prefix}" if len(zip_prefix) == 5 else
                          f"{mark}z{zip_prefix}:*")
        if spec.city:
            tokens.append(mark + schema.city_token(spec.city))
        if spec.entity:
            tokens.append(f"{mark}e{spec.entity}")
        if spec.active is not None and not (inactive_index and spec.active is False):
            tokens.append(f"{mark}a{int(spec.active)}")
        if spec.taxonomy:
            tokens.append(spec.taxonomy.lower())
        return tokens

    def _match(self, spec: Query, words: list[str], limit: int) -> list[int]:
        tsquery = " & ".join(words + self._place_query(spec))
        if not tsquery or "" in words:  # a word that can match nothing
            return []
        return _read(spec, f"SELECT npi FROM {TABLE} WHERE {schema.TSVECTOR} @@ "  # noqa: S608 - table names are constants, values are parameters
                     f"to_tsquery('simple', %(q)s)", {"q": tsquery}, limit)

    def candidates(self, spec: Query, limit: int) -> list[int]:
        def run(plans: list[WordPlan], exact: bool, size: int) -> list[int]:
            return self._match(spec, [self._word_query(plan, exact) for plan in plans], size)

        if not spec.words:
            return self._match(spec, [], limit)
        return _two_phases(spec, limit, run)

    def typo_candidates(self, spec: Query, limit: int) -> list[int]:
        plans = plan_words(spec)
        alternatives = {plan.word: _similar_terms(plan.word) for plan in plans}
        if any(alternatives.values()):
            return self._match(spec, [self._word_query(plan, False, alternatives[plan.word])
                                      for plan in plans], limit)
        return self._trigram_candidates(spec, limit)

    def _trigram_candidates(self, spec: Query, limit: int) -> list[int]:
        """Names whose words are like the query's, ranked among the first POOL: a common
        trigram ("son") matches a few percent of the country, and ranking them all cost
        ~280 ms at 1M rows."""
        if not schema.has_trigram(connection) or not spec.words:
            return []
        conditions, params = [], {}
        for number, word in enumerate(spec.words):
            codes = [code.lower() for code in spec.specialty_codes(word)]
            params[f"w{number}"] = word
            if codes:
                conditions.append(f"(%(w{number})s <%% search_names OR {schema.TSVECTOR} @@ "
                                  f"to_tsquery('simple', %(c{number})s))")
                params[f"c{number}"] = " | ".join(codes)
            else:
                conditions.append(f"%(w{number})s <%% search_names")
        # Deactivated NPIs: not "8a0" here, which every one of them has: the planner would
        # read them all and check each name (~6,000 at 300,000 rows), where the trigram
        # column of their index (schema.INACTIVE_INDEX) finds the few similar names.
        place = self._place_query(spec, inactive_index=spec.active is False)
        if place:
            conditions.append(f"{schema.TSVECTOR} @@ to_tsquery('simple', %(place)s)")
            params["place"] = " & ".join(place)
        # By NPI range, like _match: the search index is one partial index per range
        # (deactivated NPIs: their own index, one statement).
        pool = _read(spec, f"SELECT npi FROM {TABLE} WHERE {' AND '.join(conditions)}",  # noqa: S608 - table names are constants, values are parameters
                     params, POOL, trigram=True)
        if not pool:
            return []
        sql = (f"SELECT npi FROM {TABLE} WHERE npi = ANY(%(pool)s) "  # noqa: S608 - table names are constants, values are parameters
               f"ORDER BY word_similarity(%(typed)s, search_names) DESC, npi LIMIT %(limit)s")
        with connection.cursor() as cursor:
            cursor.execute(sql, {"pool": pool, "typed": " ".join(spec.words), "limit": limit})
            return [row[0] for row in cursor.fetchall()]


# NPI ranges read per statement: a UNION ALL of a few ranges is planned in ~2 ms (each
# part weighs every partial index), all 32 in ~35 ms; one range per statement would cost
# a round trip each. A common word fills its window in the first statement.
RANGES_PER_STATEMENT = 8


@contextmanager
def _cursor(trigram: bool):
    # SET LOCAL needs a transaction; the plain match needs none (two round trips less).
    with transaction.atomic() if trigram else nullcontext(), connection.cursor() as cursor:
        if trigram:
            # "patle" and "patel" share 3 of 6 trigrams: below the default threshold of 0.6.
            cursor.execute("SET LOCAL pg_trgm.word_similarity_threshold = 0.45")
        yield cursor


def _read(spec: Query, select: str, params: dict, limit: int,
          trigram: bool = False) -> list[int]:
    """The first ``limit`` NPIs ``select`` finds: among deactivated NPIs only, from
    their own index; else range after range."""
    if spec.active is False:
        return _inactive(select, params, limit, trigram)
    return _by_ranges(select, params, limit, trigram)


def _inactive(select: str, params: dict, limit: int, trigram: bool = False) -> list[int]:
    """Deactivated NPIs only: one statement on schema.INACTIVE_INDEX, whose predicate
    ``NOT active`` the query must state for the planner to use it. Its matches are few
    (a few percent of the directory, mostly blank), so the bitmap of them all is cheap;
    the window is returned in NPI order, as range after range gives it."""
    with _cursor(trigram) as cursor:
        cursor.execute(f"{select} AND {schema.INACTIVE_WHERE} LIMIT %(limit)s",
                       {**params, "limit": limit})
        return sorted(row[0] for row in cursor.fetchall())


def _by_ranges(select: str, params: dict, limit: int, trigram: bool = False) -> list[int]:
    """The first ``limit`` NPIs ``select`` finds, NPI range after NPI range
    (schema.search_ranges): PostgreSQL reads the parts of a UNION ALL lazily, so the
    ranges after the one that fills the window are never read."""
    ranges, found = schema.search_ranges(), []
    with _cursor(trigram) as cursor:
        for start in range(0, len(ranges), RANGES_PER_STATEMENT):
            parts = [f"({select} AND {where} LIMIT %(limit)s)"
                     for where in ranges[start:start + RANGES_PER_STATEMENT]]
            cursor.execute(" UNION ALL ".join(parts) + " LIMIT %(limit)s",
                           {**params, "limit": limit - len(found)})
            found += [row[0] for row in cursor.fetchall()]
            if len(found) >= limit:
                break
    return found


def for_vendor(vendor: str):
    return PostgresBackend() if vendor == "postgresql" else SqliteBackend()
