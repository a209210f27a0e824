"""What is due, for whom: the contract between requests and reminders/dashboard.

``due_items_for_user(user, today)`` lists every action due across all patients
the user may see, most urgent first. The dashboard shows them, the daily
reminder email sends them and the calendar feed publishes their dates. A plain
reader: the dates are the rights engine's answers stored on each request
(``stored_assessments``); nothing here computes the law.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _lazy

from recordright.patients.access import patients_for_user
from recordright.requests.choices import Urgency
from recordright.requests.models import RecordsRequest
from recordright.requests.stored_assessments import refresh_stale
from recordright.requests.urls_for import action_url

__all__ = ["DueItem", "agenda_counts", "due_items_for_user", "items_for_request",
           "open_requests_for_user", "title_for"]


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
    # The legal deadline that passed, when the request is overdue: the one the request page
    # shows (both read the same stored assessment), never a step's own date.
    deadline: date | None = None


# A title for every action on the agenda: the app's own and each the engine can emit
# (a test checks there is one for each).
ACTION_TITLES = {
    "send": _lazy("Send the request to %(holder)s"),
    "check_records": _lazy("Check the records that arrived from %(holder)s"),
    "wait": _lazy("Deadline for %(holder)s to answer"),
    "send_reminder": _lazy("Follow up with %(holder)s"),
    "dispute_fee": _lazy("Dispute the fee %(holder)s asked for"),
    "request_review": _lazy("Ask %(holder)s to review the denial"),
    "request_remaining_records": _lazy("Ask %(holder)s for the missing records"),
    "request_electronic_format": _lazy("Ask %(holder)s for the format you asked for"),
    "file_ocr_complaint": _lazy("File a complaint with HHS about %(holder)s"),
    "file_state_complaint": _lazy("File a state complaint about %(holder)s"),
    "submit_statement_of_disagreement": _lazy("Send %(holder)s your statement of disagreement"),
    "request_own_copy": _lazy("Ask %(holder)s for the copy yourself, or send them a signed "
                              "authorization"),
    "seek_court_remedy": _lazy("Ask a court for the state-law penalty against %(holder)s"),
}


def title_for(action: str, holder: str) -> str:
    template = ACTION_TITLES.get(action, _lazy("Next step with %(holder)s"))
    return str(template) % {"holder": holder}


def _visible_requests(user):
    # Archived requests, and the requests of archived patients, are left out.
    return RecordsRequest.objects.filter(patient__in=patients_for_user(user).values("pk"),
                                         archived_at__isnull=True)


_AGENDA_COLUMNS = ("pk", "patient__id", "patient__full_name", "provider__name", "agenda_items",
                   "agenda_urgency", "agenda_due")


def open_requests_for_user(user, today: date, *, refreshed: bool = False):
    """The user's requests with something to do, most urgent first (stored answers refreshed)."""
    visible = _visible_requests(user)
    if not refreshed:
        refresh_stale(visible, today)
    return (visible.filter(agenda_urgency__lt=Urgency.NOTHING_DUE)
            .select_related("patient", "provider")
            .only(*_AGENDA_COLUMNS)
            .order_by("agenda_urgency", "agenda_due", "pk"))


def agenda_counts(user, today: date) -> dict[str, int]:
    """How many requests need the user, and how many are waiting (one index-only query)."""
    return _visible_requests(user).aggregate(
        to_act=Count("pk", filter=Q(agenda_urgency__lt=Urgency.WAITING)),
        waiting=Count("pk", filter=Q(agenda_urgency=Urgency.WAITING)))


def items_for_request(req, include_waiting: bool = True) -> list[DueItem]:
    items = []
    for item in req.agenda_items:
        if item["urgency"] == Urgency.WAITING and not include_waiting:
            continue
        items.append(DueItem(
            patient_id=req.patient.pk, patient_name=req.patient.full_name, request_id=req.pk,
            holder_name=req.provider.name, action=item["action"],
            title=title_for(item["action"], req.provider.name),
            due=date.fromisoformat(item["due"]) if item["due"] else None,
            urgency=item["urgency"], url=action_url(req.pk, item["action"]),
            uid=f"request-{req.pk}-{item['action']}",
            deadline=date.fromisoformat(item["deadline"]) if item.get("deadline") else None))
    return items


def due_items_for_user(user, today: date, *, limit: int | None = None,
                       include_waiting: bool = True, refreshed: bool = False) -> list[DueItem]:
    """Every action due across the patients the user may see, most urgent first.

    ``limit`` caps the number of requests read (the dashboard shows a page); the
    reminders email and calendar feed read them all. A constant number of queries.
    """
    requests = open_requests_for_user(user, today, refreshed=refreshed)
    if not include_waiting:
        requests = requests.filter(agenda_urgency__lt=Urgency.WAITING)
    if limit is not None:
        # Choose the page from the covering index alone, then read just those rows.
        pks = list(requests.values_list("pk", flat=True)[:limit])
        requests = (RecordsRequest.objects.filter(pk__in=pks).select_related("patient", "provider")
                    .only(*_AGENDA_COLUMNS))
    items = [item for req in requests for item in items_for_request(req, include_waiting)]
    items.sort(key=lambda item: (item.urgency, item.due or date.max, item.request_id or 0))
    return items
