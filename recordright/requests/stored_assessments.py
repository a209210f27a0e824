"""The engine's answer stored on each request, so the dashboard is one indexed query.

A stored answer is valid for one day (``assessed_on``) and one set of inputs
(``assessment_hash``). Any change to a request, its events or its provider marks it
stale (``signals.py``); readers call ``refresh_stale`` first, which re-asks the engine
only for stale requests. The agenda columns (``agenda_urgency``, ``agenda_due``,
``agenda_items``) hold the due steps of ``due_steps.py``: presentation, not law.
"""

from __future__ import annotations

import json
from datetime import date

from django.db import connection, transaction
from django.db.models import QuerySet

from recordright.requests.assessment import (
    Assessment,
    assess_case,
    build_case,
    case_hash,
    receipt_for,
)
from recordright.requests.choices import Urgency
from recordright.requests.due_steps import agenda_for
from recordright.requests.models import (
    NEVER_ASSESSED,
    RecordsRequest,
    RequestEvent,
    in_timeline_order,
)

BATCH = 500


def _store_values(req: RecordsRequest, events: list[RequestEvent], today: date) -> Assessment:
    case = build_case(req, events)
    result = assess_case(case, receipt_for(events), today)
    items = agenda_for(req, events, result, today)
    req.assessment = result.raw or {"status": result.status, "error": result.error}
    req.assessment_hash = case_hash(case)
    req.assessed_on = today
    req.agenda_items = items
    req.agenda_urgency = items[0]["urgency"] if items else Urgency.NOTHING_DUE
    first_due = items[0]["due"] if items else None
    req.agenda_due = date.fromisoformat(first_due) if first_due else today
    return result


_STORED = ["assessment", "assessment_hash", "assessed_on", "agenda_items", "agenda_urgency",
           "agenda_due"]
_JSON = {"assessment", "agenda_items"}


def refresh(req: RecordsRequest, today: date, events: list[RequestEvent] | None = None
            ) -> Assessment:
    """Assess one request now and store the answer if it changed."""
    events = in_timeline_order(req.events.all() if events is None else events)
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
        _store_values(req, in_timeline_order(req.events.all()), today)
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
