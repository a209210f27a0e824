"""Reading the CMS NPPES files: finding the members of a ZIP, streaming rows, mapping columns.

Nothing here touches the database. Columns are found by header name (CMS has renamed
columns before), and a header lacking a column we need is refused with the names of
the missing columns.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import BinaryIO

# NPPES fields are up to a few hundred characters; the csv module's default limit is fine,
# but an unbalanced quote in a damaged file would otherwise swallow the rest of it.
csv.field_size_limit(1 << 20)

TAXONOMY_SLOTS = 15

# (our field, NPPES header) in the order of NpiRecord's loaded columns.
MAIN_COLUMNS: list[tuple[str, str]] = [
    ("npi", "NPI"),
    ("entity_type", "Entity Type Code"),
    ("replacement_npi", "Replacement NPI"),
    ("org_name", "Provider Organization Name (Legal Business Name)"),
    ("last_name", "Provider Last Name (Legal Name)"),
    ("first_name", "Provider First Name"),
    ("middle_name", "Provider Middle Name"),
    ("name_prefix", "Provider Name Prefix Text"),
    ("name_suffix", "Provider Name Suffix Text"),
    ("credential", "Provider Credential Text"),
    ("other_org_name", "Provider Other Organization Name"),
    ("address1", "Provider First Line Business Practice Location Address"),
    ("address2", "Provider Second Line Business Practice Location Address"),
    ("city", "Provider Business Practice Location Address City Name"),
    ("state", "Provider Business Practice Location Address State Name"),
    ("zip", "Provider Business Practice Location Address Postal Code"),
    ("country", "Provider Business Practice Location Address Country Code (If outside U.S.)"),
    ("phone", "Provider Business Practice Location Address Telephone Number"),
    ("fax", "Provider Business Practice Location Address Fax Number"),
    ("enumerated_on", "Provider Enumeration Date"),
    ("updated_on", "Last Update Date"),
    ("deactivated_on", "NPI Deactivation Date"),
    ("reactivated_on", "NPI Reactivation Date"),
]
TAXONOMY_COLUMNS = [f"Healthcare Provider Taxonomy Code_{n}" for n in range(1, 16)]
PRIMARY_COLUMNS = [f"Healthcare Provider Primary Taxonomy Switch_{n}" for n in range(1, 16)]
REQUIRED_MAIN = [header for _, header in MAIN_COLUMNS] + TAXONOMY_COLUMNS + PRIMARY_COLUMNS

# The database columns a main-file row becomes, in order (see parse_main_row).
RECORD_FIELDS = [field for field, _ in MAIN_COLUMNS] + [
    "active", "primary_taxonomy", "taxonomy_codes", "search_names"]

LOCATION_COLUMNS: list[tuple[str, str]] = [
    ("npi", "NPI"),
    ("address1", "Provider Secondary Practice Location Address- Address Line 1"),
    ("address2", "Provider Secondary Practice Location Address-  Address Line 2"),
    ("city", "Provider Secondary Practice Location Address - City Name"),
    ("state", "Provider Secondary Practice Location Address - State Name"),
    ("zip", "Provider Secondary Practice Location Address - Postal Code"),
    ("phone", "Provider Secondary Practice Location Address - Telephone Number"),
    ("fax", "Provider Practice Location Address - Fax Number"),
]
OTHERNAME_COLUMNS: list[tuple[str, str]] = [
    ("npi", "NPI"),
    ("name", "Provider Other Organization Name"),
    ("type_code", "Provider Other Organization Name Type Code"),
]


class HeaderError(ValueError):
    """The file's header lacks columns the import needs."""

    def __init__(self, source: str, missing: list[str]):
        self.source, self.missing = source, missing
        names = ", ".join(f'"{name}"' for name in missing)
        super().__init__(f"{source} is not an NPPES file this version can read: its header "
                         f"lacks {len(missing)} column(s) we need: {names}.")

    def __reduce__(self):
        # Kept picklable: raised where a file is read, it may cross to another process.
        return (HeaderError, (self.source, self.missing))


class DamagedFileError(ValueError):
    """The file is cut short or corrupt: an incomplete row, a ZIP that fails its checksum."""

    def __init__(self, source: str, problem: str):
        self.source, self.problem = source, problem
        super().__init__(f"{source} is incomplete or damaged ({problem}). The download may have "
                         f"been cut short: download the file again.")

    def __reduce__(self):
        return (DamagedFileError, (self.source, self.problem))


def _key(header: str) -> str:
    """Header names compared without case, spacing or punctuation (CMS is not consistent)."""
    return re.sub(r"[^a-z0-9]", "", header.lower())


def column_indices(header: list[str], wanted: list[str], source: str) -> list[int]:
    positions = {}
    for index, name in enumerate(header):
        positions.setdefault(_key(name), index)
    missing = [name for name in wanted if _key(name) not in positions]
    if missing:
        raise HeaderError(source, missing)
    return [positions[_key(name)] for name in wanted]


def iso_date(value: str) -> str | None:
    """NPPES dates are MM/DD/YYYY; string slicing is much faster than strptime at 9M rows."""
    if len(value) == 10 and value[2] == "/" and value[5] == "/":
        return f"{value[6:10]}-{value[0:2]}-{value[3:5]}"
    return None


@cache
def _combining_marks() -> dict[int, None]:
    """Every combining character, for str.translate to delete (a loop per character cost
    ~14 µs a name)."""
    return {point: None for point in range(sys.maxunicode + 1)
            if unicodedata.combining(chr(point))}


def fold(text: str) -> str:
    """Lower case without accents ("Muñoz" -> "munoz"): the search names are stored folded so
    every database matches "munoz" without an unaccent extension."""
    text = text.lower()
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).translate(_combining_marks())


def is_active(deactivated: str | None, reactivated: str | None) -> bool:
    return deactivated is None or (reactivated is not None and reactivated >= deactivated)


def make_main_parser(header: list[str], source: str) -> Callable[[list[str]], tuple]:
    """A function turning one CSV row into the values of RECORD_FIELDS: the definition
    of a row's values, which ``columnar`` computes on whole columns (a test checks both
    agree)."""
    indices = column_indices(header, REQUIRED_MAIN, source)
    pick = itemgetter(*indices)
    n_main = len(MAIN_COLUMNS)

    def parse(row: list[str]) -> tuple:
        values = pick(row)
        (npi, entity, replacement, org, last, first, middle, prefix, suffix, credential,
         other_org, addr1, addr2, city, state, zip_code, country, phone, fax,
         enumerated, updated, deactivated, reactivated) = values[:n_main]
        codes = values[n_main:n_main + TAXONOMY_SLOTS]
        switches = values[n_main + TAXONOMY_SLOTS:]
        primary = ""
        for code, switch in zip(codes, switches, strict=True):
            if switch == "Y" and code:
                primary = code
                break
        if not primary:
            primary = next((code for code in codes if code), "")
        others = [code for code in codes if code and code != primary]
        deactivated_on = iso_date(deactivated)
        reactivated_on = iso_date(reactivated)
        names = fold(" ".join(part for part in (org, other_org, first, middle, last) if part))
        return (int(npi), int(entity) if entity in ("1", "2") else None, replacement, org,
                last, first, middle, prefix, suffix, credential, other_org, addr1, addr2,
                city, state, zip_code, country, phone, fax, iso_date(enumerated),
                iso_date(updated), deactivated_on, reactivated_on,
                is_active(deactivated_on, reactivated_on), primary,
                " ".join([primary, *others]) if primary else "", names)

    return parse


@dataclass
class Member:
    """One CSV inside the NPPES ZIP (or beside the CSV given)."""

    kind: str  # main, location, othername, deactivation
    name: str
    size: int
    opener: Callable[[], BinaryIO]


def classify(name: str) -> str | None:
    lower = Path(name).name.lower()
    if not lower.endswith(".csv") or "fileheader" in lower:
        return None
    if lower.startswith("npidata_pfile"):
        return "main"
    if lower.startswith("pl_pfile"):
        return "location"
    if lower.startswith("othername_pfile"):
        return "othername"
    if "deactivat" in lower:
        return "deactivation"
    return None


def find_members(path: Path) -> list[Member]:
    """The CSVs to read: the members of a ZIP, or a CSV and its companion files beside it."""
    if zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        members = []
        for info in archive.infolist():
            kind = classify(info.filename)
            if kind:
                members.append(Member(kind, info.filename, info.file_size,
                                      lambda info=info: archive.open(info)))
        return members
    if path.suffix.lower() == ".zip" or _starts_like_a_zip(path):
        # A cut download loses the ZIP's central directory, at the end of the file.
        raise DamagedFileError(path.name, "not a complete ZIP archive")
    kind = classify(path.name) or "main"
    members = [Member(kind, path.name, path.stat().st_size, lambda: path.open("rb"))]
    if kind == "main":
        for sibling in sorted(path.parent.glob("*.csv")):
            sibling_kind = classify(sibling.name)
            if sibling_kind in ("location", "othername"):
                members.append(Member(sibling_kind, sibling.name, sibling.stat().st_size,
                                      lambda sibling=sibling: sibling.open("rb")))
    return members


def _starts_like_a_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


class Rows:
    """CSV records of one member, split fast when a line is plain CMS CSV (the deactivation
    report, and the row-at-a-time definition ``make_main_parser`` is tested against;
    full and weekly files are read by ``columnar``).

    CMS quotes every field and writes no double quote inside one, so a line with exactly
    ``2 * width`` quotes and ``width - 1`` ``","`` separators is ``width`` plain fields:
    ``str.split`` gives the same values as the csv module at about three times the speed.
    Any other line (an embedded quote, newline or a short row) goes to the csv module,
    which reads as many lines as the record spans. ``needed`` (set by the caller) leaves
    the fields after the first ``needed`` unsplit, in the last element.
    """

    def __init__(self, lines: Iterator[str], width: int):
        self.lines, self.width, self.needed = lines, width, None

    def __iter__(self) -> Iterator[list[str]]:
        quotes, separators = 2 * self.width, self.width - 1
        split_at = self.needed if self.needed and self.needed < self.width else -1
        lines = self.lines
        for line in lines:
            body = line.rstrip("\r\n")
            if (body.count('"') == quotes and body.count('","') == separators
                    and body[:1] == '"' and body[-1:] == '"'):
                yield body[1:-1].split('","', split_at)
                continue
            yield next(csv.reader(chain([line], lines)), [])


@contextmanager
def open_rows(member: Member) -> Iterator[tuple[list[str], Rows, BinaryIO]]:
    """The header, the rows and the raw byte stream (whose tell() drives progress)."""
    try:
        raw = member.opener()
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise DamagedFileError(member.name, str(exc)) from exc
    try:
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
        header = next(csv.reader(text), [])
        if header and header[0].startswith("\ufeff"):
            header[0] = header[0][1:]
        yield header, Rows(text, len(header)), raw
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        # zipfile checks the CRC-32 when the member's last byte is read ("Bad CRC-32"),
        # and a cut deflate stream ends early (EOFError).
        raise DamagedFileError(member.name, str(exc)) from exc
    finally:
        raw.close()


def read_deactivations(header: list[str], rows: Iterator[list[str]],
                       source: str) -> Iterator[tuple[int, str]]:
    """(NPI, ISO date) from the CMS deactivation report saved as CSV."""
    keys = [_key(name) for name in header]
    npi_at = next((i for i, key in enumerate(keys) if key == "npi"), None)
    date_at = next((i for i, key in enumerate(keys) if "deactivationdate" in key), None)
    missing = [name for name, at in (("NPI", npi_at), ("NPPES Deactivation Date", date_at))
               if at is None]
    if missing:
        raise HeaderError(source, missing)
    for row in rows:
        if len(row) > max(npi_at, date_at) and row[npi_at].strip().isdigit():
            day = iso_date(row[date_at].strip())
            if day:
                yield int(row[npi_at]), day
