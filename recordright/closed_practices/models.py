"""A tracked search for the records of a practice that closed, step by step.

The tables keep the names they had when this lived in the directory app: existing
installs keep their data (the first migration renames nothing, it only takes over).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClosedPracticeSearch(models.Model):
    """A tracked search for the records of a practice that closed."""

    class Reason(models.TextChoices):
        DEACTIVATED = "deactivated", _("The NPI was deactivated")
        RETIRED = "retired", _("The doctor retired")
        MOVED = "moved", _("The doctor moved")
        DIED = "died", _("The doctor died")
        SOLD = "sold", _("The practice was sold or merged")
        UNKNOWN = "unknown", _("The practice closed, I don't know why")

    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE,
                                related_name="closed_practice_searches")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    npi = models.CharField(_("NPI"), max_length=10, blank=True)
    doctor_name = models.CharField(_("doctor or practice"), max_length=200)
    credential = models.CharField(max_length=100, blank=True)
    practice_address = models.CharField(_("practice address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    reason = models.CharField(_("what happened"), max_length=20, choices=Reason.choices,
                              default=Reason.UNKNOWN)
    last_seen = models.CharField(_("practised there until"), max_length=40, blank=True,
                                 help_text=_("For example “2015” or “spring 2019”."))
    # The request the search started from: each call note and letter goes on its timeline.
    records_request = models.ForeignKey("requests.RecordsRequest", null=True, blank=True,
                                        on_delete=models.SET_NULL,
                                        related_name="closed_practice_searches")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "directory_closedpracticesearch"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.doctor_name


class ClosedPracticeStep(models.Model):
    class Kind(models.TextChoices):
        SAME_DOCTOR = "same_doctor", _("The same doctor at a newer address")
        SUCCESSOR = "successor", _("The practice's successor or buyer")
        LOCAL_SOCIETY = "local_society", _("The local or county medical society")
        STATE_SOCIETY = "state_society", _("The state medical society or medical board")
        HOSPITAL = "hospital", _("A hospital where the doctor had privileges")

    class Status(models.TextChoices):
        OPEN = "todo", _("To do")
        DONE = "done", _("Found the records")
        NO_ANSWER = "no_answer", _("No answer or not there")

    search = models.ForeignKey(ClosedPracticeSearch, on_delete=models.CASCADE,
                               related_name="steps")
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300)
    npi = models.CharField(max_length=10, blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    address = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    fax = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    notes = models.TextField(_("call notes"), blank=True)
    done_on = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        db_table = "directory_closedpracticestep"
        ordering = ["search", "order", "id"]

    def __str__(self) -> str:
        return self.title
