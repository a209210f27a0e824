"""Reminder preferences, the record of what was sent, and calendar feed tokens.

Only a SHA-256 hash of a calendar feed token is stored: the token itself is shown
once, when it is made, like an API key.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_DAYS_BEFORE = 3


class ReminderSettings(models.Model):
    """A user's reminder preferences. A user without a row gets the defaults."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="reminder_settings")
    email_enabled = models.BooleanField(
        _("Email me when something is due"), default=True,
        help_text=_("One email on a day when something is overdue, due soon or new."))
    days_before = models.PositiveSmallIntegerField(
        _("Days before a deadline"), default=DEFAULT_DAYS_BEFORE,
        validators=[MinValueValidator(0), MaxValueValidator(30)],
        help_text=_("How many days ahead to remind you of a deadline (0 to 30)."))
    # The stable ids of the actions known at the last run, so the next run can tell
    # which ones are new. Ids only ("request-12-send"): no names, no health data.
    known_uids = models.JSONField(default=list, blank=True)
    known_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "reminder settings"

    def __str__(self) -> str:
        return f"reminders for {self.user}"

    @classmethod
    def for_user(cls, user) -> ReminderSettings:
        """The user's settings, unsaved defaults if they never changed them."""
        found = cls.objects.filter(user=user).first()
        return found or cls(user=user)


class ReminderSent(models.Model):
    """One reminder email per user per day: the unique constraint is the idempotency key."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="reminders_sent")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    item_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"],
                                               name="one_reminder_per_user_and_day")]

    def __str__(self) -> str:
        return f"{self.user} {self.day}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    """A secret feed URL for calendar apps. At most one active feed per user."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="calendar_feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["user"], condition=models.Q(revoked_at__isnull=True),
            name="one_active_calendar_feed_per_user")]

    def __str__(self) -> str:
        return f"calendar feed {self.pk} of {self.user}"

    @classmethod
    def active_for(cls, user) -> CalendarFeed | None:
        return cls.objects.filter(user=user, revoked_at__isnull=True).first()

    @classmethod
    def issue(cls, user) -> tuple[CalendarFeed, str]:
        """Revoke the user's active feed, if any, and make a new one. Returns (feed, token)."""
        token = secrets.token_urlsafe(32)
        for attempt in range(3):
            try:
                with transaction.atomic():
                    cls.revoke_all(user)
                    return cls.objects.create(user=user, token_hash=hash_token(token)), token
            except IntegrityError:  # a double click made another feed at the same moment
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    @classmethod
    def revoke_all(cls, user) -> int:
        return cls.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now())

    @classmethod
    def find_active(cls, token: str) -> CalendarFeed | None:
        # Looking up the hash, not the token, means no comparison leaks how much of a
        # guessed token was right.
        return (cls.objects.filter(token_hash=hash_token(token), revoked_at__isnull=True,
                                   user__is_active=True)
                .select_related("user").first())


class CalendarFeedAudit(models.Model):
    """Which patients a feed has already been audited for today (one entry per day)."""

    feed = models.ForeignKey(CalendarFeed, on_delete=models.CASCADE, related_name="audits")
    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["feed", "patient", "day"],
                                               name="one_feed_audit_per_patient_and_day")]

    def __str__(self) -> str:
        return f"feed {self.feed_id} patient {self.patient_id} {self.day}"
