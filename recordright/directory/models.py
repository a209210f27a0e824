"""The national NPI directory (from CMS NPPES) and the closed-practice guide.

The directory tables have no foreign keys on purpose: a full import loads fresh
copies of them under staging names and swaps them in at the end (see
``recordright.directory.staging``), which must not be blocked by constraints.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NpiField(models.BigIntegerField):
    """The NPI as the primary key. On SQLite an ``integer`` primary key is the rowid,
    so the table is stored in NPI order and the full-text index keys on the same number."""

    def db_type(self, connection):
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)


class Taxonomy(models.Model):
    """A NUCC health care provider taxonomy code, imported from the NUCC CSV."""

    code = models.CharField(max_length=10, primary_key=True)
    grouping = models.CharField(max_length=200, blank=True)
    classification = models.CharField(max_length=200, blank=True)
    specialization = models.CharField(max_length=200, blank=True)
    display_name = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.code} {self.display_name or self.classification}"


class NpiRecord(models.Model):
    class Entity(models.IntegerChoices):
        INDIVIDUAL = 1, _("Individual")
        ORGANIZATION = 2, _("Organization")

    npi = NpiField(primary_key=True)
    entity_type = models.SmallIntegerField(null=True, choices=Entity.choices)
    replacement_npi = models.CharField(max_length=10, blank=True)
    org_name = models.CharField(max_length=200, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    first_name = models.CharField(max_length=100, blank=True)
    middle_name = models.CharField(max_length=100, blank=True)
    name_prefix = models.CharField(max_length=20, blank=True)
    name_suffix = models.CharField(max_length=20, blank=True)
    credential = models.CharField(max_length=100, blank=True)
    other_org_name = models.CharField(max_length=200, blank=True)
    address1 = models.CharField(max_length=100, blank=True)
    address2 = models.CharField(max_length=100, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=40, blank=True)
    zip = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    fax = models.CharField(max_length=20, blank=True)
    enumerated_on = models.DateField(null=True)
    updated_on = models.DateField(null=True)
    deactivated_on = models.DateField(null=True)
    reactivated_on = models.DateField(null=True)
    active = models.BooleanField(default=True)
    primary_taxonomy = models.CharField(max_length=10, blank=True)
    # All taxonomy codes of the record (up to 15), primary first, separated by spaces.
    taxonomy_codes = models.CharField(max_length=200, blank=True)
    # Every name the record is known by, lower-cased, for the full-text indexes.
    search_names = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="npi_person_name"),
            models.Index(fields=["zip"], name="npi_zip"),
            models.Index(fields=["replacement_npi"], name="npi_replacement"),
        ]

    def __str__(self) -> str:
        return f"{self.npi}"


class NpiLocation(models.Model):
    """A secondary practice location (``pl_pfile``)."""

    # Numbered by the loader, not by a sequence: the table is rebuilt on every full import.
    id = models.BigIntegerField(primary_key=True)
    npi = models.BigIntegerField()
    address1 = models.CharField(max_length=100, blank=True)
    address2 = models.CharField(max_length=100, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=40, blank=True)
    zip = models.CharField(max_length=20, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    fax = models.CharField(max_length=20, blank=True)

    class Meta:
        indexes = [models.Index(fields=["npi"], name="npi_location_npi"),
                   models.Index(fields=["zip"], name="npi_location_zip")]

    def __str__(self) -> str:
        return f"{self.npi}: {self.address1}, {self.city}"


class NpiOtherName(models.Model):
    """Another name of an organization (``othername_pfile``): former or trade names."""

    id = models.BigIntegerField(primary_key=True)
    npi = models.BigIntegerField()
    name = models.CharField(max_length=200)
    type_code = models.CharField(max_length=2, blank=True)

    class Meta:
        indexes = [models.Index(fields=["npi"], name="npi_othername_npi")]

    def __str__(self) -> str:
        return self.name


class DirectoryImport(models.Model):
    """One run of ``recordright providers import``: what was loaded, when, and how it ended."""

    class Kind(models.TextChoices):
        FULL = "full", _("Full monthly file")
        WEEKLY = "weekly", _("Weekly update")
        DEACTIVATION = "deactivation", _("Deactivation report")
        TAXONOMY = "taxonomy", _("NUCC taxonomy")

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    source = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    rows = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True)
    # The importing process, so that an import a killed process left "running" can be
    # told from one still at work (see loader.fail_abandoned_imports).
    pid = models.PositiveIntegerField(null=True)
    host = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.source} ({self.status})"


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
        ordering = ["search", "order", "id"]

    def __str__(self) -> str:
        return self.title
