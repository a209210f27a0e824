"""What to do today: ordering by urgency, one click to act, constant queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recordright.requests.agenda import due_items_for_user
from recordright.requests.choices import Urgency
from recordright.requests.timeline import add_event

pytestmark = pytest.mark.django_db


def test_it_orders_due_items_by_urgency(owner, make_request, sent_request, today):
    draft = make_request()
    overdue = sent_request(45)
    sent_request(3)  # waiting, deadline far ahead
    arrived = sent_request(20)
    add_event(arrived, type="records_provided", on=today, user=owner, facts={"complete": True})
    items = due_items_for_user(owner, today)
    assert items[0].request_id == overdue.pk and items[0].urgency == Urgency.OVERDUE
    assert items[0].action == "send_reminder"
    actions = {(item.request_id, item.action) for item in items}
    assert (draft.pk, "send") in actions and (arrived.pk, "check_records") in actions
    assert [item.urgency for item in items] == sorted(item.urgency for item in items)
    assert items[-1].urgency == Urgency.WAITING
    assert all(item.uid.startswith(f"request-{item.request_id}-") for item in items)


def test_an_overdue_request_does_not_make_its_complaint_window_overdue(owner, sent_request,
                                                                       today):
    overdue = sent_request(45)
    items = [item for item in due_items_for_user(owner, today) if item.request_id == overdue.pk]
    complaint = next(item for item in items if item.action == "file_ocr_complaint")
    assert complaint.due > today + timedelta(days=100)
    assert complaint.urgency == Urgency.TO_DO
    assert next(item for item in items if item.action == "send_reminder").urgency == (
        Urgency.OVERDUE)


def test_it_marks_a_deadline_within_three_days_as_due_soon(owner, sent_request, today):
    sent_request(33)  # assumed receipt 28 days ago: deadline in 2 days
    (item,) = due_items_for_user(owner, today)
    assert item.urgency == Urgency.DUE_SOON and item.due == today + timedelta(days=2)


def test_it_shows_the_items_with_links_to_act(owner_client, caregiver_client, stranger_client,
                                               make_request, sent_request):
    draft = make_request()
    overdue = sent_request(45)
    page = owner_client.get(reverse("dashboard")).content.decode()
    assert "Send the request to Springfield Test Clinic" in page
    assert reverse("requests:letter", args=[draft.pk, "first"]) in page
    assert reverse("requests:letter", args=[overdue.pk, "follow-up"]) in page
    assert page.index("Overdue") < page.index("Send the request")
    assert "Sam Synthetic" in caregiver_client.get(reverse("dashboard")).content.decode()
    assert "Sam Synthetic" not in stranger_client.get(reverse("dashboard")).content.decode()


def test_it_uses_the_same_number_of_queries_for_many_requests(owner_client, make_request,
                                                                sent_request):
    sent_request(45)
    owner_client.get(reverse("dashboard"))
    with CaptureQueriesContext(connection) as few:
        owner_client.get(reverse("dashboard"))
    for days in range(30):
        sent_request(days + 1)
        make_request()
    owner_client.get(reverse("dashboard"))  # the first load of new requests assesses them
    with CaptureQueriesContext(connection) as many:
        assert owner_client.get(reverse("dashboard")).status_code == 200
    assert len(many) == len(few)
    assert 0 < len(many) <= 12
