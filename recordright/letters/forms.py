"""The signature form: a typed name (enough on its own) and an optional drawing."""

from __future__ import annotations

import base64
import binascii

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from recordright.letters.attachments import problem_with
from recordright.letters.signatures import clean_drawing, max_signature_bytes

DATA_URL_PREFIX = "data:image/png;base64,"


class SignatureForm(forms.Form):
    typed_name = forms.CharField(
        label=_("Your name as you sign it"), max_length=200,
        help_text=_("This typed name signs your letters. Drawing is optional."),
        widget=forms.TextInput(attrs={"autocomplete": "name",
                                     "aria-describedby": "typed-name-help"}))
    drawing_data = forms.CharField(required=False, widget=forms.HiddenInput)
    drawing_file = forms.FileField(
        label=_("Or upload a picture of your signature (PNG or JPEG)"), required=False,
        help_text=_("For example a photo of your signature on white paper."))
    remove_drawing = forms.BooleanField(label=_("Remove my drawn signature"), required=False)
    id_copy = forms.FileField(
        label=_("A copy of your photo ID (optional)"), required=False,
        help_text=_("A PDF, or a scan or photo as JPEG or PNG, of a driver's license or "
                    "another photo ID. It is stored encrypted and added as the last page of "
                    "your request letters, so the records office can check who you are "
                    "without writing back."))
    remove_id_copy = forms.BooleanField(label=_("Remove my ID copy"), required=False)

    def clean_typed_name(self) -> str:
        name = " ".join(self.cleaned_data["typed_name"].split())
        if not name:
            raise ValidationError(_("Type your name."))
        return name

    def clean_drawing_data(self) -> bytes | None:
        value = self.cleaned_data.get("drawing_data", "")
        if not value:
            return None
        if not value.startswith(DATA_URL_PREFIX):
            raise ValidationError(_("The drawing could not be read. Please draw it again."))
        encoded = value[len(DATA_URL_PREFIX):]
        # Reject by length before decoding: base64 is 4 characters for every 3 bytes.
        if len(encoded) * 3 // 4 > max_signature_bytes():
            raise ValidationError(_("The drawing is too large. Please clear it and draw it "
                                    "again, smaller."))
        try:
            raw = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValidationError(_("The drawing could not be read. Please draw it "
                                    "again.")) from exc
        return clean_drawing(raw)

    def clean_drawing_file(self) -> bytes | None:
        upload = self.cleaned_data.get("drawing_file")
        if not upload:
            return None
        if upload.size > max_signature_bytes():
            raise ValidationError(_("The picture is too large (up to %(kb)s KB). Try a "
                                    "smaller photo or crop it to the signature.")
                                  % {"kb": max_signature_bytes() // 1024})
        return clean_drawing(upload.read())

    def clean_id_copy(self):
        upload = self.cleaned_data.get("id_copy")
        if not upload:
            return None
        limit = getattr(upload, "limit", settings.MAX_UPLOAD_BYTES)
        if getattr(upload, "refused", False) or upload.size > limit:
            raise ValidationError(_("This file is too large. Files up to %(limit)s MB can be "
                                    "stored; try a smaller scan or photo.")
                                  % {"limit": max(1, limit // (1024 * 1024))})
        problem = problem_with(upload.read())
        upload.seek(0)
        if problem:
            raise ValidationError(problem)
        return upload

    def drawing(self) -> bytes | None:
        """The new drawing to store (an upload wins over the canvas), or None."""
        return self.cleaned_data.get("drawing_file") or self.cleaned_data.get("drawing_data")
