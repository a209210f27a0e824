"""Specialty names for NUCC taxonomy codes: the imported NUCC CSV, else a built-in table.

Never a bare code: an unknown code reads "Taxonomy code X (name not loaded)".
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from recordright.directory.models import Taxonomy

# code: (classification, specialization, extra words people search with)
BUILTIN: dict[str, tuple[str, str, str]] = {
    "207K00000X": ("Allergy & Immunology", "", "allergist"),
    "207L00000X": ("Anesthesiology", "", "anesthesiologist"),
    "207N00000X": ("Dermatology", "", "dermatologist skin"),
    "207P00000X": ("Emergency Medicine", "", "er"),
    "207Q00000X": ("Family Medicine", "", "family doctor primary care"),
    "207QA0505X": ("Family Medicine", "Adult Medicine", "primary care"),
    "207QG0300X": ("Family Medicine", "Geriatric Medicine", "geriatrician"),
    "207QS0010X": ("Family Medicine", "Sports Medicine", ""),
    "207R00000X": ("Internal Medicine", "", "internist primary care"),
    "207RC0000X": ("Internal Medicine", "Cardiovascular Disease",
                   "cardiology cardiologist heart"),
    "207RC0001X": ("Internal Medicine", "Clinical Cardiac Electrophysiology",
                   "cardiology cardiologist heart"),
    "207RI0011X": ("Internal Medicine", "Interventional Cardiology",
                   "cardiologist heart"),
    "207RE0101X": ("Internal Medicine", "Endocrinology, Diabetes & Metabolism",
                   "endocrinologist"),
    "207RG0100X": ("Internal Medicine", "Gastroenterology", "gastroenterologist"),
    "207RG0300X": ("Internal Medicine", "Geriatric Medicine", "geriatrician"),
    "207RH0003X": ("Internal Medicine", "Hematology & Oncology", "oncologist cancer"),
    "207RI0200X": ("Internal Medicine", "Infectious Disease", ""),
    "207RN0300X": ("Internal Medicine", "Nephrology", "nephrologist kidney"),
    "207RP1001X": ("Internal Medicine", "Pulmonary Disease", "pulmonologist lung"),
    "207RR0500X": ("Internal Medicine", "Rheumatology", "rheumatologist"),
    "207RX0202X": ("Internal Medicine", "Medical Oncology", "oncologist cancer"),
    "207T00000X": ("Neurological Surgery", "", "neurosurgeon"),
    "207U00000X": ("Nuclear Medicine", "", ""),
    "207V00000X": ("Obstetrics & Gynecology", "", "obgyn obstetrician gynecologist"),
    "207VG0400X": ("Obstetrics & Gynecology", "Gynecology", "obgyn gynecologist"),
    "207W00000X": ("Ophthalmology", "", "ophthalmologist eye"),
    "207X00000X": ("Orthopaedic Surgery", "", "orthopedic orthopedist"),
    "207Y00000X": ("Otolaryngology", "", "ent"),
    "207ZP0102X": ("Pathology", "Anatomic Pathology & Clinical Pathology", "pathologist"),
    "208000000X": ("Pediatrics", "", "pediatrician children"),
    "208100000X": ("Physical Medicine & Rehabilitation", "", ""),
    "208200000X": ("Plastic Surgery", "", "surgeon"),
    "2084N0400X": ("Psychiatry & Neurology", "Neurology", "neurologist"),
    "2084P0800X": ("Psychiatry & Neurology", "Psychiatry", "psychiatrist mental"),
    "2084P0804X": ("Psychiatry & Neurology", "Child & Adolescent Psychiatry",
                   "psychiatrist mental"),
    "2085R0202X": ("Radiology", "Diagnostic Radiology", "radiologist"),
    "208600000X": ("Surgery", "", "surgeon"),
    "2086S0129X": ("Surgery", "Vascular Surgery", "surgeon"),
    "208800000X": ("Urology", "", "urologist"),
    "208C00000X": ("Colon & Rectal Surgery", "", "surgeon"),
    "208D00000X": ("General Practice", "", "primary care"),
    "208G00000X": ("Thoracic Surgery (Cardiothoracic Vascular Surgery)", "", "surgeon"),
    "208M00000X": ("Hospitalist", "", ""),
    "363L00000X": ("Nurse Practitioner", "", "np"),
    "363LF0000X": ("Nurse Practitioner", "Family", "np primary care"),
    "363A00000X": ("Physician Assistant", "", "pa"),
    "363AM0700X": ("Physician Assistant", "Medical", "pa"),
    "367500000X": ("Nurse Anesthetist, Certified Registered", "", "crna"),
    "367A00000X": ("Advanced Practice Midwife", "", "midwife"),
    "163W00000X": ("Registered Nurse", "", "nurse"),
    "122300000X": ("Dentist", "", "dental"),
    "1223G0001X": ("Dentist", "General Practice", "dental"),
    "152W00000X": ("Optometrist", "", "eye"),
    "111N00000X": ("Chiropractor", "", ""),
    "213E00000X": ("Podiatrist", "", "foot"),
    "225100000X": ("Physical Therapist", "", "pt"),
    "225X00000X": ("Occupational Therapist", "", ""),
    "235Z00000X": ("Speech-Language Pathologist", "", ""),
    "103T00000X": ("Psychologist", "", "mental"),
    "103TC0700X": ("Psychologist", "Clinical", "mental"),
    "1041C0700X": ("Social Worker", "Clinical", "therapist mental"),
    "101YM0800X": ("Counselor", "Mental Health", "therapist"),
    "106H00000X": ("Marriage & Family Therapist", "", "therapist"),
    "183500000X": ("Pharmacist", "", ""),
    "231H00000X": ("Audiologist", "", "hearing"),
    "282N00000X": ("General Acute Care Hospital", "", "hospital"),
    "282NC0060X": ("General Acute Care Hospital", "Critical Access", "hospital"),
    "283Q00000X": ("Psychiatric Hospital", "", "hospital"),
    "283X00000X": ("Rehabilitation Hospital", "", "hospital"),
    "284300000X": ("Special Hospital", "", "hospital"),
    "281P00000X": ("Chronic Disease Hospital", "", "hospital"),
    "291U00000X": ("Clinical Medical Laboratory", "", "lab laboratory"),
    "332B00000X": ("Durable Medical Equipment & Medical Supplies", "", "dme"),
    "333600000X": ("Pharmacy", "", "drugstore"),
    "3336C0003X": ("Pharmacy", "Community/Retail Pharmacy", "drugstore"),
    "261QP2300X": ("Clinic/Center", "Primary Care", "clinic"),
    "261QF0400X": ("Clinic/Center", "Federally Qualified Health Center (FQHC)", "clinic"),
    "261QR1300X": ("Clinic/Center", "Rural Health", "clinic"),
    "261QU0200X": ("Clinic/Center", "Urgent Care", "clinic"),
    "261QA1903X": ("Clinic/Center", "Ambulatory Surgical", "surgery center"),
    "261QR0200X": ("Clinic/Center", "Radiology", "imaging"),
    "193200000X": ("Multi-Specialty Group", "", "group practice"),
    "193400000X": ("Single Specialty Group", "", "group practice"),
    "251E00000X": ("Home Health", "", "agency"),
    "314000000X": ("Skilled Nursing Facility", "", "nursing home"),
    "3416L0300X": ("Ambulance", "Land Transport", ""),
    "390200000X": ("Student in an Organized Health Care Education/Training Program", "",
                   "resident"),
    "174400000X": ("Specialist", "", ""),
}

# Loaded at most every CACHE_SECONDS per process; ``at`` is None when nothing is loaded
# (or the cache was cleared). Not 0.0: time.monotonic() counts from boot, so on a machine
# up for less than CACHE_SECONDS a cache "loaded at 0.0" still looked fresh and
# clear_cache() did nothing (the tests then saw the names of an earlier test).
_CACHE: dict[str, object] = {"at": None, "names": {}, "words": {}}
CACHE_SECONDS = 300


def _label(classification: str, specialization: str) -> str:
    if specialization:
        return f"{specialization} ({classification})"
    return classification


def _load() -> tuple[dict[str, str], dict[str, str]]:
    """code -> display name, code -> searchable words (lower case)."""
    loaded_at = _CACHE["at"]
    if loaded_at is not None and time.monotonic() - float(loaded_at) < CACHE_SECONDS:
        return _CACHE["names"], _CACHE["words"]  # type: ignore[return-value]
    names = {code: _label(c, s) for code, (c, s, _) in BUILTIN.items()}
    words = {code: f"{c} {s} {extra}".lower() for code, (c, s, extra) in BUILTIN.items()}
    for row in Taxonomy.objects.all():
        label = _label(row.classification, row.specialization) or row.display_name
        if label:
            names[row.code] = label
        extra = BUILTIN.get(row.code, ("", "", ""))[2]
        words[row.code] = " ".join((row.classification, row.specialization,
                                    row.display_name, extra)).lower()
    _CACHE.update(at=time.monotonic(), names=names, words=words)
    return names, words


def clear_cache() -> None:
    _CACHE.update(at=None, names={}, words={})


def specialty_name(code: str) -> str:
    if not code:
        return ""
    names, _words = _load()
    return names.get(code) or _("Taxonomy code %(code)s (name not loaded)") % {"code": code}


def codes_matching(word: str) -> list[str]:
    """Codes whose specialty names have a word starting with ``word`` ("card" -> cardiology)."""
    word = word.lower()
    if len(word) < 3:
        return []
    _names, words = _load()
    pattern = re.compile(rf"(?:^|[^a-z]){re.escape(word)}")
    return sorted(code for code, text in words.items() if pattern.search(text))


def is_hospital(code: str) -> bool:
    return code[:2] == "28"


def _field(row: dict[str, str], *names: str) -> str:
    for name in names:
        for key, value in row.items():
            if key and re.sub(r"[^a-z]", "", key.lower()) == name:
                return (value or "").strip()
    return ""


def import_taxonomy(lines: Iterable[str]) -> int:
    """Import the NUCC taxonomy CSV (columns found by header name); returns the rows loaded."""
    reader = csv.DictReader(lines)
    header = {re.sub(r"[^a-z]", "", (name or "").lower()) for name in reader.fieldnames or []}
    missing = [name for name in ("Code", "Classification") if name.lower() not in header]
    if missing:
        raise ValueError(_("This is not the NUCC taxonomy CSV: it has no column %(names)s.")
                         % {"names": ", ".join(missing)})
    rows = []
    for row in reader:
        code = _field(row, "code").upper()
        if re.fullmatch(r"[0-9A-Z]{9}X", code):
            rows.append(Taxonomy(
                code=code, grouping=_field(row, "grouping")[:200],
                classification=_field(row, "classification")[:200],
                specialization=_field(row, "specialization")[:200],
                display_name=_field(row, "displayname")[:300]))
    with transaction.atomic():
        Taxonomy.objects.all().delete()
        Taxonomy.objects.bulk_create(rows, batch_size=500)
    clear_cache()
    return len(rows)


def import_taxonomy_file(path: str) -> int:
    # NUCC publishes the CSV in Windows-1252 in some years, UTF-8 in others.
    data = open(path, "rb").read()  # noqa: SIM115 - small file
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    return import_taxonomy(io.StringIO(text))
