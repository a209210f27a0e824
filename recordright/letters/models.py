"""A user's signature for letters: a typed name, and optionally a drawn image."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recordright.filestore.fields import EncryptedFileField


def signature_upload_path(instance: Signature, filename: str) -> str:
    return f"signatures/{instance.user_id}/{filename}"


def id_copy_upload_path(instance: Signature, filename: str) -> str:
    return f"identity/{instance.user_id}/{filename}"


class Signature(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="letter_signature")
    typed_name = models.CharField(_("your name as you sign it"), max_length=200)
    # A PNG, encrypted at rest like every other file a user gives us.
    drawing = EncryptedFileField(_("drawn signature"), upload_to=signature_upload_path,
                                 blank=True, sha256_field="drawing_sha256")
    drawing_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    # An optional copy of the signer's photo ID, printed as the last page of a request letter
    # (45 CFR 164.514(h): the office may verify identity; the copy saves a round trip).
    id_copy = EncryptedFileField(_("copy of your ID"), upload_to=id_copy_upload_path,
                                 blank=True, sha256_field="id_copy_sha256", db_default="")
    id_copy_sha256 = models.CharField(max_length=64, blank=True, editable=False, default="",
                                      db_default="")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.typed_name
