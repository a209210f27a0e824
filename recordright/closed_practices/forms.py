"""Forms of the closed-practice guide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from recordright.closed_practices.models import ClosedPracticeSearch, ClosedPracticeStep
from recordright.providers.models import Provider
from recordright.web.once import OnceFormMixin


class ClosedPracticeForm(OnceFormMixin, forms.ModelForm):
    class Meta:
        model = ClosedPracticeSearch
        fields = ["doctor_name", "npi", "reason", "practice_address", "city", "state",
                  "zip_code", "last_seen"]

    def __init__(self, *args, patients=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["npi"].required = False
        if patients is not None:
            self.fields["patient"] = forms.ModelChoiceField(
                label=_("Whose records?"), queryset=patients, empty_label=None)
            self.order_fields(["patient"])

    def clean_state(self):
        return self.cleaned_data["state"].upper()


class StepForm(forms.ModelForm):
    class Meta:
        model = ClosedPracticeStep
        fields = ["status", "notes", "done_on"]
        widgets = {"done_on": forms.DateInput(attrs={"type": "date"}),
                   "notes": forms.Textarea(attrs={"rows": 3})}


class RecipientForm(forms.ModelForm):
    """Who a step's letter goes to, when the directory did not know (a medical society)."""

    class Meta:
        model = ClosedPracticeStep
        fields = ["contact_name", "address", "phone", "fax"]
        labels = {"contact_name": _("Send the letter to"), "address": _("Their mailing address"),
                  "phone": _("Their phone"), "fax": _("Their fax")}
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].required = True


class FoundHolderForm(forms.ModelForm):
    """Where the records are now: becomes the provider of a new request."""

    class Meta:
        model = Provider
        fields = ["name", "npi", "records_office", "address", "city", "state", "zip_code",
                  "phone", "fax", "email"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"npi": _("If it is in the directory, its address and phone come from "
                               "there.")}

    def clean_state(self):
        return self.cleaned_data["state"].upper()

    def clean_npi(self):
        npi = self.cleaned_data["npi"].strip()
        if npi and not (npi.isdigit() and len(npi) == 10):
            raise forms.ValidationError(_("An NPI has 10 digits."))
        return npi
