"""The upload form: files (several at once) and, optionally, the request they answer."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [file for file in files if file] or super().clean(None)


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        help_text=_("PDFs, scans and photos of pages, C-CDA or FHIR files, ZIP archives: "
                    "several at once."))
    records_request = forms.ModelChoiceField(
        queryset=None, required=False, label=_("These records answer the request to"),
        empty_label=_("No request (records I had already)"))

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["records_request"].queryset = (
            patient.records_requests.select_related("provider").order_by("-created_at"))
        self.fields["records_request"].label_from_instance = (
            lambda req: f"{req.provider.name} ({req.created_at:%b %d, %Y})")
