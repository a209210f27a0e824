"""The daily reminder run, shared by ``recordright remind`` and the worker's task.

Idempotent per user per day: a ``ReminderSent`` row is claimed (unique on user and
day) before the email goes out, so the worker and a cron job running the same day
never send twice. If sending fails the claim is released, so a later run retries.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.patients.models import Patient
from recordright.reminders import digest
from recordright.reminders.emails import build_message
from recordright.reminders.models import ReminderSent, ReminderSettings

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    email: str
    status: str  # "sent", "would_send", "nothing_due", "already_sent", "failed", or a skip
    reminders: list[digest.Reminder] = field(default_factory=list)


@dataclass
class RunReport:
    day: date
    dry_run: bool
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    def summary(self) -> dict:
        statuses = sorted({outcome.status for outcome in self.outcomes})
        return {"day": self.day.isoformat(), "dry_run": self.dry_run,
                **{status: self.count(status) for status in statuses}}


def skip_reason(user, explicit: bool = False) -> str | None:
    """Why this user gets no reminder email, or None if they may get one."""
    if not user.is_active:
        return "inactive"
    if not user.email:
        return "no_email"
    if user.is_demo and not explicit:  # demo addresses end in .invalid
        return "demo_account"
    if not ReminderSettings.for_user(user).email_enabled:
        return "reminders_off"
    if not email_is_verified(user):
        return "email_not_verified"
    return None


def email_is_verified(user) -> bool:
    """Patient names go only to an address the user has proven is theirs: a typo at
    sign-up must not send them to a stranger."""
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=user.email,
                                       verified=True).exists()


def recipients(only_email: str | None = None):
    users = get_user_model().objects.filter(is_active=True).exclude(email="").order_by("pk")
    if only_email:
        users = get_user_model().objects.filter(email__iexact=only_email.strip())
    return users


def run_reminders(day: date | None = None, *, dry_run: bool = False,
                  only_email: str | None = None) -> RunReport:
    """Send today's reminder to every user who has something due. See the module doc."""
    day = day or timezone.localdate()
    report = RunReport(day=day, dry_run=dry_run)
    connection = None if dry_run else get_connection()
    try:
        for user in recipients(only_email):
            report.outcomes.append(remind_user(user, day, dry_run=dry_run,
                                               connection=connection,
                                               explicit=only_email is not None))
    finally:
        if connection is not None:
            connection.close()
    return report


def remind_user(user, day: date, *, dry_run: bool = False, connection=None,
                explicit: bool = False) -> Outcome:
    reason = skip_reason(user, explicit)
    if reason:
        return Outcome(user.email, reason)
    if ReminderSent.objects.filter(user=user, day=day).exists():
        return Outcome(user.email, "already_sent")
    prefs = ReminderSettings.for_user(user)
    items = digest.due_items(user, day)
    reminders = digest.reminders_for(items, day, prefs.days_before, prefs.known_uids)
    if dry_run:
        return Outcome(user.email, "would_send" if reminders else "nothing_due", reminders)
    if not reminders:
        remember_known(prefs, items, day)
        return Outcome(user.email, "nothing_due")
    claim = claim_day(user, day, len(reminders))
    if claim is None:
        return Outcome(user.email, "already_sent")
    try:
        build_message(user, reminders, day, connection=connection).send()
    except Exception:  # one bad address or a hiccup must not stop everyone else's reminders
        logger.exception("The reminder email to user %s could not be sent", user.pk)
        claim.delete()
        return Outcome(user.email, "failed", reminders)
    audit_sent(user, reminders, claim)
    remember_known(prefs, items, day)
    return Outcome(user.email, "sent", reminders)


def claim_day(user, day: date, count: int) -> ReminderSent | None:
    try:
        with transaction.atomic():
            return ReminderSent.objects.create(user=user, day=day, item_count=count)
    except IntegrityError:
        return None


def remember_known(prefs: ReminderSettings, items, day: date) -> None:
    """Store which actions exist now, so tomorrow's run can tell the new ones."""
    if prefs.known_on and prefs.known_on > day:  # a run for an earlier date changes nothing
        return
    prefs.known_uids = digest.actionable_uids(items)
    prefs.known_on = day
    prefs.save()


def audit_sent(user, reminders: list[digest.Reminder], claim: ReminderSent) -> None:
    """One audit entry per patient named in the email: their name left the app."""
    patient_ids = {reminder.item.patient_id for reminder in reminders}
    for patient in Patient.objects.filter(pk__in=patient_ids):
        record(user, patient, AuditEntry.Action.SEND, "reminder email", claim)
