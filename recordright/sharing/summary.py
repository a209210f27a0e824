"""The emergency summary: what a paramedic needs, read from the vault's entries and
corrected by the patient (``SummaryEdit``). No Django views here: data in, items out.

Each item says where it came from (the document and its date) or that the patient
reported it, so a reader can weigh it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Max

from recordright.patients.models import Patient
from recordright.sharing.models import Section, SummaryEdit, SummaryReview
from recordright.vault.models import Document, Entry

# Statuses that mean "no longer so" in the sources (C-CDA and FHIR both, lower-cased).
ENDED = {"resolved", "inactive", "completed", "stopped", "cancelled", "entered-in-error",
         "refuted", "remission", "aborted", "not-done", "on-hold"}
BLOOD_TYPE_CODES = {"882-1", "883-9", "34474-5"}  # LOINC: ABO+Rh group, ABO group
DEVICE_WORDS = ("pacemaker", "defibrillator", "implant", "stent", "prosthe", "shunt",
                "cochlear", "insulin pump", "port-a-cath")
MAX_PER_SECTION = 12  # one page: the newest first beyond this, and a note that more exist


@dataclass
class Item:
    section: str
    title: str
    detail: str = ""
    date: date | None = None
    source: str = ""            # the document's title or name; "" when patient-reported
    source_date: date | None = None
    entry_id: int | None = None
    edit_id: int | None = None
    patient_reported: bool = False
    corrected: bool = False
    codes: list[dict] = field(default_factory=list)
    status: str = ""

    @property
    def source_label(self) -> str:
        if self.patient_reported:
            return "Reported by the patient"
        when = f", {self.source_date:%b %-d, %Y}" if self.source_date else ""
        return f"{self.source}{when}" + (" (corrected by the patient)" if self.corrected else "")


@dataclass
class Summary:
    patient: Patient
    items: dict[str, list[Item]]
    more: dict[str, int]
    reviewed_at: datetime | None
    newest_record_at: datetime | None

    def section(self, name: str) -> list[Item]:
        return self.items.get(name, [])

    @property
    def sections(self) -> list[tuple[str, str, list[Item]]]:
        return [(value, label, self.items.get(value, [])) for value, label in Section.choices]

    @property
    def stale(self) -> bool:
        return (self.reviewed_at is None or (self.newest_record_at is not None
                                             and self.newest_record_at > self.reviewed_at))


def _ended(entry: Entry) -> bool:
    return entry.status.strip().lower() in ENDED or entry.end_date is not None


def _section_of(entry: Entry) -> str | None:
    codes = {code.get("code") for code in entry.codes or []}
    title = entry.title.lower()
    if entry.category == "results" and (codes & BLOOD_TYPE_CODES or "abo" in title):
        return Section.BLOOD_TYPE
    if entry.category == "procedures" and any(word in title for word in DEVICE_WORDS):
        return Section.DEVICES
    if entry.category in ("allergies", "problems", "medications") and _ended(entry):
        return None
    if entry.category in ("allergies", "problems", "medications", "immunizations"):
        return entry.category
    return None


def _item(entry: Entry, section: str) -> Item:
    detail = entry.detail
    if section == Section.BLOOD_TYPE:
        detail = entry.value_text or entry.detail
    return Item(section=section, title=entry.title, detail=detail[:200], date=entry.date,
                source=entry.document.title or entry.document.original_name,
                source_date=entry.document.date or entry.document.received_on,
                entry_id=entry.pk, codes=list(entry.codes or []), status=entry.status)


def build(patient: Patient) -> Summary:
    edits = list(SummaryEdit.objects.filter(patient=patient))
    removed = {edit.entry_id for edit in edits if edit.action == SummaryEdit.Action.REMOVE}
    corrections = {edit.entry_id: edit for edit in edits
                   if edit.action == SummaryEdit.Action.CORRECT}
    items: dict[str, list[Item]] = {value: [] for value in Section.values}
    seen: set[tuple[str, str]] = set()
    entries = (Entry.objects.filter(patient=patient, category__in=(
        "allergies", "problems", "medications", "immunizations", "results", "procedures"))
        .exclude(pk__in=removed).select_related("document").order_by("-date", "-id"))
    for entry in entries.iterator():
        section = _section_of(entry)
        if section is None:
            continue
        key = (section, entry.title.strip().lower())
        if key in seen or (section == Section.BLOOD_TYPE and items[section]):
            continue  # the newest of each (immunizations: the latest dose)
        seen.add(key)
        item = _item(entry, section)
        if entry.pk in corrections:
            edit = corrections[entry.pk]
            item.title, item.detail, item.corrected = edit.title or item.title, edit.detail, True
            item.edit_id = edit.pk
        items[section].append(item)
    for edit in edits:
        if edit.action == SummaryEdit.Action.ADD:
            items[edit.section].insert(0, Item(
                section=edit.section, title=edit.title, detail=edit.detail, date=edit.date,
                edit_id=edit.pk, patient_reported=True))
    _add_care_team(patient, items)
    more = {name: max(0, len(rows) - MAX_PER_SECTION) for name, rows in items.items()}
    items = {name: rows[:MAX_PER_SECTION] for name, rows in items.items()}
    review = SummaryReview.objects.filter(patient=patient).first()
    newest = Document.objects.filter(patient=patient, status="ready").aggregate(
        newest=Max("created_at"))["newest"]
    return Summary(patient=patient, items=items, more=more,
                   reviewed_at=review.reviewed_at if review else None, newest_record_at=newest)


def _add_care_team(patient: Patient, items: dict[str, list[Item]]) -> None:
    """Providers whose records are in the vault, newest first (after any the patient added)."""
    known = {item.title.lower() for item in items[Section.CARE_TEAM]}
    documents = (Document.objects.filter(patient=patient, status="ready", parent__isnull=True)
                 .select_related("provider").order_by("-date", "-received_on"))
    for document in documents[:50]:
        name = document.provider.name if document.provider else document.author
        if name and name.lower() not in known:
            known.add(name.lower())
            items[Section.CARE_TEAM].append(Item(
                section=Section.CARE_TEAM, title=name, source=document.title
                or document.original_name, source_date=document.date or document.received_on))


def essentials_text(summary: Summary, *, limit: int = 1200) -> str:
    """The essentials as plain text, for a QR code any phone camera reads offline."""
    patient = summary.patient
    lines = [f"EMERGENCY SUMMARY: {patient.full_name}"]
    if patient.date_of_birth:
        lines.append(f"Born {patient.date_of_birth:%Y-%m-%d}")
    for section, label in ((Section.ALLERGIES, "Allergies"), (Section.MEDICATIONS, "Meds"),
                           (Section.PROBLEMS, "Problems"), (Section.BLOOD_TYPE, "Blood"),
                           (Section.DEVICES, "Devices"), (Section.CONTACTS, "Contact"),
                           (Section.ADVANCE_DIRECTIVE, "Directive")):
        rows = summary.section(section)
        if rows or section == Section.ALLERGIES:
            text = "; ".join(f"{r.title}{' ' + r.detail if r.detail else ''}" for r in rows)
            lines.append(f"{label}: {text or 'none recorded'}")
    text = "\n".join(lines)
    return text if len(text) <= limit else text[:limit - 3] + "..."
