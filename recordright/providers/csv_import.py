"""Importing a user's own provider list (CSV): all rows or none, errors per row and field."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from recordright.providers.models import Provider

COLUMNS = ["name", "address", "city", "state", "zip", "phone", "fax", "email", "npi"]
ALIASES = {"zip code": "zip", "zipcode": "zip", "postal code": "zip", "zip_code": "zip",
           "telephone": "phone", "phone number": "phone", "fax number": "fax",
           "e-mail": "email", "street": "address", "provider": "name", "provider name": "name"}
STATES = frozenset(re.findall(r"[A-Z]{2}", (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP")))
MAX_ROWS = 5000


@dataclass
class RowError:
    row: int  # the line number in the file, the header being row 1
    field: str
    message: str


@dataclass
class ImportResult:
    created: list[Provider] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def npi_is_valid(value: str) -> bool:
    """10 digits whose last is the Luhn check digit of "80840" + the first nine."""
    if not re.fullmatch(r"\d{10}", value or ""):
        return False
    total = 0
    for position, char in enumerate(reversed("80840" + value)):
        digit = int(char)
        if position % 2 == 1:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def _text(file: BinaryIO | str) -> str:
    data = file if isinstance(file, str) else file.read()
    if isinstance(data, bytes):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return data.decode("cp1252")
    return data


def _canonical(header: str) -> str:
    key = " ".join((header or "").strip().lower().split())
    return ALIASES.get(key, key)


def _check_row(number: int, row: dict[str, str]) -> list[RowError]:
    errors = []
    if not row["name"]:
        errors.append(RowError(number, "name", _("The name is missing.")))
    if row["npi"] and not npi_is_valid(row["npi"]):
        errors.append(RowError(number, "npi", _(
            "“%(npi)s” is not a valid NPI (10 digits with a correct check digit).")
            % {"npi": row["npi"]}))
    if row["state"] and row["state"].upper() not in STATES:
        errors.append(RowError(number, "state", _(
            "“%(state)s” is not a two-letter US state code.") % {"state": row["state"]}))
    if row["email"]:
        try:
            validate_email(row["email"])
        except ValidationError:
            errors.append(RowError(number, "email", _("“%(email)s” is not an email address.")
                                   % {"email": row["email"]}))
    for name, limit in (("name", 200), ("city", 100), ("zip", 10), ("phone", 40), ("fax", 40)):
        if len(row[name]) > limit:
            errors.append(RowError(number, name, _("Longer than %(n)d characters.")
                                   % {"n": limit}))
    return errors


def import_provider_csv(file: BinaryIO | str, owner) -> ImportResult:
    """Check every row first; create the providers only if all rows are good."""
    result = ImportResult()
    reader = csv.reader(io.StringIO(_text(file)))
    header = [_canonical(name) for name in next(reader, [])]
    if "name" not in header:
        result.errors.append(RowError(1, "name", _(
            "The first line must name the columns; a “name” column is required. "
            "Known columns: %(columns)s.") % {"columns": ", ".join(COLUMNS)}))
        return result
    rows = []
    for number, values in enumerate(reader, start=2):
        if not any(value.strip() for value in values):
            continue
        if len(rows) >= MAX_ROWS:
            result.errors.append(RowError(number, "", _("More than %(n)d rows.")
                                          % {"n": MAX_ROWS}))
            break
        row = dict.fromkeys(COLUMNS, "")
        for name, value in zip(header, values, strict=False):
            if name in row:
                row[name] = value.strip()
        result.errors += _check_row(number, row)
        rows.append(row)
    if result.errors:
        return result
    with transaction.atomic():
        for row in rows:
            result.created.append(Provider.objects.create(
                owner=owner, name=row["name"], address=row["address"], city=row["city"],
                state=row["state"].upper(), zip_code=row["zip"], phone=row["phone"],
                fax=row["fax"], email=row["email"], npi=row["npi"]))
    return result
