"""Patients, the people who may act for them, and invitations to join them."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recordright.filestore.fields import EncryptedFileField
from recordright.patients.search import patient_search_key


class Patient(models.Model):
    full_name = models.CharField(_("full name"), max_length=200)
    former_names = models.CharField(
        _("former names"), max_length=300, blank=True,
        help_text=_("Maiden or other earlier names a records office might file under."))
    # Required on the web; a patient added from the command line may not have it yet
    # (letters then ask for it).
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=False)
    date_of_death = models.DateField(_("date of death"), null=True, blank=True)
    address = models.TextField(_("mailing address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True,
                             help_text=_("Two-letter code of the state where the patient lives."))
    is_demo = models.BooleanField(default=False)
    # Archived: out of every list, the dashboard and reminders, until restored.
    archived_at = models.DateTimeField(null=True, blank=True)
    # The names without accents, casefolded (patients.search): kept in step on every save.
    search_name = models.CharField(max_length=600, blank=True, editable=False, db_default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["full_name", "id"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_name = patient_search_key(self.full_name, self.former_names)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"full_name", "former_names"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    @property
    def is_deceased(self) -> bool:
        return self.date_of_death is not None

    def age_on(self, day: date) -> int | None:
        born = self.date_of_birth
        if born is None:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def is_minor(self) -> bool:
        age = self.age_on(timezone.localdate())
        return age is not None and age < 18


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Can view and edit")
    VIEWER = "viewer", _("Can view")


# What each role may do, in a sentence (the invitation form and its email explain it).
ROLE_DESCRIPTIONS = {
    Role.OWNER: _("Manages the patient and who may help."),
    Role.EDITOR: _("May ask for records, record what happened and add documents."),
    Role.VIEWER: _("May look at everything, but change nothing."),
}


class Relationship(models.TextChoices):
    SELF = "self", _("This is me")
    CHILD = "child", _("My child")
    PARENT = "parent", _("My parent")
    SPOUSE = "spouse", _("My spouse or partner")
    RELATIVE = "relative", _("Another relative")
    CLIENT = "client", _("My client")
    OTHER = "other", _("Other")


# The same relationships worded for someone else: who the invited person is to the patient.
# (A link stores what the patient is to its user, so "the patient's parent" is CHILD.)
INVITEE_RELATIONSHIPS = [
    (Relationship.CHILD, _("The patient's parent or guardian")),
    (Relationship.PARENT, _("The patient's son or daughter")),
    (Relationship.SPOUSE, _("The patient's spouse or partner")),
    (Relationship.RELATIVE, _("Another relative")),
    (Relationship.CLIENT, _("An advocate or lawyer helping the patient")),
    (Relationship.SELF, _("The patient themself")),
    (Relationship.OTHER, _("Someone else (a friend, a neighbour)")),
]
class Kin(models.TextChoices):
    """The word a letter uses for the patient ("my son", "my late father"); blank: none."""

    NOT_SAID = "", _("I'd rather not say (the letter uses the patient's name only)")
    SON = "son", _("Son")
    DAUGHTER = "daughter", _("Daughter")
    CHILD = "child", _("Child")
    FATHER = "father", _("Father")
    MOTHER = "mother", _("Mother")
    PARENT = "parent", _("Parent")
    HUSBAND = "husband", _("Husband")
    WIFE = "wife", _("Wife")
    SPOUSE = "spouse", _("Spouse")
    PARTNER = "partner", _("Partner")
    BROTHER = "brother", _("Brother")
    SISTER = "sister", _("Sister")
    GRANDFATHER = "grandfather", _("Grandfather")
    GRANDMOTHER = "grandmother", _("Grandmother")
    GRANDCHILD = "grandchild", _("Grandchild")


class LegalBasis(models.TextChoices):
    """Why this person may ask for the records (45 CFR 164.502(g))."""

    SELF = "self", _("I am the patient")
    PARENT_OF_MINOR = "parent_of_minor", _("Parent or guardian of a minor")
    GUARDIAN = "guardian", _("Court-appointed guardian")
    HEALTH_CARE_AGENT = "health_care_agent", _("Health care power of attorney (agent)")
    EXECUTOR = "executor", _("Executor or administrator of the estate")
    AUTHORIZATION = "authorization", _("Helping with the patient's written authorization")
    NONE = "none", _("No legal authority (can only help)")

    @classmethod
    def personal_representative_bases(cls) -> set[str]:
        return {cls.PARENT_OF_MINOR, cls.GUARDIAN, cls.HEALTH_CARE_AGENT, cls.EXECUTOR}


# Which document shows the authority, for letters and for the records office.
AUTHORITY_DOCUMENT_NAMES = {
    LegalBasis.PARENT_OF_MINOR: _("birth certificate or custody order"),
    LegalBasis.GUARDIAN: _("letters of guardianship"),
    LegalBasis.HEALTH_CARE_AGENT: _("health care power of attorney"),
    LegalBasis.EXECUTOR: _("letters testamentary or of administration, and the death certificate"),
    LegalBasis.AUTHORIZATION: _("HIPAA authorization signed by the patient"),
}


def authority_upload_path(instance: PatientAccess, filename: str) -> str:
    return f"authority/{instance.patient_id}/{filename}"


class PatientAccess(models.Model):
    """One user's link to one patient: the role in the app and the legal basis outside it."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="access")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="patient_access")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    relationship = models.CharField(_("relationship"), max_length=20,
                                    choices=Relationship.choices, default=Relationship.OTHER)
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis.choices,
                                   default=LegalBasis.NONE)
    kin = models.CharField(_("what the patient is to you, in a letter"), max_length=20,
                           choices=Kin.choices, blank=True, default="", db_default="")
    authority_document = EncryptedFileField(
        _("document showing your authority"), upload_to=authority_upload_path, blank=True,
        sha256_field="authority_document_sha256")
    authority_document_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    authority_document_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["patient", "user"],
                                               name="one_access_per_user_and_patient")]
        indexes = [models.Index(fields=["user", "patient"], name="access_user_patient")]

    def __str__(self) -> str:
        return f"{self.user} → {self.patient} ({self.role})"

    @property
    def can_edit(self) -> bool:
        return self.role in (Role.OWNER, Role.EDITOR)

    @property
    def can_manage(self) -> bool:
        return self.role == Role.OWNER

    @property
    def is_personal_representative(self) -> bool:
        return self.legal_basis in LegalBasis.personal_representative_bases()


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An invitation to act for a patient. Only a hash of the token is stored."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("their email address"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    relationship = models.CharField(max_length=20, choices=Relationship.choices,
                                    default=Relationship.OTHER)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    VALID_FOR = timedelta(days=14)

    def __str__(self) -> str:
        return f"{self.email} → {self.patient}"

    @classmethod
    def issue(cls, *, patient: Patient, email: str, role: str, invited_by,
              relationship: str = Relationship.OTHER) -> tuple[Invitation, str]:
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            patient=patient, email=email.lower(), role=role, relationship=relationship,
            token_hash=_hash_token(token), invited_by=invited_by,
            expires_at=timezone.now() + cls.VALID_FOR)
        return invitation, token

    @classmethod
    def find_open(cls, token: str) -> Invitation | None:
        return (cls.objects.filter(token_hash=_hash_token(token), accepted_at__isnull=True,
                                   expires_at__gt=timezone.now())
                .select_related("patient").first())


def kept_file_path(instance: KeptFile, filename: str) -> str:
    return f"kept/{instance.patient_id}/{filename}"


class KeptFile(models.Model):
    """A file the user chose to keep when they deleted what it was attached to (a timeline
    entry's evidence): the same stored file, now named by this row, listed with the patient."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="kept_files")
    file = EncryptedFileField(upload_to=kept_file_path, sha256_field="file_sha256")
    file_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    name = models.CharField(max_length=200)
    # Where it came from, in plain words ("Records arrived, March 3, 2026 — Springfield
    # Clinic"), written when it was kept.
    came_from = models.CharField(max_length=300, blank=True)
    kept_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    kept_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-kept_at", "-id"]

    def __str__(self) -> str:
        return self.name
