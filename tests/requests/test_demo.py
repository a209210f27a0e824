"""The demo account shows a request in every state."""

import pytest

from recordright.commands.demo import create_demo
from recordright.requests.agenda import due_items_for_user
from recordright.requests.models import RecordsRequest
from recordright.requests.stored import refresh_stale

pytestmark = pytest.mark.django_db


def test_it_builds_requests_in_every_state(today):
    user = create_demo("demo-password-123")
    refresh_stale(RecordsRequest.objects.all(), today)
    statuses = sorted(RecordsRequest.objects.values_list("assessment__status", flat=True))
    assert set(statuses) >= {"draft", "pending", "extended", "overdue", "denied", "fulfilled"}
    actions = {item.action for item in due_items_for_user(user, today)}
    assert {"send", "send_reminder", "dispute_fee", "file_ocr_complaint"} <= actions
