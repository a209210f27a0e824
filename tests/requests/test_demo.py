"""The demo account shows a request in every state."""

import pytest

from recordright.commands.demo import create_demo
from recordright.requests.agenda import due_items_for_user
from recordright.requests.models import RecordsRequest
from recordright.requests.stored_assessments import refresh_stale

pytestmark = pytest.mark.django_db


def test_it_builds_requests_in_every_state(today):
    user = create_demo("demo-password-123")
    refresh_stale(RecordsRequest.objects.all(), today)
    statuses = sorted(RecordsRequest.objects.values_list("assessment__status", flat=True))
    assert set(statuses) >= {"draft", "pending", "extended", "overdue", "denied", "fulfilled"}
    actions = {item.action for item in due_items_for_user(user, today)}
    assert {"send", "send_reminder", "dispute_fee", "file_ocr_complaint"} <= actions


def test_it_renders_every_demo_request_and_each_letter_it_offers(client, today):
    import re

    user = create_demo("demo-password-123")
    client.force_login(user)
    assert client.get("/today/").status_code == 200
    for req in RecordsRequest.objects.all():
        page = client.get(req.get_absolute_url())
        assert page.status_code == 200, req
        for url in set(re.findall(rf'href="(/requests/{req.pk}/letters/[a-z_-]+/)"',
                                  page.content.decode())):
            assert client.get(url).status_code == 200, url
