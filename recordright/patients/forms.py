"""Forms for patients and the people who act for them."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from recordright.letters.attachments import problem_with
from recordright.patients.models import (
    INVITEE_RELATIONSHIPS,
    ROLE_DESCRIPTIONS,
    Kin,
    LegalBasis,
    Patient,
    PatientAccess,
    Relationship,
    Role,
)
from recordright.web.once import OnceFormMixin

KIN_LABEL = _("In your letters, the patient is your…")
KIN_HELP = _("Letters then say “the records of my son, Mateo García” or “of my late father”. "
             "Leave it unset and they use the patient's name and your role only.")

STATE_CODES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY").split()
US_STATES = [("", _("— choose —")), *((code, code) for code in STATE_CODES)]

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DocumentField(forms.FileField):
    """An upload checked for size before anything is stored."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        # A file over the limit arrives as a RefusedUpload (recordright.web.uploads): its size
        # was counted as it arrived, its bytes were not kept.
        limit_bytes = getattr(upload, "limit", settings.MAX_UPLOAD_BYTES)
        if upload and (getattr(upload, "refused", False) or upload.size > limit_bytes):
            limit = max(1, limit_bytes // (1024 * 1024))
            raise forms.ValidationError(
                _("This file is too large. Files up to %(limit)s MB can be stored; try a "
                  "smaller scan or photo.") % {"limit": limit})
        return upload


class AuthorityDocumentField(DocumentField):
    """A PDF, JPEG or PNG that opens, so that every letter can attach it."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial:
            problem = problem_with(upload.read())
            upload.seek(0)
            if problem:
                raise forms.ValidationError(problem)
        return upload


class PatientForm(OnceFormMixin, forms.ModelForm):
    state = forms.ChoiceField(choices=US_STATES, required=False, label=_("State"))

    class Meta:
        model = Patient
        fields = ["full_name", "former_names", "date_of_birth", "date_of_death", "address",
                  "state", "phone", "email"]
        widgets = {"date_of_birth": DATE_WIDGET, "date_of_death": DATE_WIDGET,
                   "address": forms.Textarea(attrs={"rows": 3})}

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born and born > timezone.localdate():
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        return born

    def clean(self):
        cleaned = super().clean()
        born, died = cleaned.get("date_of_birth"), cleaned.get("date_of_death")
        if died and died > timezone.localdate():
            self.add_error("date_of_death", _("The date of death cannot be in the future."))
        elif born and died and died < born:
            self.add_error("date_of_death", _("The date of death is before the date of birth."))
        return cleaned


class ActingForm(forms.Form):
    """How the user is related to the patient and on what authority they act."""

    relationship = forms.ChoiceField(label=_("Who is this person to you?"),
                                     choices=Relationship.choices, widget=forms.RadioSelect)
    legal_basis = forms.ChoiceField(
        label=_("What gives you the right to ask for their records?"),
        choices=LegalBasis.choices, widget=forms.RadioSelect,
        help_text=_("A parent of a minor, a guardian, a health care agent or an executor is "
                    "the patient's personal representative and has the same right of access "
                    "(45 CFR 164.502(g))."))
    kin = forms.ChoiceField(label=KIN_LABEL, choices=Kin.choices, required=False,
                            help_text=KIN_HELP)
    authority_document = AuthorityDocumentField(
        label=_("Document showing your authority (optional now, needed for letters)"),
        required=False,
        help_text=_("A PDF, or a scan or photo as JPEG or PNG: for example the power of "
                    "attorney or the letters testamentary. It is stored encrypted."))

    def check_against(self, patient_data: dict) -> None:
        """Cross-check the legal basis against the patient's dates (call after is_valid)."""
        basis = self.cleaned_data.get("legal_basis")
        born = patient_data.get("date_of_birth")
        died = patient_data.get("date_of_death")
        today = timezone.localdate()
        if basis == LegalBasis.PARENT_OF_MINOR and born:
            age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
            if age >= 18:
                self.add_error("legal_basis", _(
                    "This patient is an adult, so a parent is not their personal representative. "
                    "Choose guardian or health care agent if you have that authority, or "
                    "“helping with the patient's written authorization”."))
        if basis == LegalBasis.EXECUTOR and not died:
            self.add_error("legal_basis", _(
                "An executor acts for someone who has died: enter the date of death."))
        if died and basis in (LegalBasis.PARENT_OF_MINOR, LegalBasis.GUARDIAN,
                              LegalBasis.HEALTH_CARE_AGENT):
            self.add_error("legal_basis", _(
                "After a death, the executor or administrator of the estate acts for the "
                "patient (45 CFR 164.502(g)(4))."))


class KinForm(forms.ModelForm):
    """The word your letters use for the patient (on the patient's edit page)."""

    class Meta:
        model = PatientAccess
        fields = ["kin"]
        labels = {"kin": KIN_LABEL}
        help_texts = {"kin": KIN_HELP}


class InviteForm(OnceFormMixin, forms.Form):
    email = forms.EmailField(label=_("Their email address"))
    role = forms.ChoiceField(label=_("What may they do?"), choices=[
        (role, format_lazy("{}: {}", role.label, ROLE_DESCRIPTIONS[role]))
        for role in (Role.VIEWER, Role.EDITOR)],
        widget=forms.RadioSelect, initial=Role.VIEWER)
    relationship = forms.ChoiceField(label=_("Who are they to the patient?"),
                                     choices=INVITEE_RELATIONSHIPS, initial=Relationship.OTHER,
                                     widget=forms.RadioSelect)
