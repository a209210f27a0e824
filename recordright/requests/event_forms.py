"""The event form: what happened, when, with evidence, and the facts the engine reads."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recordright.dates import us_date
from recordright.patients.forms import DATE_WIDGET, DocumentField
from recordright.requests import choices
from recordright.requests.assessment import HOLDER_RESPONSES, first_sent

RECEIPT_TYPES = (choices.EventType.DELIVERED, *HOLDER_RESPONSES)

YES_NO_UNKNOWN = [("", _("Don't know")), ("yes", _("Yes")), ("no", _("No"))]
NOTICE_CHOICES = [
    ("basis", _("the reason for the refusal")),
    ("review_rights", _("how to ask for a review")),
    ("complaint_process", _("how to complain, to them or to HHS")),
    ("statement_of_disagreement_rights", _("that you may send a statement of disagreement")),
]


def _tri(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class EventForm(forms.Form):
    type = forms.ChoiceField(label=_("What happened?"), choices=choices.EventType.choices)
    on = forms.DateField(label=_("On what date?"), widget=DATE_WIDGET)
    text = forms.CharField(label=_("Details: who said what"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    channel = forms.ChoiceField(label=_("How was it sent?"), required=False,
                                choices=[("", "—")] + choices.Channel.choices)
    tracking_number = forms.CharField(label=_("Certified-mail or tracking number"),
                                      required=False, max_length=60)
    email_sent_at = forms.DateTimeField(
        label=_("Email sent at (date and time)"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    fax_confirmation = forms.CharField(label=_("Fax confirmation (what the confirmation page "
                                               "says)"), required=False, max_length=200)
    evidence = DocumentField(label=_("Evidence (scan, photo, email), optional"), required=False)
    # Extension notice
    ext_in_writing = forms.ChoiceField(label=_("Was it in writing?"), required=False,
                                       choices=YES_NO_UNKNOWN)
    ext_reasons_given = forms.ChoiceField(label=_("Did they give reasons?"), required=False,
                                          choices=YES_NO_UNKNOWN)
    ext_new_date = forms.DateField(label=_("New date they promised"), required=False,
                                   widget=DATE_WIDGET)
    # Fee quote
    fee_amount = forms.DecimalField(label=_("Amount asked (US$)"), required=False,
                                    min_value=0, max_digits=10, decimal_places=2)
    fee_components = forms.MultipleChoiceField(
        label=_("What the fee is for"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=choices.FeeComponent.choices)
    fee_pages = forms.IntegerField(label=_("Number of pages"), required=False, min_value=0)
    fee_per_page_rate = forms.DecimalField(label=_("Price per page (US$)"), required=False,
                                           min_value=0, max_digits=6, decimal_places=2)
    fee_disclosed_in_advance = forms.ChoiceField(
        label=_("Did they tell you the fee before making the copy?"), required=False,
        choices=YES_NO_UNKNOWN)
    # Denial
    denial_grounds = forms.MultipleChoiceField(
        label=_("What reason did they give?"), required=False,
        widget=forms.CheckboxSelectMultiple, choices=choices.DenialGround.choices)
    denial_scope = forms.ChoiceField(label=_("What did they refuse?"), required=False,
                                     choices=choices.DenialScope.choices)
    denial_in_writing = forms.ChoiceField(label=_("Was the refusal in writing?"),
                                          required=False, choices=YES_NO_UNKNOWN[1:])
    denial_professional = forms.BooleanField(
        label=_("A licensed health professional made this decision"), required=False)
    denial_notice = forms.MultipleChoiceField(
        label=_("The written refusal says…"), required=False,
        widget=forms.CheckboxSelectMultiple, choices=NOTICE_CHOICES)
    # Records provided
    records_complete = forms.ChoiceField(label=_("Is everything you asked for there?"),
                                         required=False, choices=YES_NO_UNKNOWN)
    records_form = forms.ChoiceField(label=_("In what form?"), required=False,
                                     choices=[("", "—")] + choices.Form.choices)
    records_summary_only = forms.BooleanField(label=_("Only a summary"), required=False)
    # Condition imposed
    condition_what = forms.ChoiceField(label=_("What did they demand?"), required=False,
                                       choices=[("", "—")] + choices.Condition.choices)

    def __init__(self, *args, records_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.records_request = records_request
        # Prefetched on the request page; a list so the checks below cost no query.
        self.events = list(records_request.events.all())

    def clean(self):
        cleaned = super().clean()
        kind, on = cleaned.get("type"), cleaned.get("on")
        if on and on > timezone.localdate():
            self.add_error("on", _("This date is in the future. Record events once they have "
                                   "happened."))
        sent = first_sent(self.events)
        if on and kind != choices.EventType.SENT and sent and on < sent.on:
            self.add_error("on", _("This is before the request was sent (%(sent)s). Check the "
                                   "date.") % {"sent": us_date(sent.on, "numeric")})
        if kind and kind != choices.EventType.SENT and sent is None and kind in (
                choices.EventType.DELIVERED, choices.EventType.ACKNOWLEDGED):
            self.add_error("type", _("Record when the request was sent first."))
        if kind == choices.EventType.SENT and sent is None and on:
            earlier = [e for e in self.events if e.type in RECEIPT_TYPES and e.on < on]
            if earlier:
                self.add_error("on", _("The timeline already shows a reply on %(day)s, before "
                                       "this date. Check the date.")
                               % {"day": us_date(earlier[0].on, "numeric")})
        sent_at = cleaned.get("email_sent_at")
        if sent_at and sent_at > timezone.now():
            self.add_error("email_sent_at", _("This time is in the future."))
        self._check_facts(kind, cleaned)
        return cleaned

    def _check_facts(self, kind, cleaned):
        if kind == choices.EventType.FEE_QUOTE and cleaned.get("fee_amount") is None:
            self.add_error("fee_amount", _("Enter the amount they asked for."))
        if kind == choices.EventType.DENIAL and not cleaned.get("denial_grounds"):
            self.add_error("denial_grounds", _("Tick the reason they gave (or “Another "
                                               "reason”)."))
        if kind == choices.EventType.CONDITION_IMPOSED and not cleaned.get("condition_what"):
            self.add_error("condition_what", _("Choose what they demanded."))
        new_date, on = cleaned.get("ext_new_date"), cleaned.get("on")
        if kind == choices.EventType.EXTENSION_NOTICE and new_date and on and new_date < on:
            self.add_error("ext_new_date", _("The new date is before the notice."))

    def facts(self) -> dict:
        """The engine's facts for this event type (docs/case-format.md), nothing else."""
        c = self.cleaned_data
        kind = c["type"]
        if kind == choices.EventType.EXTENSION_NOTICE:
            return {"in_writing": _tri(c["ext_in_writing"]) is True,
                    "reasons_given": _tri(c["ext_reasons_given"]) is True,
                    "new_date": c["ext_new_date"].isoformat() if c["ext_new_date"] else None}
        if kind == choices.EventType.FEE_QUOTE:
            return {"amount": float(c["fee_amount"]), "components": c["fee_components"],
                    "pages": c["fee_pages"],
                    "per_page_rate": float(c["fee_per_page_rate"])
                    if c["fee_per_page_rate"] is not None else None,
                    "disclosed_in_advance": _tri(c["fee_disclosed_in_advance"])}
        if kind == choices.EventType.DENIAL:
            return {"grounds": c["denial_grounds"], "scope": c["denial_scope"] or "full",
                    "in_writing": c["denial_in_writing"] != "no",
                    "licensed_professional_determination": c["denial_professional"],
                    "notice": {name: name in c["denial_notice"] for name, _l in NOTICE_CHOICES}}
        if kind == choices.EventType.RECORDS_PROVIDED:
            return {"complete": _tri(c["records_complete"]) is not False,
                    "form": c["records_form"] or None,
                    "summary_only": c["records_summary_only"]}
        if kind == choices.EventType.CONDITION_IMPOSED:
            return {"what": c["condition_what"]}
        return {}
