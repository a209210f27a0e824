"""The provider form: free entry (the directory app adds search of the national NPI file)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from recordright.patients.access import Need, patients_for_user
from recordright.patients.forms import US_STATES
from recordright.providers.models import Provider
from recordright.web.once import OnceFormMixin


class ProviderForm(OnceFormMixin, forms.ModelForm):
    state = forms.ChoiceField(choices=US_STATES, required=False, label=_("State"))
    portal_url = forms.URLField(required=False, assume_scheme="https", label=_("patient portal"))

    class Meta:
        model = Provider
        fields = ["name", "holder_type", "records_office", "address", "city", "state",
                  "zip_code", "phone", "fax", "email", "portal_url", "patients", "notes"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2}),
                   "notes": forms.Textarea(attrs={"rows": 2}),
                   "patients": forms.CheckboxSelectMultiple}
        help_texts = {
            "address": _("Street and number of the records office. Needed to mail a letter."),
            "patients": _("Tick the patients who were seen here, so you can ask all of a "
                          "patient's providers at once."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Linking a provider to a patient changes the patient's list: editors only.
        self.fields["patients"].queryset = (patients_for_user(user, Need.EDIT)
                                            .order_by("full_name"))
        self.fields["patients"].required = False

    def clean_patients(self):
        chosen = list(self.cleaned_data["patients"])
        if self.instance.pk is None:
            return chosen
        # Links to patients this user may not edit are not theirs to remove.
        editable = self.fields["patients"].queryset.values("pk")
        return chosen + list(self.instance.patients.exclude(pk__in=editable))

    def clean_zip_code(self):
        zip_code = self.cleaned_data["zip_code"].strip()
        digits = zip_code.replace("-", "")
        if zip_code and (not digits.isdigit() or len(digits) not in (5, 9)):
            raise forms.ValidationError(_("A ZIP code has 5 digits, or 5+4 like 62701-1234."))
        return zip_code

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("address") and not (cleaned.get("city") and cleaned.get("state")):
            self.add_error("city", _("With a street address, give the city and state too."))
        return cleaned
