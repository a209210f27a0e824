"""The functions every view calls when it shows or hands out patient data, and the
account events (sign-in, refusals, security changes) that the audit log records."""

from __future__ import annotations

from django.db import models, transaction
from django.utils import timezone

from recordright.audit import chain
from recordright.audit.models import AuditChainHead, AuditEntry

WHAT_MAX = AuditEntry._meta.get_field("what").max_length


def _label(user) -> str:
    if getattr(user, "is_authenticated", False):
        return user.email or f"account {user.pk}"
    return "anonymous" if user is not None else "system"


def record(user, patient, action: str, what: str, obj: models.Model | None = None, *,
           object_id: str = "", address: str = "", label: str | None = None,
           patient_id: int | None = None, account=None) -> AuditEntry:
    """Append one entry to the chain. ``user`` may be None (the system) or anonymous;
    ``account`` names the account concerned when it is not the one acting (a failed
    sign-in to it)."""
    account = account or (user if getattr(user, "is_authenticated", False) else None)
    return append(
        user_id=account.pk if account else None,
        user_label=label if label is not None else _label(user),
        patient_id=patient.pk if patient is not None else patient_id,
        action=action, what=what[:WHAT_MAX],
        object_id=str(obj.pk) if obj is not None else object_id, address=address)


@transaction.atomic
def append(*, user_id: int | None, user_label: str, patient_id: int | None, action: str,
           what: str, object_id: str = "", address: str = "") -> AuditEntry:
    # The head row is the lock: concurrent writers (gunicorn workers) take turns, so each
    # entry links to the one written just before it.
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head, _created = AuditChainHead.objects.get_or_create(
            pk=1, defaults={"last_seq": 0, "last_hash": chain.GENESIS})
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    at = timezone.now()
    fields = chain.entry_fields(seq=head.last_seq + 1, at=at, user_id=user_id,
                                user_label=user_label[:254], patient_id=patient_id,
                                action=action, what=what, object_id=object_id[:64],
                                address=address[:45])
    entry_hash = chain.digest(head.last_hash, fields)
    entry = AuditEntry.objects.create(
        seq=fields["seq"], at=at, user_id=user_id, user_label=fields["label"],
        patient_id=patient_id, action=action, what=what, object_id=fields["object"],
        address=fields["address"], prev_hash=head.last_hash, hash=entry_hash)
    head.last_seq, head.last_hash = entry.seq, entry_hash
    head.save(update_fields=["last_seq", "last_hash"])
    return entry


def verify() -> list[chain.Problem]:
    """Walk the whole log in chain order; an empty list means nothing was edited or removed."""
    head = AuditChainHead.objects.filter(pk=1).first()
    entries = AuditEntry.objects.order_by("seq").iterator(chunk_size=2000)
    return chain.verify(entries, head.last_seq if head else 0,
                        head.last_hash if head else chain.GENESIS)
