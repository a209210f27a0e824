"""The one function every view calls when it shows or hands out patient data."""

from __future__ import annotations

from django.db import models

from recordright.audit.models import AuditEntry


def record(user, patient, action: str, what: str, obj: models.Model | None = None) -> AuditEntry:
    return AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        user_label=getattr(user, "email", "") or "system",
        patient=patient,
        action=action,
        what=what,
        object_id=str(obj.pk) if obj is not None else "",
    )
