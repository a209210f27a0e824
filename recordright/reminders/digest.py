"""Which due items a reminder names, and the words for each.

The agenda (recordright.requests.agenda) says what is due and when, from the rights
engine; this module only picks the items worth an email today and words them. The
words are deliberately minimal, because an email or a calendar event leaves the
encrypted app: the patient's first name, the records holder and the action, never
a diagnosis or anything from the records.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from recordright.dates import us_date
from recordright.requests import agenda
from recordright.requests.agenda import DueItem
from recordright.requests.choices import Urgency
from recordright.web.links import absolute_url

# A complaint to HHS OCR must be filed within 180 days; warn two weeks before the
# window closes even if the user's own threshold is shorter.
COMPLAINT_NOTICE_DAYS = 14
ACTIONABLE = (Urgency.OVERDUE, Urgency.DUE_SOON, Urgency.TO_DO)


class Reason(enum.IntEnum):
    """Why an item is in today's reminder; also the order in the email."""

    OVERDUE = 0
    DUE_TODAY = 1
    COMPLAINT_WINDOW = 2
    DUE_SOON = 3
    NEW = 4


@dataclass(frozen=True)
class Reminder:
    item: DueItem
    reason: Reason
    name: str  # the patient's short name, e.g. "Milo" (or "Milo S." if two Milos)
    text: str  # "Milo — Springfield Clinic: the deadline passed on Dec 22, 2026. Send ..."
    link: str  # absolute URL where to act


def due_items(user, day: date) -> list[DueItem]:
    """Everything due for the user, from the agenda."""
    return list(agenda.due_items_for_user(user, day))


def is_complaint(item: DueItem) -> bool:
    return "complaint" in item.action


def reason_for(item: DueItem, day: date, days_before: int,
               known_uids: Iterable[str] | None) -> Reason | None:
    """Why the item belongs in today's reminder, or None if it does not."""
    if item.urgency == Urgency.OVERDUE or (item.due is not None and item.due < day):
        return Reason.OVERDUE
    if item.due is not None:
        if item.due == day:
            return Reason.DUE_TODAY
        if item.due <= day + timedelta(days=days_before):
            return Reason.DUE_SOON
        if is_complaint(item) and item.due <= day + timedelta(days=COMPLAINT_NOTICE_DAYS):
            return Reason.COMPLAINT_WINDOW
    if item.urgency in ACTIONABLE and item.uid not in set(known_uids or ()):
        return Reason.NEW
    return None


def short_names(items: Iterable[DueItem]) -> dict[int, str]:
    """First names; with the last initial where two patients share a first name."""
    full = {item.patient_id: item.patient_name.split() or ["?"] for item in items}
    firsts: dict[str, int] = {}
    for parts in full.values():
        firsts[parts[0]] = firsts.get(parts[0], 0) + 1
    names = {}
    for patient_id, parts in full.items():
        clash = firsts[parts[0]] > 1 and len(parts) > 1
        names[patient_id] = f"{parts[0]} {parts[-1][0]}." if clash else parts[0]
    return names


def when_phrase(item: DueItem, reason: Reason, day: date) -> str:
    due = item.due
    when = us_date(due, "short")
    if reason == Reason.OVERDUE:
        # "The deadline" is the request's legal deadline, as on the request page; a step's
        # own date (a follow-up due today, records that arrived) is not a deadline.
        if item.deadline:
            return _("the deadline passed on %(date)s.") % {
                "date": us_date(item.deadline, "short")}
        return (_("this was due on %(date)s.") % {"date": when} if due
                else _("this is overdue."))
    if reason == Reason.DUE_TODAY:
        return _("due today, %(date)s.") % {"date": when}
    if reason == Reason.COMPLAINT_WINDOW:
        return _("the window to file a complaint closes on %(date)s.") % {"date": when}
    if reason == Reason.DUE_SOON:
        days = (due - day).days
        return ngettext("due %(date)s, in %(days)d day.", "due %(date)s, in %(days)d days.",
                        days) % {"date": when, "days": days}
    return _("new today.")


def absolute_link(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return absolute_url(url)


def line_for(item: DueItem, name: str, phrase: str) -> str:
    title = item.title.strip().rstrip(".")
    return f"{name} — {item.holder_name}: {phrase} {title}."


def reminders_for(items: Iterable[DueItem], day: date, days_before: int,
                  known_uids: Iterable[str] | None = None) -> list[Reminder]:
    """The items worth a reminder today, most urgent first, worded."""
    items = list(items)
    known = set(known_uids or ())
    names = short_names(items)
    chosen = []
    for item in items:
        reason = reason_for(item, day, days_before, known)
        if reason is None:
            continue
        name = names[item.patient_id]
        chosen.append(Reminder(item=item, reason=reason, name=name,
                               text=line_for(item, name, when_phrase(item, reason, day)),
                               link=absolute_link(item.url)))
    chosen.sort(key=lambda r: (r.reason, r.item.due or date.max, r.item.urgency, r.text))
    return chosen


def actionable_uids(items: Iterable[DueItem]) -> list[str]:
    return sorted({item.uid for item in items if item.urgency in ACTIONABLE})
