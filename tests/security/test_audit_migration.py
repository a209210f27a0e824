"""The migration that chains the audit log keeps and chains the entries written before it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from recordright.audit import log as audit_log

BEFORE = [("audit", "0001_create_audit_entry")]


@pytest.mark.django_db(transaction=True)
def test_existing_entries_are_chained_in_the_order_they_were_written(make_user):
    user = make_user("old@example.org")
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("audit")
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    patient_model = old_apps.get_model("patients", "Patient")
    entry_model = old_apps.get_model("audit", "AuditEntry")
    patient = patient_model.objects.create(full_name="Old Synthetic",
                                           date_of_birth=datetime(1990, 1, 1).date())
    for minute in (3, 1, 2):
        entry = entry_model.objects.create(user_id=user.pk, user_label=user.email,
                                           patient_id=patient.pk, action="view",
                                           what=f"minute {minute}")
        entry_model.objects.filter(pk=entry.pk).update(
            at=datetime(2026, 1, 1, 12, minute, tzinfo=UTC))
    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    from recordright.audit.models import AuditEntry

    entries = list(AuditEntry.objects.order_by("seq"))
    assert [entry.what for entry in entries] == ["minute 1", "minute 2", "minute 3"]
    assert audit_log.verify() == []
    audit_log.record(None, None, AuditEntry.Action.VIEW, "after the migration")
    assert audit_log.verify() == []
