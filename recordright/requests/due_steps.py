"""Which steps are due on a request, and how urgent each is: presentation, not law.

The engine's next steps (plus the app's own "send" and "check_records") sorted by
urgency, as plain JSON values stored in the request's agenda columns.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from recordright.requests import choices
from recordright.requests.assessment import Assessment
from recordright.requests.choices import Urgency
from recordright.requests.models import RecordsRequest, RequestEvent

DUE_SOON_DAYS = 3
COMPLAINT_WINDOW_WARNING_DAYS = 30
COMPLAINT_ACTIONS = ("file_ocr_complaint", "file_state_complaint")


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
    if result.status == "overdue" and result.deadline:
        # What the reminder email says passed is the deadline the request page shows.
        for item in items:
            item["deadline"] = result.deadline.isoformat()
    items.sort(key=lambda item: (item["urgency"], item["due"] or "9999"))
    return items
