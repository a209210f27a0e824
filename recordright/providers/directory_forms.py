"""Forms of the "Find a provider" pages (search the directory, import a list)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from recordright.web.once import OnceFormMixin


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name or specialty"), required=False, max_length=200,
                        help_text=_("For example “patel cardiology” or “springfield hospital”."))
    state = forms.CharField(label=_("State"), required=False, max_length=2,
                            help_text=_("Two letters, for example IL."))
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    zip = forms.CharField(label=_("ZIP code or its first digits"), required=False,
                          max_length=10)
    entity = forms.ChoiceField(label=_("Show"), required=False, choices=[
        ("", _("People and organizations")), ("individual", _("People only")),
        ("organization", _("Organizations only"))])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("Active and deactivated")), ("active", _("Active only")),
        ("deactivated", _("Deactivated only"))])


class ProviderCsvForm(OnceFormMixin, forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_(
        "Columns: name, address, city, state, zip, phone, fax, email, npi — in any order, "
        "with a header line."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        return upload
