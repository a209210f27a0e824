"""The event form: what happened, when, with evidence, and the facts the engine reads.

The fields, checks and facts of each event type the engine reads live in
``event_kinds`` (one module per type, behind ``event_kinds.registry``)."""

from __future__ import annotations

import copy

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recordright.dates import us_date
from recordright.patients.forms import DATE_WIDGET, DocumentField
from recordright.requests import choices
from recordright.requests.assessment import HOLDER_RESPONSES, first_sent
from recordright.requests.event_kinds.registry import all_kinds, get_kind
from recordright.web.once import OnceFormMixin

RECEIPT_TYPES = (choices.EventType.DELIVERED, *HOLDER_RESPONSES)


class EventForm(OnceFormMixin, forms.Form):
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

    def __init__(self, *args, records_request, **kwargs):
        super().__init__(*args, **kwargs)
        # Each event type's own fields (event_kinds), copied so no form shares a field.
        for kind in all_kinds():
            for name, field in kind.fields.items():
                self.fields[name] = copy.deepcopy(field)
        self.records_request = records_request
        for kind in all_kinds():
            for name, request_field in kind.request_initial.items():
                self.fields[name].initial = getattr(records_request, request_field)
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

    def _check_facts(self, event_type, cleaned):
        kind = get_kind(event_type or "")
        if kind is not None:
            for name, message in kind.check(cleaned, cleaned.get("on")):
                self.add_error(name, message)

    def sections(self) -> list[dict]:
        """One folded section per event type with fields, open when one has an error."""
        out = []
        for kind in all_kinds():
            if kind.fields:
                fields = [self[name] for name in kind.fields]
                out.append({"legend": kind.legend, "fields": fields,
                            "open": any(field.errors for field in fields)})
        return out

    def request_updates(self) -> dict:
        """The request's own fields this event answers (e.g. how the office keeps records)."""
        kind = get_kind(self.cleaned_data["type"])
        return kind.request_updates(self.cleaned_data) if kind is not None else {}

    def facts(self) -> dict:
        """The engine's facts for this event type (docs/case-format.md), nothing else."""
        kind = get_kind(self.cleaned_data["type"])
        return kind.facts(self.cleaned_data) if kind is not None else {}
