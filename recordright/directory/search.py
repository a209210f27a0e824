"""Searching the directory: one function, one candidate finder per database vendor.

Each query word must match a name by prefix ("pat" -> Patel) or a specialty name
("card" -> the cardiology taxonomy codes). The database finds up to ``CANDIDATES``
records (FTS5 on SQLite, tsvector on PostgreSQL); when that finds almost nothing the
words are corrected for typos (the word table of ``terms`` + rapidfuzz; pg_trgm as a last
resort on PostgreSQL) and then rapidfuzz re-ranks the candidates: exact name words
first, then prefixes, specialty matches, active records.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import date

from django.db import connection
from rapidfuzz import fuzz

from recordright.directory import search_backends, taxonomy
from recordright.directory.models import NpiRecord

CANDIDATES = 200
FEW = 1  # fewer strict matches than this (none) and we also try typo corrections


@dataclass
class Result:
    npi: str
    name: str
    credential: str
    entity_type: str  # "individual", "organization" or "" (deactivated rows have none)
    specialty: str
    taxonomy_code: str
    address: str
    city: str
    state: str
    zip: str
    phone: str
    fax: str
    active: bool
    deactivated_on: str | None
    replacement_npi: str
    score: float = 0.0

    def as_json(self) -> dict:
        data = asdict(self)
        data.pop("score")
        return data


@dataclass
class Query:
    words: list[str]
    state: str | None = None
    city: str | None = None
    zip_prefix: str | None = None
    taxonomy: str | None = None
    entity: int | None = None
    active: bool | None = None

    def specialty_codes(self, word: str) -> list[str]:
        return taxonomy.codes_matching(word)


def normalize_words(text: str) -> list[str]:
    """Lower case, accents removed ("Muñoz" -> "munoz"), like the FTS tokenizer."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.findall(r"[a-z0-9]+", plain.lower())


def _entity(value) -> int | None:
    if value in (None, ""):
        return None
    text = str(value).lower()
    if text in ("1", "individual", "individuals", "person"):
        return 1
    if text in ("2", "organization", "organizations", "org"):
        return 2
    raise ValueError(f"entity must be 'individual' or 'organization', not {value!r}")


def search_providers(query: str, *, state: str | None = None, city: str | None = None,
                     zip_prefix: str | None = None, taxonomy: str | None = None,
                     entity: str | int | None = None, active: bool | None = None,
                     limit: int = 20) -> list[Result]:
    words = normalize_words(query)
    if words and len(words[0]) == 10 and words[0].isdigit():
        return _by_npi(words[0])
    # A ZIP or ZIP prefix typed in the query ("pediatrics 021") filters by place.
    zip_words = [word for word in words if word.isdigit() and 3 <= len(word) <= 5]
    if zip_words and not zip_prefix:
        zip_prefix = zip_words[0]
    words = [word for word in words if word not in zip_words]
    spec = Query(words=words, state=(state or "").upper() or None, city=city or None,
                 zip_prefix=re.sub(r"\D", "", zip_prefix or "")[:5] or None,
                 taxonomy=(taxonomy or "").upper() or None, entity=_entity(entity),
                 active=active)
    if not words and not spec.taxonomy:
        return []
    # One letter ("john s") would read a whole letter of the index: it only ranks.
    indexed = Query(**{**spec.__dict__, "words": [word for word in words if len(word) > 1]})
    if words and not indexed.words:
        return []
    backend = search_backends.for_vendor(connection.vendor)
    npis = backend.candidates(indexed, CANDIDATES)
    if len(npis) < FEW and indexed.words:
        corrected = backend.typo_candidates(indexed, CANDIDATES)
        npis += [npi for npi in corrected if npi not in set(npis)]
    ranked = _rerank(_ranking_rows(npis[:CANDIDATES]), spec)[:limit]
    records = NpiRecord.objects.in_bulk([row.npi for row, _score in ranked])
    return [to_result(records[row.npi], score) for row, score in ranked if row.npi in records]


@dataclass
class _Ranked:
    npi: int
    search_names: str
    taxonomy_codes: str
    primary_taxonomy: str
    active: bool


def _ranking_rows(npis: list[int]) -> list[_Ranked]:
    """What the ranking reads of each candidate (five columns, no model instances: the
    whole records are loaded for the results shown only), in the candidates' order."""
    rows = {row[0]: _Ranked(*row) for row in NpiRecord.objects.filter(npi__in=npis).values_list(
        "npi", "search_names", "taxonomy_codes", "primary_taxonomy", "active")}
    return [rows[npi] for npi in npis if npi in rows]


def _by_npi(npi: str) -> list[Result]:
    record = NpiRecord.objects.filter(npi=int(npi)).first()
    return [to_result(record, 1.0)] if record else []


def _word_score(word: str, tokens: list[str]) -> float:
    best = 0.0
    for token in tokens:
        if token == word:
            return 3.0
        if token.startswith(word):
            best = max(best, 2.5)
        elif len(word) >= 4:
            ratio = fuzz.ratio(word, token)
            if ratio >= 75:
                best = max(best, 2.0 * ratio / 100)
    return best


def _rerank(records: list[_Ranked], spec: Query) -> list[tuple[_Ranked, float]]:
    codes_for = {word: set(spec.specialty_codes(word)) for word in spec.words}
    scored = []
    for position, record in enumerate(records):
        tokens = normalize_words(record.search_names)
        codes = record.taxonomy_codes.split()
        score = 0.0
        for word in spec.words:
            name_score = _word_score(word, tokens)
            specialty = codes_for[word]
            if record.primary_taxonomy in specialty:
                name_score = max(name_score, 2.0)
            elif specialty.intersection(codes):
                name_score = max(name_score, 1.5)
            score += name_score
        score += 0.5 if record.active else 0.0
        scored.append((record, score, position))
    scored.sort(key=lambda item: (-item[1], item[2]))
    return [(record, score) for record, score, _ in scored]


def display_name(record: NpiRecord) -> str:
    if record.entity_type == NpiRecord.Entity.ORGANIZATION or (
            record.org_name and not record.last_name):
        return record.org_name or record.other_org_name
    parts = [record.first_name, record.middle_name, record.last_name, record.name_suffix]
    return " ".join(part for part in parts if part)


def format_zip(value: str) -> str:
    if len(value) == 9 and value.isdigit():
        return value[:5] if value[5:] == "0000" else f"{value[:5]}-{value[5:]}"
    return value


def format_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 10:
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return value or ""


def _iso(day) -> str | None:
    if day is None:
        return None
    return day.isoformat() if isinstance(day, date) else str(day)


def to_result(record: NpiRecord, score: float = 0.0) -> Result:
    entity = {1: "individual", 2: "organization"}.get(record.entity_type or 0, "")
    return Result(
        npi=str(record.npi), name=display_name(record), credential=record.credential,
        entity_type=entity, specialty=taxonomy.specialty_name(record.primary_taxonomy),
        taxonomy_code=record.primary_taxonomy,
        address=", ".join(part for part in (record.address1, record.address2) if part),
        city=record.city, state=record.state, zip=format_zip(record.zip),
        phone=format_phone(record.phone), fax=format_phone(record.fax), active=record.active,
        deactivated_on=_iso(record.deactivated_on), replacement_npi=record.replacement_npi,
        score=round(score, 3))
