"""The places a patient asks for records: practices, hospitals, labs, health plans."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recordright.filestore.fields import EncryptedFileField


class HolderType(models.TextChoices):
    """The same values as the rights engine's ``holder.type``."""

    PROVIDER = "provider", _("Doctor or practice")
    HOSPITAL = "hospital", _("Hospital or health system")
    CLINICAL_LAB = "clinical_lab", _("Laboratory")
    HEALTH_PLAN = "health_plan", _("Health plan or insurer")
    PHARMACY = "pharmacy", _("Pharmacy")
    CORRECTIONAL = "correctional", _("Correctional facility")
    OTHER = "other", _("Other")


class Provider(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="providers")
    name = models.CharField(_("name"), max_length=200)
    holder_type = models.CharField(_("type"), max_length=20, choices=HolderType.choices,
                                   default=HolderType.PROVIDER)
    records_office = models.CharField(
        _("records office or contact"), max_length=200, blank=True,
        help_text=_("For example “Health Information Management” or “Release of Information”."))
    address = models.TextField(_("records-office mailing address"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    fax = models.CharField(_("fax"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    portal_url = models.URLField(_("patient portal"), blank=True)
    npi = models.CharField(_("NPI"), max_length=10, blank=True, db_index=True)
    # The organization that actually holds the records (a hospital, a group practice).
    records_holder = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="members",
                                       verbose_name=_("organization that holds the records"))
    notes = models.TextField(_("notes"), blank=True)
    # The patients seen here: "request from all of this patient's providers" asks these.
    patients = models.ManyToManyField("patients.Patient", blank=True, related_name="providers",
                                      verbose_name=_("patients seen here"))
    is_demo = models.BooleanField(default=False)
    # Archived: out of the lists and the request form, until restored.
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["owner", "name"], name="provider_owner_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def mailing_lines(self) -> list[str]:
        lines = [self.name]
        if self.records_office:
            lines.append(self.records_office)
        lines.extend(line for line in self.address.splitlines() if line.strip())
        city_line = " ".join(part for part in [f"{self.city}," if self.city else "",
                                               self.state, self.zip_code] if part)
        if city_line.strip(", "):
            lines.append(city_line.strip())
        return lines

    @property
    def has_address(self) -> bool:
        return bool(self.address.strip())


def office_form_upload_path(instance: OfficeForm, filename: str) -> str:
    return f"office_forms/{instance.provider_id}/{filename}"


class OfficeForm(models.Model):
    """A records office's own request form, kept with the provider so every patient of that
    office gets it filled in with their request. Stored encrypted, like every file."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="office_forms")
    name = models.CharField(_("file name"), max_length=200)
    document = EncryptedFileField(_("the office's form (PDF)"), upload_to=office_form_upload_path,
                                  sha256_field="document_sha256")
    document_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    pages = models.PositiveSmallIntegerField(default=1)
    field_count = models.PositiveSmallIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def fillable(self) -> bool:
        return self.field_count > 0

    def read(self) -> bytes:
        with self.document.open("rb") as handle:
            return handle.read()
