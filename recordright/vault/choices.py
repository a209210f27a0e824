"""The closed vocabularies of the vault, in plain language."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from recordright.vault.parsed import CATEGORIES


class Kind(models.TextChoices):
    """What a file is, recognised by its content (the CLI's "kind")."""

    FHIR = "fhir", _("FHIR data")
    CCDA = "ccda", _("C-CDA summary")
    PDF = "pdf", _("PDF document")
    IMAGE = "image", _("Picture of a page")
    TEXT = "text", _("Text")
    ZIP = "zip", _("ZIP archive")
    OTHER = "other", _("Other file")


class Arrival(models.TextChoices):
    """How a file came into the vault."""

    UPLOAD = "upload", _("Uploaded on the web")
    CLI = "cli", _("Imported from the command line")
    ARCHIVE = "archive", _("Inside a ZIP archive")
    EMBEDDED = "embedded", _("Inside another document")


class Status(models.TextChoices):
    PROCESSING = "processing", _("Being read")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be read")


class Category(models.TextChoices):
    PROBLEMS = "problems", _("Problems")
    MEDICATIONS = "medications", _("Medications")
    ALLERGIES = "allergies", _("Allergies")
    IMMUNIZATIONS = "immunizations", _("Immunizations")
    RESULTS = "results", _("Lab results")
    VITALS = "vitals", _("Vital signs")
    ENCOUNTERS = "encounters", _("Visits")
    PROCEDURES = "procedures", _("Procedures")
    NOTES = "notes", _("Notes")


assert tuple(Category.values) == CATEGORIES, "vault.parsed.CATEGORIES and Category must agree"
