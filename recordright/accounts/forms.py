from django import forms
from django.utils.translation import gettext_lazy as _

from recordright.accounts.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "kind", "organization"]
        help_texts = {
            "display_name": _("Used to sign letters you write for others."),
            "organization": _("Only for advocates and legal-aid teams."),
        }
