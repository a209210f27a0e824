"""Fixtures for the reminder tests: a real SMTP server, verified addresses and a fake agenda.

The agenda (recordright.requests.agenda.due_items_for_user) belongs to the request
journey; these tests replace it with synthetic DueItems per user.
"""

from __future__ import annotations

from datetime import date

import pytest
from allauth.account.models import EmailAddress

from recordright.requests.agenda import DueItem
from recordright.requests.choices import Urgency
from tests.smtp import smtp_server, use_smtp_server  # noqa: F401  (fixtures)

TODAY = date(2025, 12, 23)


def verify(user) -> None:
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


def item(patient, *, request_id: int = 1, action: str = "send_late_notice",
         title: str = "Send the late notice", due: date | None = date(2025, 12, 22),
         urgency: int = Urgency.OVERDUE, holder: str = "Springfield Clinic",
         deadline: date | None = date(2025, 12, 22)) -> DueItem:
    return DueItem(patient_id=patient.pk, patient_name=patient.full_name, request_id=request_id,
                   holder_name=holder, action=action, title=title, due=due, urgency=urgency,
                   url=f"/requests/{request_id}/letters/{action}/",
                   uid=f"request-{request_id}-{action}", deadline=deadline)


class FakeAgenda:
    def __init__(self) -> None:
        self.by_user: dict[int, list[DueItem]] = {}
        self.calls: list[tuple[int, date]] = []

    def set(self, user, items: list[DueItem]) -> None:
        self.by_user[user.pk] = list(items)

    def __call__(self, user, today: date) -> list[DueItem]:
        self.calls.append((user.pk, today))
        return list(self.by_user.get(user.pk, []))


@pytest.fixture
def agenda(monkeypatch):
    fake = FakeAgenda()
    monkeypatch.setattr("recordright.requests.agenda.due_items_for_user", fake)
    return fake


@pytest.fixture
def verified_owner(owner):
    verify(owner)
    return owner
