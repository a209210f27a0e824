"""The request wizard: one page of plain-language fieldsets that works without JavaScript."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recordright.patients.forms import DATE_WIDGET, US_STATES
from recordright.providers.models import Provider
from recordright.requests import choices
from recordright.requests.models import RecordsRequest
from recordright.web.once import OnceFormMixin

RADIO = forms.RadioSelect
KEPT_ELECTRONICALLY_HELP = _(
    "Most offices keep records electronically today, in an electronic health record system "
    "(a patient portal is a sign of one). If they do, they must give you an electronic copy "
    "if you ask for one, and they may not charge by the page for it. If you don't know, "
    "choose “I don't know”: recordright will then not flag a per-page fee as unlawful, and "
    "you can answer later, when you record a fee.")
CHECKBOXES = forms.CheckboxSelectMultiple


def providers_for(user, patient):
    """Providers the user may address a request to: their own and this patient's."""
    return (Provider.objects.filter(Q(owner=user) | Q(patients=patient))
            .filter(archived_at__isnull=True).distinct().order_by("name", "id"))


class RequestWizardForm(OnceFormMixin, forms.ModelForm):
    providers = forms.ModelMultipleChoiceField(
        queryset=Provider.objects.none(), required=False, widget=CHECKBOXES,
        label=_("Who has the records?"),
        help_text=_("Tick every provider to ask; recordright makes one request for each."))
    all_patient_providers = forms.BooleanField(
        required=False, label=_("Request from all of this patient's providers"))
    all_records = forms.TypedChoiceField(
        label=_("Which records?"), widget=RADIO, coerce=lambda v: v == "True", initial=True,
        choices=[(True, _("Everything they keep about the patient (the “designated record "
                          "set”)")), (False, _("Only the kinds I choose below"))])
    record_types = forms.MultipleChoiceField(
        required=False, widget=CHECKBOXES, choices=choices.RecordType.choices,
        label=_("Kinds of records"))
    state = forms.ChoiceField(
        choices=US_STATES, required=False, label=_("State"),
        help_text=_("Some states give you more: a shorter deadline or a lower fee. We use the "
                    "patient's state unless you choose another."))

    class Meta:
        model = RecordsRequest
        fields = ["right", "all_records", "record_types", "date_from", "date_to", "condition",
                  "copy", "electronic_format", "kept_electronically", "delivery", "delivery_detail",
                  "unencrypted_email_accepted", "send_to", "third_party_name",
                  "third_party_address", "third_party_email", "state", "amendment_what",
                  "amendment_why", "accounting_from", "accounting_to"]
        widgets = {
            "right": RADIO, "copy": RADIO, "electronic_format": RADIO, "delivery": RADIO,
            "kept_electronically": RADIO,
            "send_to": RADIO, "date_from": DATE_WIDGET, "date_to": DATE_WIDGET,
            "accounting_from": DATE_WIDGET, "accounting_to": DATE_WIDGET,
            "third_party_address": forms.Textarea(attrs={"rows": 3}),
            "amendment_what": forms.Textarea(attrs={"rows": 3}),
            "amendment_why": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "date_from": _("Records from (optional)"), "date_to": _("Records up to (optional)"),
            "condition": _("About a condition or event (optional)"),
            "unencrypted_email_accepted": _("I understand the risk and want regular email"),
        }
        help_texts = {
            "kept_electronically": KEPT_ELECTRONICALLY_HELP,
            "condition": _("For example: “the broken ankle in 2014”."),
            "delivery_detail": _("The email address, portal, app or fax number to deliver to. "
                                 "Leave empty for the patient's address."),
            "unencrypted_email_accepted": _(
                "Regular email can be read or misdelivered on the way. You have the right to "
                "get your records by regular email if you accept that risk (45 CFR "
                "164.524(c)(2)). Only tick this if you do."),
            "send_to": _("An electronic copy of records kept electronically can be sent "
                         "straight to anyone you name. A paper copy sent to someone else (for "
                         "example a lawyer) is not an access request: since Ciox v. Azar "
                         "(2020) it is a disclosure under your signed authorization, and the "
                         "office may charge more for it."),
        }

    def __init__(self, *args, user, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.patient = patient
        self.fields["providers"].queryset = providers_for(user, patient)
        self.fields["electronic_format"].required = False
        self.fields["kept_electronically"].required = False  # not answered: "I don't know"
        self.fields["electronic_format"].choices = choices.ElectronicFormat.choices
        self.fields["state"].initial = patient.state
        if not self.is_bound:
            self.initial.setdefault("delivery_detail", patient.email)

    def patient_providers(self):
        return self.fields["providers"].queryset.filter(patients=self.patient)

    def clean(self):
        cleaned = super().clean()
        chosen = list(cleaned.get("providers") or [])
        if cleaned.get("all_patient_providers"):
            chosen += [p for p in self.patient_providers() if p not in chosen]
        if not chosen:
            self.add_error("providers", _("Choose at least one provider to ask."))
        cleaned["chosen_providers"] = chosen
        self._check_records(cleaned)
        self._check_delivery(cleaned)
        self._check_right(cleaned)
        return cleaned

    def _check_records(self, cleaned):
        if cleaned.get("all_records") is False and not cleaned.get("record_types"):
            self.add_error("record_types", _("Tick at least one kind of record, or choose "
                                             "everything."))
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        if start and start > timezone.localdate():
            self.add_error("date_from", _("The start date is in the future."))

    def _check_delivery(self, cleaned):
        delivery = cleaned.get("delivery")
        if cleaned.get("copy") == choices.Copy.ELECTRONIC and not cleaned.get("electronic_format"):
            cleaned["electronic_format"] = choices.ElectronicFormat.PDF
        if cleaned.get("copy") != choices.Copy.ELECTRONIC:
            cleaned["electronic_format"] = ""
        cleaned["kept_electronically"] = (cleaned.get("kept_electronically")
                                          or choices.KeptElectronically.UNKNOWN)
        if delivery == choices.Delivery.UNENCRYPTED_EMAIL and not cleaned.get(
                "unencrypted_email_accepted"):
            self.add_error("unencrypted_email_accepted", _(
                "Regular email needs your informed choice: tick the box, or choose secure "
                "email or another way."))
        needs_detail = (choices.Delivery.EMAIL, choices.Delivery.UNENCRYPTED_EMAIL,
                        choices.Delivery.FAX, choices.Delivery.APP)
        if (delivery in needs_detail and not cleaned.get("delivery_detail")
                and cleaned.get("send_to") != choices.SendTo.THIRD_PARTY):
            self.add_error("delivery_detail", _("Say where to deliver: the email address, "
                                                "fax number or app."))
        if cleaned.get("send_to") == choices.SendTo.THIRD_PARTY:
            if not cleaned.get("third_party_name"):
                self.add_error("third_party_name", _("Name the person or office to send the "
                                                     "copy to."))
            if not (cleaned.get("third_party_address") or cleaned.get("third_party_email")):
                self.add_error("third_party_address", _("Give their address or email."))

    def _check_right(self, cleaned):
        right = cleaned.get("right")
        if right == choices.Right.AMENDMENT and not cleaned.get("amendment_what"):
            self.add_error("amendment_what", _("Say what is wrong in the records."))
        start, end = cleaned.get("accounting_from"), cleaned.get("accounting_to")
        if right == choices.Right.ACCOUNTING and start and end and end < start:
            self.add_error("accounting_to", _("The end date is before the start date."))

    def create_requests(self, user, requester_basis: str) -> list[RecordsRequest]:
        """One request per chosen provider, all with the same answers."""
        created = []
        for provider in self.cleaned_data["chosen_providers"]:
            req = RecordsRequest(patient=self.patient, provider=provider, created_by=user,
                                 requester_basis=requester_basis)
            for name in self.Meta.fields:
                setattr(req, name, self.cleaned_data.get(name, getattr(req, name)))
            req.state = self.cleaned_data.get("state") or self.patient.state or provider.state
            req.save()
            provider.patients.add(self.patient)
            created.append(req)
        return created
