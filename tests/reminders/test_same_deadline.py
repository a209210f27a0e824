"""The reminder email and the request page give the same deadline (issue 14, item 8): both
read the request's stored assessment, and a step's own date is never called "the deadline"."""

from __future__ import annotations

import re
from datetime import date

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.utils import timezone

from recordright.commands.demo import create_demo
from recordright.dates import us_date
from recordright.reminders.service import run_reminders
from recordright.requests.models import RecordsRequest

pytestmark = pytest.mark.django_db


def test_the_email_and_the_request_page_name_the_same_deadline(settings, mailoutbox):
    settings.SITE_URL = "https://records.example.org"
    today = timezone.localdate()
    user = create_demo("demo-password-123")
    user.is_demo = False  # demo accounts get no email; this one stands for a real user
    user.save(update_fields=["is_demo"])
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client = Client()
    client.force_login(user)
    overdue = RecordsRequest.objects.get(provider__name="Demo Pediatrics")
    page = client.get(overdue.get_absolute_url()).content.decode()
    shown = re.search(r"Deadline: (\w+ \d+, \d{4})", page).group(1)
    deadline = overdue.__class__.objects.get(pk=overdue.pk).assessment["deadline"]
    assert shown == us_date(date.fromisoformat(deadline), "long")

    assert run_reminders(today).count("sent") == 1
    [message] = mailoutbox
    line = next(line for line in message.body.splitlines() if "Demo Pediatrics:" in line
                and "Follow up" in line)
    assert f"the deadline passed on {us_date(date.fromisoformat(deadline), 'short')}" in line
    # Records that arrived are not a deadline that passed.
    arrived = next(line for line in message.body.splitlines() if "Check the records" in line)
    assert "deadline" not in arrived
