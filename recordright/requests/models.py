"""A records request to one holder, and the timeline of what happened to it.

The law (deadlines, findings, next steps) is never computed here: ``assessment.py``
turns a request and its events into a rights-engine case. The ``assessment`` and
``agenda_*`` columns only store the engine's last answer so the dashboard can sort
thousands of requests with one indexed query (see ``stored_assessments.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from recordright.filestore.fields import EncryptedFileField
from recordright.requests import choices
from recordright.requests.choices import Urgency

# "Stale" is a date, not NULL, so finding stale answers is one index range.
NEVER_ASSESSED = date(1970, 1, 1)


class RecordsRequest(models.Model):
    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE,
                                related_name="records_requests")
    provider = models.ForeignKey("providers.Provider", on_delete=models.PROTECT,
                                 related_name="records_requests", verbose_name=_("from"))
    right = models.CharField(_("what do you want to do?"), max_length=20,
                             choices=choices.Right.choices, default=choices.Right.ACCESS)
    # What records
    all_records = models.BooleanField(_("everything they keep about the patient"), default=True)
    record_types = models.JSONField(_("only these records"), default=list, blank=True)
    date_from = models.DateField(_("from"), null=True, blank=True)
    date_to = models.DateField(_("to"), null=True, blank=True)
    condition = models.CharField(_("about a condition or event"), max_length=300, blank=True)
    # Form, format and delivery
    copy = models.CharField(_("what kind of copy?"), max_length=20, choices=choices.Copy.choices,
                            default=choices.Copy.ELECTRONIC)
    electronic_format = models.CharField(_("electronic format"), max_length=20, blank=True,
                                         choices=choices.ElectronicFormat.choices)
    kept_electronically = models.CharField(
        _("does the office keep the records electronically?"), max_length=10,
        choices=choices.KeptElectronically.choices, default=choices.KeptElectronically.UNKNOWN)
    delivery = models.CharField(_("how should they deliver it?"), max_length=20,
                                choices=choices.Delivery.choices, default=choices.Delivery.PORTAL)
    delivery_detail = models.CharField(_("where to deliver"), max_length=300, blank=True)
    unencrypted_email_accepted = models.BooleanField(default=False)
    send_to = models.CharField(_("who gets the copy?"), max_length=20,
                               choices=choices.SendTo.choices, default=choices.SendTo.SELF)
    third_party_name = models.CharField(_("their name"), max_length=200, blank=True)
    third_party_address = models.TextField(_("their address"), blank=True)
    third_party_email = models.EmailField(_("their email"), blank=True)
    state = models.CharField(_("state whose law also applies"), max_length=2, blank=True)
    # Amendment and accounting
    amendment_what = models.TextField(_("what is wrong"), blank=True)
    amendment_why = models.TextField(_("why it is wrong, and what it should say"), blank=True)
    accounting_from = models.DateField(_("disclosures from"), null=True, blank=True)
    accounting_to = models.DateField(_("disclosures to"), null=True, blank=True)
    reference = models.CharField(_("their reference number"), max_length=100, blank=True)
    # In what capacity the request was made: the creator's legal basis at the time.
    requester_basis = models.CharField(max_length=30, blank=True)
    records_checked_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Archived: out of the patient's list, the dashboard and reminders, until restored.
    archived_at = models.DateTimeField(null=True, blank=True)
    # The engine's last answer, valid for ``assessed_on`` and inputs hashing to ``assessment_hash``.
    assessment = models.JSONField(null=True, blank=True)
    assessment_hash = models.CharField(max_length=64, blank=True)
    assessed_on = models.DateField(default=NEVER_ASSESSED)
    agenda_urgency = models.PositiveSmallIntegerField(default=Urgency.WAITING)
    agenda_due = models.DateField(null=True, blank=True)
    agenda_items = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["patient", "-created_at"], name="request_patient_created"),
            # Cover the dashboard's queries so they never read the (large) rows they skip.
            models.Index(fields=["patient", "agenda_urgency", "agenda_due"],
                         name="request_agenda"),
            models.Index(fields=["patient", "assessed_on"], name="request_assessed_on"),
        ]

    def __str__(self) -> str:
        return f"{self.get_right_display()} — {self.provider}"

    def get_absolute_url(self) -> str:
        return reverse("requests:detail", args=[self.pk])

    @property
    def is_third_party(self) -> bool:
        return self.send_to == choices.SendTo.THIRD_PARTY

    @property
    def status(self) -> str:
        return (self.assessment or {}).get("status", "draft")

    @property
    def status_label(self) -> str:
        return choices.status_label(self.status)

    @property
    def record_types_label(self) -> str:
        return choices.record_types_label(self.record_types)


def evidence_upload_path(instance: RequestEvent, filename: str) -> str:
    return f"evidence/{instance.request.patient_id}/{filename}"


class CountedEvents(models.Manager):
    """The timeline as the engine and every page read it: undone entries left out."""

    def get_queryset(self):
        return super().get_queryset().filter(undone_at__isnull=True)


class RequestEvent(models.Model):
    request = models.ForeignKey(RecordsRequest, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(_("what happened"), max_length=30, choices=choices.EventType.choices)
    on = models.DateField(_("on"))
    # The facts the rights engine reads for this type, in the case format's names.
    facts = models.JSONField(default=dict, blank=True)
    text = models.TextField(_("details: who said what"), blank=True)
    channel = models.CharField(_("how"), max_length=20, blank=True,
                               choices=choices.Channel.choices)
    tracking_number = models.CharField(_("certified-mail or tracking number"), max_length=60,
                                       blank=True)
    email_sent_at = models.DateTimeField(_("email sent at"), null=True, blank=True)
    fax_confirmation = models.CharField(_("fax confirmation"), max_length=200, blank=True)
    letter_kind = models.CharField(max_length=40, blank=True)
    evidence = EncryptedFileField(_("evidence (scan, photo, email)"),
                                  upload_to=evidence_upload_path, blank=True,
                                  sha256_field="evidence_sha256")
    evidence_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    evidence_name = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Undone: recorded by mistake. Kept (with its file) so it can be restored, but no longer
    # part of the timeline: the default manager, and so ``request.events``, leaves it out.
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    objects = CountedEvents()
    with_undone = models.Manager()  # noqa: DJ012 (a second manager, not a field)

    class Meta:
        ordering = ["on", "id"]
        base_manager_name = "with_undone"
        indexes = [models.Index(fields=["request", "on"], name="event_request_on")]

    def __str__(self) -> str:
        return f"{self.on} {self.get_type_display()}"


def in_timeline_order(events: Iterable[RequestEvent]) -> list[RequestEvent]:
    """The one order of a timeline (as ``Meta.ordering``): by date, then as entered."""
    return sorted(events, key=lambda event: (event.on, event.pk or 0))
