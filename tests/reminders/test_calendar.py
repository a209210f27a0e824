"""The calendar feed: its management page and the public iCalendar feed."""

import hashlib
import re
from datetime import date, timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from recordright.audit.models import AuditEntry
from recordright.reminders.calendar import note_fetch
from recordright.reminders.models import CalendarFeed
from recordright.requests.choices import Urgency
from tests.reminders.conftest import item

pytestmark = pytest.mark.django_db
MANAGE = reverse("reminders:calendar")


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://records.example.org"


def create_feed(client) -> str:
    response = client.post(MANAGE, {"action": "create"})
    assert response.status_code == 200
    match = re.search(r'value="(https://records\.example\.org/reminders/calendar/[A-Za-z0-9_-]+\.ics)"',
                      response.content.decode())
    assert match, "the new feed URL is shown"
    return match.group(1).removeprefix("https://records.example.org")


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content)


@pytest.fixture
def owner_items(agenda, owner, patient):
    items = [item(patient),
             item(patient, request_id=2, action="expect_records", title="Expect the records",
                  holder="Shelbyville Lab", due=date(2026, 1, 20), urgency=Urgency.WAITING),
             item(patient, request_id=3, action="send", title="Send the request", due=None,
                  urgency=Urgency.TO_DO)]
    agenda.set(owner, items)
    return items


def test_it_serves_a_valid_calendar_with_one_all_day_event_per_dated_item(
        client, owner_client, owner_items):
    response = client.get(create_feed(owner_client))  # as a calendar app: no login
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    assert b"X-PUBLISHED-TTL:PT12H" in response.content
    events = parse(response).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == ["request-1-send_late_notice@records.example.org",
                                               "request-2-expect_records@records.example.org"]
    first = events[0]
    assert first.decoded("DTSTART") == date(2025, 12, 22)  # a date: an all-day event
    assert first.decoded("DTEND") == date(2025, 12, 23)
    assert str(first["SUMMARY"]) == "Sam — Springfield Clinic: Send the late notice"
    assert ("https://records.example.org/requests/1/letters/send_late_notice/"
            in str(first["DESCRIPTION"]))
    [alarm] = first.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(hours=15)  # 9 AM the day before
    assert "Synthetic" not in response.content.decode()


def test_it_keeps_uids_stable_between_fetches(owner_client, owner_items):
    url = create_feed(owner_client)
    first = [str(e["UID"]) for e in parse(owner_client.get(url)).walk("VEVENT")]
    second = [str(e["UID"]) for e in parse(owner_client.get(url)).walk("VEVENT")]
    assert first == second and len(first) == 2


def test_it_needs_no_login_for_the_feed(client, owner_client, owner_items):
    url = create_feed(owner_client)
    assert len(parse(client.get(url)).walk("VEVENT")) == 2


def test_it_stores_only_a_hash_and_shows_the_url_only_once(owner_client, owner, owner_items):
    url = create_feed(owner_client)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    feed = CalendarFeed.objects.get(user=owner)
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in owner_client.get(MANAGE).content.decode()


def test_it_gives_404_for_a_wrong_or_malformed_token(client, owner_client, owner_items):
    url = create_feed(owner_client)
    assert client.head(url).status_code == 200  # some calendar apps check with HEAD first
    assert client.post(url).status_code == 405
    assert client.get("/reminders/calendar/" + "x" * 43 + ".ics").status_code == 404
    assert client.get("/reminders/calendar/short.ics").status_code == 404


def test_it_gives_404_once_revoked(client, owner_client, owner_items):
    url = create_feed(owner_client)
    response = owner_client.post(MANAGE, {"action": "revoke"})
    assert response.status_code == 302
    assert client.get(url).status_code == 404
    assert "Make my feed address" in owner_client.get(MANAGE).content.decode()


def test_it_gives_a_new_url_on_regenerate_and_the_old_one_stops(client, owner_client, owner,
                                                                owner_items):
    old = create_feed(owner_client)
    response = owner_client.post(MANAGE, {"action": "regenerate"})
    new = re.search(r'/reminders/calendar/[A-Za-z0-9_-]+\.ics', response.content.decode()).group()
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert CalendarFeed.objects.filter(user=owner, revoked_at__isnull=True).count() == 1


def test_it_gives_404_when_the_account_is_deactivated(client, owner_client, owner, owner_items):
    url = create_feed(owner_client)
    owner.is_active = False
    owner.save()
    assert client.get(url).status_code == 404


def test_it_audits_each_patient_once_a_day_per_feed(client, owner_client, owner, patient,
                                                    owner_items):
    url = create_feed(owner_client)
    client.get(url)
    client.get(url)
    entries = AuditEntry.objects.filter(patient=patient, what="calendar feed")
    assert [(e.action, e.user_label) for e in entries] == [("download", "alice@example.org")]
    feed = CalendarFeed.objects.get(user=owner)
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert note_fetch(feed, owner_items, tomorrow) == 1
    assert note_fetch(feed, owner_items, tomorrow) == 0
    assert feed.audits.count() == 1  # yesterday's bookkeeping is dropped
    assert CalendarFeed.objects.get(pk=feed.pk).last_fetched_at is not None


def test_it_lets_each_user_see_and_manage_only_their_own_feed(
        client, agenda, owner_client, caregiver_client, stranger_client, owner, stranger,
        owner_items):
    owner_url = create_feed(owner_client)
    # The caregiver and the stranger see no feed of the owner's, and cannot revoke it.
    for other in (caregiver_client, stranger_client):
        page = other.get(MANAGE).content.decode()
        assert "Make my feed address" in page and "Your feed is on" not in page
        other.post(MANAGE, {"action": "revoke"})
    assert client.get(owner_url).status_code == 200
    # The stranger's own feed holds only what the agenda gives the stranger: nothing here.
    stranger_url = create_feed(stranger_client)
    assert parse(client.get(stranger_url)).walk("VEVENT") == []
    assert (stranger.pk, timezone.localdate()) in [(pk, day) for pk, day in agenda.calls]
    assert not AuditEntry.objects.filter(user=stranger, patient__isnull=False).exists()


def test_it_asks_for_a_login_on_the_management_page(client):
    response = client.get(MANAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_explains_on_the_page_that_the_url_is_a_secret(owner_client):
    page = owner_client.get(MANAGE).content.decode()
    assert "works like a password" in page
    assert "first name" in page
