"""What came for a request against what was asked: plain gaps a person can act on.

For one records request: the record kinds and dates of service asked for, against the
documents that arrived for it and the entries read from them. Each gap is a sentence for
people (it is quoted in the "remaining records" letter), never a code.

What is checked: each requested kind (medical, lab results, imaging, notes; billing only
when asked for by name: clinical files never carry it), the years of service asked for
against the years the records cover, visits without a note, tests listed without a result,
imaging studies without a report, documents the records refer to that did not come with them,
and files that arrived but could not be read.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from django.utils import timezone

from recordright.dates import us_date
from recordright.requests.choices import EventType
from recordright.requests.models import RecordsRequest, RequestEvent
from recordright.vault.choices import Category, Status
from recordright.vault.models import Document, Entry, EntrySource

CLINICAL = {"problems", "medications", "allergies", "immunizations", "vitals", "encounters",
            "procedures"}
ALL_RECORDS_KINDS = ("medical", "lab_results", "imaging", "notes")
IMAGING = re.compile(
    r"\b(radiology|imaging|x-?rays?|radiograph\w*|ct|cat scan|computed tomography|mri|"
    r"magnetic resonance|ultrasound|sonogra\w*|mammogra\w*|echocardiogra\w*|pet scan|"
    r"fluoroscop\w*|dexa|angiogra\w*)\b", re.IGNORECASE)
REPORT = re.compile(r"\b(impression|findings|report|radiologist)\b", re.IGNORECASE)
LAB = re.compile(r"\b(lab|laboratory|specimen|reference range|panel)\b", re.IGNORECASE)
NOTE = re.compile(r"\b(progress note|office visit|history and physical|discharge summary|"
                  r"assessment and plan|chief complaint|clinic note|visit note)\b",
                  re.IGNORECASE)
BILLING = re.compile(r"\b(billing|invoice|statement of account|itemized|charges)\b",
                     re.IGNORECASE)
KIND_LABEL = {
    "medical": "Medical records (visits, diagnoses, medications)",
    "lab_results": "Lab results",
    "imaging": "Imaging reports (X-rays, scans)",
    "notes": "Doctors' and nurses' notes",
    "billing": "Billing and payment records",
}
LISTED = 5  # dates named in a sentence before "and N more"
TEXT_SAMPLE = 20_000  # characters of a document's text searched for its kind


class Fact(NamedTuple):
    """What the check reads of an entry."""

    category: str
    title: str
    date: date | None
    value_text: str
    value_number: float | None


@dataclass(frozen=True)
class Gap:
    # "kind", "years", "visit_notes", "results", "imaging_reports", "referenced", "unreadable"
    kind: str
    text: str  # a plain sentence


@dataclass
class Arrived:
    """What arrived for one request, and what is missing from it."""

    documents: list[Document]
    categories: dict[str, int]  # category label -> entries
    years: dict[int, int]  # year of service -> entries
    processing: int
    gaps: list[Gap] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.gaps

    def gap_text(self) -> str:
        return "\n".join(f"- {gap.text}" for gap in self.gaps)


def _listed(days: list[date]) -> str:
    names = [us_date(day) for day in days[:LISTED]]
    more = len(days) - LISTED
    if more > 0:
        return ", ".join(names) + f" and {more} more"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _year_ranges(years: list[int]) -> str:
    """2015, 2016, 2017, 2020 -> "2015 to 2017 and 2020"."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    parts = [str(run[0]) if len(run) == 1 else
             (f"{run[0]} and {run[-1]}" if len(run) == 2 else f"{run[0]} to {run[-1]}")
             for run in runs]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def requested_kinds(req: RecordsRequest) -> tuple[str, ...]:
    if req.all_records or not req.record_types:
        return ALL_RECORDS_KINDS
    return tuple(kind for kind in req.record_types if kind in KIND_LABEL)


def requested_years(req: RecordsRequest, today: date) -> list[int]:
    """The years of service asked for; none when no start was given (care began when?)."""
    if req.date_from is None:
        return []
    end = req.date_to or today
    return list(range(req.date_from.year, end.year + 1))


def _in_range(req: RecordsRequest, day: date | None) -> bool:
    if day is None:
        return True
    return not ((req.date_from and day < req.date_from) or (req.date_to and day > req.date_to))


class _Evidence:
    """The request's entries and document texts, read once."""

    def __init__(self, req: RecordsRequest) -> None:
        self.documents = list(Document.objects.filter(request=req)
                              .order_by("received_on", "id"))
        ready = [d.pk for d in self.documents if d.status == Status.READY]
        # Every document an entry came from is an EntrySource (its first one included).
        found = Entry.objects.filter(id__in=EntrySource.objects.filter(
            document_id__in=ready).values("entry_id"))
        self.entries = [Fact(*row) for row in found.values_list(
            "category", "title", "date", "value_text", "value_number").iterator()]
        self.note_texts = [f"{title} {text[:2000]}" for title, text in found.filter(
            category="notes").values_list("title", "text").iterator()]
        self.texts = [(d.title + " " + d.original_name + " " + d.text[:TEXT_SAMPLE], d)
                      for d in self.documents if d.status == Status.READY]

    def by(self, *categories: str) -> list[Fact]:
        return [entry for entry in self.entries if entry.category in categories]

    def any_text(self, pattern: re.Pattern, also: re.Pattern | None = None) -> bool:
        return any(pattern.search(text) and (also is None or also.search(text))
                   for text, _doc in self.texts)

    def note_days(self) -> set[date]:
        days = {entry.date for entry in self.by("notes") if entry.date}
        days |= {doc.date for _text, doc in self.texts if doc.date and NOTE.search(_text)}
        return days


def _kind_gaps(kinds: tuple[str, ...], found: _Evidence) -> list[Gap]:
    present = {
        "medical": bool(found.by(*CLINICAL)) or found.any_text(NOTE),
        "lab_results": bool(found.by("results")) or found.any_text(LAB),
        "imaging": _has_imaging_report(found),
        "notes": bool(found.by("notes")) or found.any_text(NOTE),
        "billing": found.any_text(BILLING),
    }
    return [Gap("kind", f"{KIND_LABEL[kind]}: none arrived.")
            for kind in kinds if not present[kind]]


def _has_imaging_report(found: _Evidence) -> bool:
    notes = any(IMAGING.search(text) for text in found.note_texts)
    return notes or found.any_text(IMAGING, REPORT)


def _year_gaps(req: RecordsRequest, found: _Evidence, today: date) -> list[Gap]:
    wanted = requested_years(req, today)
    if not wanted:
        return []
    covered = {entry.date.year for entry in found.entries if entry.date}
    covered |= {doc.date.year for doc in found.documents if doc.date}
    missing = [year for year in wanted if year not in covered]
    if not missing:
        return []
    asked = (f"{us_date(req.date_from)} to {us_date(req.date_to)}" if req.date_to
             else f"from {us_date(req.date_from)}")
    return [Gap("years", f"Records dated {_year_ranges(missing)}: none arrived (I asked for "
                         f"records of {asked}).")]


def _visit_gaps(req: RecordsRequest, found: _Evidence, kinds: tuple[str, ...]) -> list[Gap]:
    if "notes" not in kinds and "medical" not in kinds:
        return []
    notes = found.note_days()
    days = sorted({e.date for e in found.by("encounters")
                   if e.date and e.date not in notes and _in_range(req, e.date)}, reverse=True)
    if not days:
        return []
    count = len(days)
    return [Gap("visit_notes", f"The notes of {count} visit{'s' if count > 1 else ''} "
                               f"listed in the records ({_listed(days)}).")]


def _result_gaps(req: RecordsRequest, found: _Evidence, kinds: tuple[str, ...]) -> list[Gap]:
    gaps = []
    if "lab_results" in kinds:
        empty = [e for e in found.by("results")
                 if not e.value_text and e.value_number is None and _in_range(req, e.date)]
        if empty:
            names = sorted({e.title for e in empty})[:LISTED]
            gaps.append(Gap("results", f"The results of {len(empty)} test"
                                       f"{'s' if len(empty) > 1 else ''} listed without a "
                                       f"value ({', '.join(names)})."))
    if "imaging" in kinds and _has_imaging_report(found):
        return gaps
    studies = [e for e in found.by("procedures", "results", "encounters")
               if IMAGING.search(e.title) and _in_range(req, e.date)]
    if studies and ("imaging" in kinds):
        days = sorted({e.date for e in studies if e.date}, reverse=True)
        names = ", ".join(sorted({e.title for e in studies})[:LISTED])
        when = f" of {_listed(days)}" if days else ""
        gaps.append(Gap("imaging_reports", f"The reports of the imaging studies{when} "
                                           f"({names})."))
    return gaps


def _file_key(name: str) -> str:
    """A file name or address reduced to what identifies it: "…/Binary/7" -> "7"."""
    return re.split(r"[/\\]", name.strip())[-1].casefold()


_KIND_PATTERN = {"lab_results": LAB, "imaging": IMAGING, "notes": NOTE, "billing": BILLING}


def _asked_for(req: RecordsRequest, kinds: tuple[str, ...], ref: dict[str, str]) -> bool:
    """Whether a referenced document falls within the request: always when all records were
    asked for; otherwise when its name or description says it is of a kind asked for."""
    if req.all_records or not req.record_types or "medical" in kinds:
        return True
    said = f"{ref.get('name', '')} {ref.get('description', '')}"
    return any(kind in _KIND_PATTERN and _KIND_PATTERN[kind].search(said) for kind in kinds)


def _referenced_gaps(req: RecordsRequest, found: _Evidence,
                     kinds: tuple[str, ...]) -> list[Gap]:
    """Documents the records point to (an advance directive kept elsewhere, a report given
    only by its address) that are not among what arrived for this patient."""
    wanted = [ref for doc in found.documents if doc.status == Status.READY
              for ref in doc.references or () if _asked_for(req, kinds, ref)]
    if not wanted:
        return []
    names, titles = set(), []
    for name, title in Document.objects.filter(patient_id=req.patient_id).values_list(
            "original_name", "title"):
        names.add(_file_key(name))
        titles.append(title.casefold())
    titles += [note.title.casefold() for note in found.by("notes")]
    missing: list[str] = []
    for ref in wanted:
        name, what = ref.get("name", ""), ref.get("description", "")
        if (name and _file_key(name) in names) or (
                not name and what and any(what.casefold() in title for title in titles)):
            continue
        said = (f"“{name}” ({what})" if name and what else f"“{name}”" if name
                else f"a {what[:1].lower()}{what[1:]}")
        if said not in missing:
            missing.append(said)
    if not missing:
        return []
    listed = ", ".join(missing[:LISTED]) + (f" and {len(missing) - LISTED} more"
                                           if len(missing) > LISTED else "")
    one = len(missing) == 1
    return [Gap("referenced", f"{'A document' if one else 'Documents'} the records refer to "
                              f"but that did not come with them: {listed}.")]


def _unreadable_gaps(found: _Evidence) -> list[Gap]:
    return [Gap("unreadable", f"The file “{doc.original_name}” arrived but cannot be read; "
                              "please send it again in another format.")
            for doc in found.documents if doc.status == Status.FAILED]


def check(req: RecordsRequest, today: date | None = None) -> Arrived:
    """What arrived for ``req`` and its gaps (none while nothing arrived)."""
    today = today or timezone.localdate()
    found = _Evidence(req)
    labels = dict(Category.choices)
    categories = Counter(str(labels[e.category]) for e in found.entries)
    years = Counter(e.date.year for e in found.entries if e.date)
    processing = sum(doc.status == Status.PROCESSING for doc in found.documents)
    arrived = Arrived(found.documents, dict(categories.most_common()),
                      dict(sorted(years.items())), processing)
    if not found.documents or req.right != "access":
        return arrived
    kinds = requested_kinds(req)
    arrived.gaps = [*_kind_gaps(kinds, found), *_year_gaps(req, found, today),
                    *_visit_gaps(req, found, kinds), *_result_gaps(req, found, kinds),
                    *_referenced_gaps(req, found, kinds), *_unreadable_gaps(found)]
    # An imaging study without a report says more than "imaging: none arrived".
    if any(g.kind == "imaging_reports" for g in arrived.gaps):
        arrived.gaps = [g for g in arrived.gaps
                        if not (g.kind == "kind" and g.text.startswith(KIND_LABEL["imaging"]))]
    return arrived


def apply(req: RecordsRequest, today: date | None = None) -> Arrived | None:
    """Mark the request's latest "records arrived" event complete or not, with the gaps as
    its text (the "remaining records" letter quotes it), and assess the request again.
    Does nothing while files are still being read, or when no arrival was recorded."""
    from recordright.requests.stored_assessments import refresh

    arrived = check(req, today)
    event = (RequestEvent.objects.filter(request=req, type=EventType.RECORDS_PROVIDED)
             .order_by("-on", "-id").first())
    if event is None or arrived.processing or not arrived.documents:
        return arrived
    # The person's own words stay; the vault's lines (file count, gaps) are written anew.
    own = [line for line in event.text.splitlines()
           if line.strip() and not line.startswith("- ") and "added to the vault." not in line]
    count = len(arrived.documents)
    lines = own or [f"{count} file{'s' if count > 1 else ''} added to the vault."]
    if arrived.gaps:
        lines = [*own, arrived.gap_text()]
    event.text = "\n".join(lines)
    event.facts = {**event.facts, "complete": arrived.complete}
    event.save(update_fields=["text", "facts"])
    refresh(req, today or timezone.localdate())
    return arrived
