"""The national NPI directory (from CMS NPPES): public data, imported and searched.

The directory tables have no foreign keys on purpose: a full import loads fresh
copies of them under staging names and swaps them in at the end (see
``recordright.directory.staging``), which must not be blocked by constraints.
"""

from __future__ import annotations

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
