"""What is due, for whom: the contract between requests and reminders/dashboard.

``due_items_for_user(user, today)`` lists every action due across all patients
the user may see, most urgent first. The dashboard shows them, the daily
reminder email sends them and the calendar feed publishes their dates. The
dates come from the rights engine's result for each request; nothing here
computes the law.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


class Urgency:
    OVERDUE = 0
    DUE_SOON = 1  # within 3 days
    TO_DO = 2
    WAITING = 3


@dataclass(frozen=True)
class DueItem:
    patient_id: int
    patient_name: str
    request_id: int | None
    holder_name: str
    action: str  # a rights-engine next-step action, or "send", "check_records"
    title: str  # plain-language, e.g. "Send the request to Springfield Clinic"
    due: date | None
    urgency: int
    url: str  # where to act: the letter or the event form
    uid: str  # stable id for calendar events: f"request-{id}-{action}"
