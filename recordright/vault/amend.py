"""A wrong entry becomes an amendment request (45 CFR 164.526), prefilled from the entry
and the document it came from, and tracked like any other request."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from recordright.providers.models import Provider
from recordright.requests.choices import Right
from recordright.requests.models import RecordsRequest
from recordright.vault.gaps import us_date
from recordright.vault.models import Entry
from recordright.web.once import OnceFormMixin


def describe(entry: Entry) -> str:
    """What the record says, in words the records office can find it by."""
    document = entry.document
    lines = [f"{entry.get_category_display()}: “{entry.title}”"
             + (f" dated {us_date(entry.date)}" if entry.date else "") + "."]
    if entry.value_text:
        lines.append(f"It records the value {entry.value_text} {entry.unit}".rstrip() + ".")
    if entry.status:
        lines.append(f"It is recorded as {entry.status}.")
    source = f"It appears in the document “{document.title or document.original_name}”"
    if document.date:
        source += f" of {us_date(document.date)}"
    lines.append(source + (f", from {entry.provider}." if entry.provider else "."))
    return " ".join(lines)


def source_provider(entry: Entry) -> Provider | None:
    document = entry.document
    if document.provider_id:
        return document.provider
    if document.request_id:
        return document.request.provider
    return None


class AmendForm(OnceFormMixin, forms.Form):
    provider = forms.ModelChoiceField(queryset=None, label=_("Who keeps this record"),
                                      empty_label=None)
    what = forms.CharField(label=_("What the record says"), widget=forms.Textarea(
        attrs={"rows": 4}), max_length=4000)
    right = forms.CharField(label=_("What is right, and why"), widget=forms.Textarea(
        attrs={"rows": 4}), max_length=4000, help_text=_(
        "For example: “I have never been allergic to penicillin; this belongs to another "
        "patient.”"))

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = patient.providers.order_by("name")


def create_request(entry: Entry, data: dict, user, requester_basis: str) -> RecordsRequest:
    what = data["what"].strip()
    return RecordsRequest.objects.create(
        patient=entry.patient, provider=data["provider"], right=Right.AMENDMENT,
        all_records=False, amendment_what=what, amendment_why=data["right"].strip(),
        created_by=user, requester_basis=requester_basis)
