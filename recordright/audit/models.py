"""Who did what to which patient's data, and every sign-in, sign-out and refusal.

Entries name the action and the kind and id of the object, never its content, so the audit
log itself holds no health information. They outlive the patient and the account (no
cascade: the ids stay, and ``user_label`` keeps the email the account had at the time), and
each is chained to the one before by a SHA-256 hash (recordright.audit.chain), so an edited
or removed entry shows in ``recordright audit verify``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        DOWNLOAD = "download", _("downloaded")
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        SHARE = "share", _("shared access")
        REVOKE = "revoke", _("removed access")
        SEND = "send", _("sent")
        EXPORT = "export", _("exported")
        REFUSED = "refused", _("was refused access to")
        LOGIN = "login", _("signed in")
        LOGIN_FAILED = "login_failed", _("failed to sign in")
        LOCKED = "locked", _("sign-in paused after failed attempts")
        LOGOUT = "logout", _("signed out")
        EMAIL = "email", _("changed email addresses")
        PASSWORD = "password", _("changed the password")
        TWO_FACTOR = "two_factor", _("changed two-factor sign-in")

    # Position in the hash chain: 1, 2, 3... with no gaps.
    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    # No database constraint and no cascade: the account id stays after the account is gone.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.DO_NOTHING, db_constraint=False,
                             related_name="audit_entries")
    # The email the account had at the time (or "system", "anonymous", "unknown account").
    user_label = models.CharField(max_length=254)
    # Kept when the patient is deleted: the id still says whose records they were.
    patient = models.ForeignKey("patients.Patient", null=True, blank=True,
                                on_delete=models.DO_NOTHING, db_constraint=False,
                                related_name="audit_entries")
    action = models.CharField(max_length=20, choices=Action.choices)
    what = models.CharField(max_length=100, help_text="A label for the kind of data, no content.")
    object_id = models.CharField(max_length=64, blank=True)
    # The client's network address, for sign-ins and refusals.
    address = models.CharField(max_length=45, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["patient", "-at"], name="audit_patient_at")]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_label} {self.action} {self.what}"


class AuditChainHead(models.Model):
    """The single row that says where the chain ends: a removed last entry shows too.

    Writers lock this row (SELECT ... FOR UPDATE on PostgreSQL; SQLite serialises writes),
    so web workers append one at a time and the chain never forks.
    """

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"audit chain at {self.last_seq}"
