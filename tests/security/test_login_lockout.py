"""Issue 9.4: login lockout shared by all workers, kept across restarts, per account and
address, and the account's owner is told."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test import Client
from django.urls import reverse

from recordright.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
HOME, AWAY = "203.0.113.7", "198.51.100.9"


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def _login(email: str, password: str, address: str) -> Client:
    client = Client(REMOTE_ADDR=address)
    client.post(reverse("account_login"), {"login": email, "password": password})
    return client


def _signed_in(client: Client) -> bool:
    return client.get(reverse("dashboard")).status_code == 200


def test_the_counters_live_in_the_database_shared_by_every_worker(owner):
    assert isinstance(caches["default"], DatabaseCache)
    for _ in range(5):
        _login(owner.email, "wrong-password", AWAY)
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(settings.CACHES["default"]["LOCATION"])
        cursor.execute("SELECT cache_key FROM " + table)  # noqa: S608 (a setting, not input)
        keys = [row[0] for row in cursor.fetchall()]
    assert any("login_failed" in key for key in keys)
    # A fresh cache object, as in another worker process or after a restart, sees the lock.
    other_worker = DatabaseCache(settings.CACHES["default"]["LOCATION"], {})
    assert any(other_worker.get(key.split(":", 2)[-1]) for key in keys
               if "login_failed" in key)
    assert not _signed_in(_login(owner.email, PASSWORD, AWAY))


def test_a_stranger_cannot_lock_the_owner_out_from_elsewhere(owner):
    for _ in range(8):
        _login(owner.email, "wrong-password", AWAY)
    assert not _signed_in(_login(owner.email, PASSWORD, AWAY))  # locked there
    assert _signed_in(_login(owner.email, PASSWORD, HOME))  # not at home


def test_five_failures_lock_the_account_for_that_address_and_the_owner_is_told(owner):
    for attempt in range(7):
        _login(owner.email, "wrong-password", AWAY)
        assert len(mail.outbox) == (1 if attempt >= 4 else 0)  # once, when the lock starts
    (notice,) = mail.outbox
    assert notice.to == [owner.email] and AWAY in notice.body
    assert "wrong-password" not in notice.body
    failed = AuditEntry.objects.filter(action="login_failed", user_label=owner.email)
    assert failed.count() == 5  # the password was checked five times, no more
    assert {entry.user_id for entry in failed} == {owner.pk}  # the account concerned
    assert AuditEntry.objects.filter(action="locked", object_id=str(owner.pk)).count() == 3


def test_no_notice_is_sent_for_an_address_that_has_no_account():
    for _ in range(6):
        _login("nobody@example.org", "wrong-password", AWAY)
    assert mail.outbox == []
    assert set(AuditEntry.objects.values_list("user_label", flat=True)) == {"unknown account"}


def test_the_database_cache_table_is_created_by_the_migrations():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    applied = executor.loader.applied_migrations
    assert ("accounts", "0002_login_lockout_cache_table") in applied
    assert settings.CACHES["default"]["LOCATION"] in connection.introspection.table_names()
