"""What sharing keeps: the patient's edits to the emergency summary, when it was last
reviewed, and share links (only a hash of each link's secret, never the secret)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    """The emergency summary's sections, in the order they are printed."""

    ALLERGIES = "allergies", _("Allergies")
    PROBLEMS = "problems", _("Active problems")
    MEDICATIONS = "medications", _("Current medications")
    IMMUNIZATIONS = "immunizations", _("Immunizations")
    DEVICES = "devices", _("Implanted devices")
    BLOOD_TYPE = "blood_type", _("Blood type")
    ADVANCE_DIRECTIVE = "advance_directive", _("Advance directive")
    CONTACTS = "contacts", _("Emergency contacts")
    CARE_TEAM = "care_team", _("Care team")


class SummaryEdit(models.Model):
    """The patient's word on one summary item: leave an entry out, correct it, or add an
    item by hand (patient-reported)."""

    class Action(models.TextChoices):
        REMOVE = "remove", _("left out")
        CORRECT = "correct", _("corrected")
        ADD = "add", _("added by hand")

    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE,
                                related_name="summary_edits")
    entry = models.ForeignKey("vault.Entry", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="summary_edits")
    action = models.CharField(max_length=10, choices=Action.choices)
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    title = models.CharField(_("what"), max_length=300, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["patient", "action"], name="sharing_edit_patient")]

    def __str__(self) -> str:
        return f"{self.action} {self.section}"


class SummaryReview(models.Model):
    """When the patient last reviewed the summary: newer records make it stale."""

    patient = models.OneToOneField("patients.Patient", on_delete=models.CASCADE,
                                   related_name="summary_review")
    reviewed_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return f"{self.patient_id} {self.reviewed_at:%Y-%m-%d}"


class ShareLink(models.Model):
    class What(models.TextChoices):
        SUMMARY = "summary", _("Emergency summary")
        PACKET = "packet", _("Packet for a new provider")
        DOCUMENTS = "documents", _("Chosen documents")

    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE,
                                related_name="share_links")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    what = models.CharField(_("what"), max_length=10, choices=What.choices)
    label = models.CharField(_("label"), max_length=80, blank=True)
    document_ids = models.JSONField(default=list, blank=True)
    # SHA-256 of the secret in the link; the secret itself is shown once and never stored.
    token_hash = models.CharField(max_length=64, unique=True)
    passcode_hash = models.CharField(max_length=200, blank=True)
    failed_attempts = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    open_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["patient", "revoked_at"], name="sharing_link_patient")]

    def __str__(self) -> str:
        return f"share link {self.pk}"

    @property
    def has_passcode(self) -> bool:
        return bool(self.passcode_hash)

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now


class ShareOpening(models.Model):
    """Each time a share link was opened (or tried): when, from where, and how it went."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="openings")
    at = models.DateTimeField(auto_now_add=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    outcome = models.CharField(max_length=20)  # opened, wrong passcode, locked, expired, revoked

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.link_id} {self.outcome}"
