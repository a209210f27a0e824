"""Keep the engine's answer on each request so the dashboard is one indexed query.

A stored answer is valid for one day (``assessed_on``) and one set of inputs
(``assessment_hash``). Any change to a request, its events or its provider marks it
stale (signals below); readers call ``refresh_stale`` first, which re-asks the engine
only for stale requests. The agenda columns (``agenda_urgency``, ``agenda_due``,
``agenda_items``) sort the engine's next steps by urgency: presentation, not law.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from recordright.providers.models import Provider
from recordright.requests import choices
from recordright.requests.agenda import Urgency
from recordright.requests.assessment import (
    Assessment,
    assess_case,
    build_case,
    case_hash,
    receipt_for,
)
from recordright.requests.models import NEVER_ASSESSED, RecordsRequest, RequestEvent

NOTHING_DUE = 9  # agenda_urgency of a request with nothing to do
DUE_SOON_DAYS = 3
COMPLAINT_WINDOW_WARNING_DAYS = 30
COMPLAINT_ACTIONS = ("file_ocr_complaint", "file_state_complaint")
BATCH = 500


def _urgency(action: str, due: date | None, status: str, today: date) -> int:
    if action == "wait":
        if due and due <= today + timedelta(days=DUE_SOON_DAYS):
            return Urgency.DUE_SOON
        return Urgency.WAITING
    if due and due < today:
        return Urgency.OVERDUE
    # An overdue request makes its follow-up overdue, not the complaint: that window runs
    # for 180 days and is urgent only as it closes.
    if status == "overdue" and action not in COMPLAINT_ACTIONS:
        return Urgency.OVERDUE
    soon = COMPLAINT_WINDOW_WARNING_DAYS if action in COMPLAINT_ACTIONS else DUE_SOON_DAYS
    if due and due <= today + timedelta(days=soon):
        return Urgency.DUE_SOON
    return Urgency.TO_DO


def agenda_for(req: RecordsRequest, events: list[RequestEvent], result: Assessment,
               today: date) -> list[dict]:
    """The actions due on one request, most urgent first, as plain JSON values."""
    items: list[dict] = []
    if result.status == "draft":
        items.append({"action": "send", "due": timezone.localdate(req.created_at).isoformat(),
                      "urgency": Urgency.TO_DO})
    arrived = [e for e in events if e.type == choices.EventType.RECORDS_PROVIDED]
    if arrived and (req.records_checked_on is None or req.records_checked_on < arrived[-1].on):
        items.append({"action": "check_records", "due": arrived[-1].on.isoformat(),
                      "urgency": Urgency.TO_DO})
    for step in result.next_steps:
        due = date.fromisoformat(step["due"]) if step.get("due") else None
        items.append({"action": step["action"], "due": due.isoformat() if due else None,
                      "urgency": _urgency(step["action"], due, result.status, today),
                      "message": step.get("message", "")})
    items.sort(key=lambda item: (item["urgency"], item["due"] or "9999"))
    return items


def _store_values(req: RecordsRequest, events: list[RequestEvent], today: date) -> Assessment:
    case = build_case(req, events)
    result = assess_case(case, receipt_for(events), today)
    items = agenda_for(req, events, result, today)
    req.assessment = result.raw or {"status": result.status, "error": result.error}
    req.assessment_hash = case_hash(case)
    req.assessed_on = today
    req.agenda_items = items
    req.agenda_urgency = items[0]["urgency"] if items else NOTHING_DUE
    first_due = items[0]["due"] if items else None
    req.agenda_due = date.fromisoformat(first_due) if first_due else today
    return result


_STORED = ["assessment", "assessment_hash", "assessed_on", "agenda_items", "agenda_urgency",
           "agenda_due"]
_JSON = {"assessment", "agenda_items"}


def refresh(req: RecordsRequest, today: date, events: list[RequestEvent] | None = None
            ) -> Assessment:
    """Assess one request now and store the answer if it changed."""
    events = sorted(req.events.all() if events is None else events, key=lambda e: (e.on, e.pk))
    before = (req.assessment_hash, req.assessed_on, req.agenda_items)
    result = _store_values(req, events, today)
    if before != (req.assessment_hash, req.assessed_on, req.agenda_items):
        RecordsRequest.objects.filter(pk=req.pk).update(
            **{name: getattr(req, name) for name in _STORED})
    return result


def stale(requests: QuerySet[RecordsRequest], today: date) -> QuerySet[RecordsRequest]:
    # One index range per patient (request_assessed_on): nothing stale costs next to nothing.
    return requests.filter(assessed_on__lt=today)


def refresh_stale(requests: QuerySet[RecordsRequest], today: date) -> int:
    """Re-assess the requests in ``requests`` not assessed today; returns how many."""
    pending = (stale(requests, today).select_related("provider")
               .prefetch_related("events").order_by("pk"))
    changed: list[RecordsRequest] = []
    count = 0
    for req in pending.iterator(chunk_size=BATCH):
        _store_values(req, sorted(req.events.all(), key=lambda e: (e.on, e.pk)), today)
        changed.append(req)
        count += 1
        if len(changed) >= BATCH:
            _write(changed)
            changed = []
    if changed:
        _write(changed)
    return count


def _column_value(name: str, value):
    if name in _JSON:
        return json.dumps(value)
    return value.isoformat() if isinstance(value, date) else value


def _write(requests: list[RecordsRequest]) -> None:
    """Store many answers with one prepared UPDATE (bulk_update's CASE is far slower)."""
    table = RecordsRequest._meta.db_table
    json_cast = "::jsonb" if connection.vendor == "postgresql" else ""
    columns = ", ".join(
        f"{name} = %s{json_cast if name in _JSON else ''}" for name in _STORED)
    rows = [[_column_value(name, getattr(req, name)) for name in _STORED] + [req.pk]
             for req in requests]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {columns} WHERE id = %s", rows)  # noqa: S608


def mark_stale(requests: QuerySet[RecordsRequest]) -> None:
    requests.update(assessed_on=NEVER_ASSESSED)


@receiver(post_save, sender=RequestEvent)
@receiver(post_delete, sender=RequestEvent)
def _event_changed(sender, instance: RequestEvent, **kwargs) -> None:
    mark_stale(RecordsRequest.objects.filter(pk=instance.request_id))


@receiver(post_save, sender=RecordsRequest)
def _request_changed(sender, instance: RecordsRequest, **kwargs) -> None:
    mark_stale(RecordsRequest.objects.filter(pk=instance.pk))
    instance.assessed_on = NEVER_ASSESSED


@receiver(post_save, sender=Provider)
def _provider_changed(sender, instance: Provider, created: bool, **kwargs) -> None:
    if not created:
        mark_stale(RecordsRequest.objects.filter(provider=instance))
