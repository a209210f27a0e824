from django import forms
from django.utils.translation import gettext_lazy as _

from recordright.accounts.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "postal_address", "phone", "kind", "organization"]
        widgets = {"postal_address": forms.Textarea(attrs={"rows": 3,
                                                          "autocomplete": "street-address"})}
        help_texts = {
            "display_name": _("Your full name as it goes on letters you sign."),
            "postal_address": _("Printed at the top of your letters, so that a records office "
                                "can answer you and mail the copy."),
            "organization": _("Only for advocates and legal-aid teams."),
        }


class SignerForm(forms.ModelForm):
    """What every letter needs about the person who signs it: full name and postal address."""

    class Meta:
        model = User
        fields = ["display_name", "postal_address", "phone"]
        labels = {"display_name": _("Your full name"),
                  "postal_address": _("Your postal address"),
                  "phone": _("Your phone number (optional)")}
        help_texts = {
            "display_name": _("As you sign letters, for example “María José García-Núñez”."),
            "postal_address": _("Street, city, state and ZIP code, on separate lines. It is "
                                "printed at the top of your letters so that the records "
                                "office can answer you and mail the copy."),
            "phone": _("Printed on your letters, for the records office's questions."),
        }
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "postal_address": forms.Textarea(attrs={"rows": 3,
                                                    "autocomplete": "street-address"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Type your full name."))
        return name

    def clean_postal_address(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["postal_address"].splitlines()]
        address = "\n".join(line for line in lines if line)
        if not address:
            raise forms.ValidationError(_("Type your postal address."))
        return address
