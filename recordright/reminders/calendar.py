"""The per-user calendar feed: every dated due item as an all-day iCalendar event.

Calendar apps fetch the feed without logging in, so its URL is a bearer secret and
the events say as little as they can: the patient's first name, the records
holder, the action and a link into the app (which asks for a login).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.patients.models import Patient
from recordright.reminders import digest
from recordright.reminders.models import CalendarFeed, CalendarFeedAudit
from recordright.requests.agenda import DueItem

# The alarm fires at 9 AM the day before an all-day event (which starts at midnight).
ALARM_BEFORE = timedelta(hours=15)


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def event_for(item: DueItem, name: str, host: str, stamp: datetime) -> icalendar.Event:
    summary = f"{name} — {item.holder_name}: {item.title.strip().rstrip('.')}"
    link = digest.absolute_link(item.url)
    event = icalendar.Event()
    event.add("uid", f"{item.uid}@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", item.due)  # a date, so an all-day event
    event.add("dtend", item.due + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", _("Open recordright to act: %(link)s") % {"link": link})
    event.add("url", link)
    event.add("transp", "TRANSPARENT")  # a deadline does not make the user busy
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", -ALARM_BEFORE)
    event.add_component(alarm)
    return event


def build_calendar(items: list[DueItem], stamp: datetime | None = None) -> bytes:
    stamp = stamp or timezone.now()
    host = site_host()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//recordright//reminders//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("recordright deadlines"))
    # Ask calendar apps to check twice a day; most poll on their own schedule anyway.
    cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    dated = [item for item in items if item.due is not None]
    names = digest.short_names(dated)
    for item in sorted(dated, key=lambda i: (i.due, i.uid)):
        cal.add_component(event_for(item, names[item.patient_id], host, stamp))
    return cal.to_ical()


def feed_items(feed: CalendarFeed, day: date) -> list[DueItem]:
    return [item for item in digest.due_items(feed.user, day) if item.due is not None]


def note_fetch(feed: CalendarFeed, items: list[DueItem], day: date) -> int:
    """Record the fetch: one audit entry per patient in the feed, at most once a day.

    Calendar apps poll every few minutes to hours; an entry per poll would bury the
    patient's access log. Returns the number of audit entries written.
    """
    CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=timezone.now())
    CalendarFeedAudit.objects.filter(feed=feed, day__lt=day).delete()  # only today matters
    patient_ids = {item.patient_id for item in items}
    done = set(CalendarFeedAudit.objects.filter(feed=feed, day=day, patient_id__in=patient_ids)
               .values_list("patient_id", flat=True))
    written = 0
    for patient in Patient.objects.filter(pk__in=patient_ids - done):
        try:
            with transaction.atomic():
                CalendarFeedAudit.objects.create(feed=feed, patient=patient, day=day)
                record(feed.user, patient, AuditEntry.Action.DOWNLOAD, "calendar feed", feed)
        except IntegrityError:  # a parallel fetch got there first
            continue
        written += 1
    return written
