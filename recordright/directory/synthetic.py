"""Synthetic NPPES rows with the real V2 header, for the test fixture and the benchmark.

Everything here is made up; the NPIs are valid (check digit) but random.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from pathlib import Path

HEADER_FILE = Path(__file__).parent / "data" / "nppes_v2_header.csv"


def header() -> list[str]:
    with HEADER_FILE.open(newline="", encoding="utf-8") as handle:
        return next(csv.reader(handle))


def npi_check_digit(base9: str) -> int:
    """Luhn over "80840" + the 9 digits (the card-issuer prefix CMS uses for NPIs)."""
    total = 0
    for position, char in enumerate(reversed("80840" + base9)):
        digit = int(char)
        if position % 2 == 0:  # the check digit will sit to the right: double from here
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return (10 - total % 10) % 10


def make_npi(rng: random.Random, first: str = "1") -> str:
    base = first + "".join(rng.choice("0123456789") for _ in range(8))
    return base + str(npi_check_digit(base))


class RowWriter:
    """Writes rows given as {header name: value}, all quoted, `"` turned into `'` as CMS does."""

    def __init__(self, handle, columns: list[str] | None = None):
        self.columns = columns or header()
        self.index = {name: i for i, name in enumerate(self.columns)}
        self.writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        self.writer.writerow(self.columns)

    def write(self, values: dict[str, str]) -> None:
        row = [""] * len(self.columns)
        for name, value in values.items():
            row[self.index[name]] = str(value).replace('"', "'")
        self.writer.writerow(row)


FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
         "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
         "Sarah", "Priya", "Raj", "Wei", "Mei", "José", "María", "Thanh", "Fatima", "Omar", "Anh"]
LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
        "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas",
        "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark",
        "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Nguyen",
        "Kim", "Chen", "Shah", "Singh", "Cohen", "Murphy", "O'Brien", "Muñoz", "Nguyễn",
        "Kowalski", "Schmidt", "Rossi", "Dubois", "Yamamoto", "Okafor", "Haddad"]
PLACES = [("BOSTON", "MA", "02115"), ("CAMBRIDGE", "MA", "02139"), ("WORCESTER", "MA", "01608"),
          ("SPRINGFIELD", "IL", "62701"), ("CHICAGO", "IL", "60611"), ("PEORIA", "IL", "61602"),
          ("HOUSTON", "TX", "77030"), ("AUSTIN", "TX", "78701"), ("DALLAS", "TX", "75201"),
          ("NEW YORK", "NY", "10016"), ("BROOKLYN", "NY", "11201"), ("BUFFALO", "NY", "14203"),
          ("LOS ANGELES", "CA", "90033"), ("SAN DIEGO", "CA", "92103"),
          ("OAKLAND", "CA", "94609"), ("MIAMI", "FL", "33136"), ("TAMPA", "FL", "33606"),
          ("SEATTLE", "WA", "98104"), ("DENVER", "CO", "80218"), ("PHOENIX", "AZ", "85006")]
STREETS = ["MAIN ST", "OAK AVE", "MAPLE DR", "WASHINGTON BLVD", "PARK AVE", "ELM ST",
           "MEDICAL CENTER DR", "HOSPITAL RD", "CHURCH ST", "LAKE SHORE DR"]
INDIVIDUAL_CODES = ["207Q00000X", "207R00000X", "207RC0000X", "208000000X", "207V00000X",
                    "2084P0800X", "208D00000X", "363L00000X", "207N00000X", "207X00000X",
                    "122300000X", "225100000X", "1041C0700X", "207RG0100X", "2085R0202X"]
ORG_CODES = ["282N00000X", "291U00000X", "333600000X", "193200000X", "261QP2300X",
             "332B00000X", "251E00000X", "314000000X"]
ORG_WORDS = ["Family Practice", "Medical Group", "Health Partners", "Pediatrics", "Clinic",
             "Laboratory Services", "Pharmacy", "Community Hospital", "Physicians", "Care Center"]
CREDENTIALS = ["MD", "M.D.", "DO", "NP", "PA-C", "DDS", "PT", "LCSW", "MD, PHD"]


def _date(rng: random.Random, start: int, end: int) -> str:
    return f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/{rng.randint(start, end)}"


def _phone(rng: random.Random) -> str:
    return f"{rng.randint(201, 989)}{rng.randint(200, 999)}{rng.randint(0, 9999):04d}"


def _address(rng: random.Random, prefix: str, place) -> dict[str, str]:
    city, state, zip5 = place
    return {
        f"Provider First Line Business {prefix} Address": f"{rng.randint(1, 9999)} "
                                                          f"{rng.choice(STREETS)}",
        f"Provider Second Line Business {prefix} Address":
            f"SUITE {rng.randint(100, 999)}" if rng.random() < 0.4 else "",
        f"Provider Business {prefix} Address City Name": city,
        f"Provider Business {prefix} Address State Name": state,
        f"Provider Business {prefix} Address Postal Code": zip5 + f"{rng.randint(0, 9999):04d}",
        f"Provider Business {prefix} Address Country Code (If outside U.S.)": "US",
        f"Provider Business {prefix} Address Telephone Number": _phone(rng),
        f"Provider Business {prefix} Address Fax Number":
            _phone(rng) if rng.random() < 0.6 else "",
    }


def random_row(rng: random.Random, npi: str, *, filler: bool = True) -> dict[str, str]:
    """A plausible active row; ``filler`` adds the mailing address, licences and identifiers
    that make real rows ~1.1 KB."""
    place = rng.choice(PLACES)
    organization = rng.random() < 0.22
    row = {"NPI": npi, "Entity Type Code": "2" if organization else "1",
           "Provider Enumeration Date": _date(rng, 2005, 2020),
           "Last Update Date": _date(rng, 2020, 2025)}
    row.update(_address(rng, "Practice Location", place))
    if filler:
        row.update({k.replace("Practice Location", "Mailing"): v for k, v in
                    _address(rng, "Practice Location", place).items()})
    codes = rng.sample(ORG_CODES if organization else INDIVIDUAL_CODES, rng.choice([1, 1, 2, 3]))
    for slot, code in enumerate(codes, start=1):
        row[f"Healthcare Provider Taxonomy Code_{slot}"] = code
        row[f"Healthcare Provider Primary Taxonomy Switch_{slot}"] = "Y" if slot == 1 else "N"
        if filler:
            row[f"Provider License Number_{slot}"] = f"{rng.randint(10000, 999999)}"
            row[f"Provider License Number State Code_{slot}"] = place[1]
    if organization:
        row["Provider Organization Name (Legal Business Name)"] = \
            f"{rng.choice(LAST)} {rng.choice(ORG_WORDS)} {rng.choice(['LLC', 'PC', 'INC', ''])}"
        row.update({"Authorized Official Last Name": rng.choice(LAST),
                    "Authorized Official First Name": rng.choice(FIRST),
                    "Authorized Official Title or Position": "ADMINISTRATOR",
                    "Authorized Official Telephone Number": _phone(rng),
                    "Is Organization Subpart": "N"})
    else:
        row.update({"Provider Last Name (Legal Name)": rng.choice(LAST).upper(),
                    "Provider First Name": rng.choice(FIRST).upper(),
                    "Provider Middle Name": rng.choice("ABCDEFGHJKLMNPRSTW"),
                    "Provider Credential Text": rng.choice(CREDENTIALS),
                    "Provider Sex Code": rng.choice("FM"), "Is Sole Proprietor": "N"})
    if filler:
        for slot in range(1, rng.randint(2, 4)):
            row[f"Other Provider Identifier_{slot}"] = f"{rng.randint(10**6, 10**9)}"
            row[f"Other Provider Identifier Type Code_{slot}"] = "05"
            row[f"Other Provider Identifier State_{slot}"] = place[1]
            row[f"Other Provider Identifier Issuer_{slot}"] = "MEDICAID"
    return row


def rows(count: int, seed: int = 1) -> Iterator[dict[str, str]]:
    """``count`` rows for the benchmark, ~2 % of them deactivated (blank but NPI and date)."""
    rng = random.Random(seed)
    # Ascending NPIs spread over 1000000000-2999999999, like the CMS file (sorted by NPI).
    step = max(1, 1_999_999_999 // max(count, 1)) // 10
    for index in range(count):
        base = f"{100_000_000 + index * step + rng.randrange(max(step, 1)):09d}"[:9]
        npi = base + str(npi_check_digit(base))
        if rng.random() < 0.02:
            yield {"NPI": npi, "NPI Deactivation Date": _date(rng, 2008, 2025)}
        else:
            yield random_row(rng, npi)
