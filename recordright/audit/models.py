"""Who looked at which patient's data, and when.

Entries name the action and the kind and id of the object, never its content,
so the audit log itself holds no health information.
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

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                             related_name="audit_entries")
    # Kept as text too, so the entry still says who it was after the account is deleted.
    user_label = models.CharField(max_length=254)
    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE,
                                related_name="audit_entries")
    action = models.CharField(max_length=20, choices=Action.choices)
    what = models.CharField(max_length=100, help_text="A label for the kind of data, no content.")
    object_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["patient", "-at"], name="audit_patient_at")]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_label} {self.action} {self.what}"
