"""Records arrived, all or part, in some form: the engine checks completeness and format."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _lazy

from recordright.requests import choices
from recordright.requests.event_kinds.base import YES_NO_UNKNOWN, Cleaned, EventKind, tri


def facts(cleaned: Cleaned) -> dict:
    return {"complete": tri(cleaned["records_complete"]) is not False,
            "form": cleaned["records_form"] or None,
            "summary_only": cleaned["records_summary_only"]}


KIND = EventKind(
    type="records_provided",
    legend=_lazy("If records arrived"),
    fields={
        "records_complete": forms.ChoiceField(label=_lazy("Is everything you asked for there?"),
                                              required=False, choices=YES_NO_UNKNOWN),
        "records_form": forms.ChoiceField(label=_lazy("In what form?"), required=False,
                                          choices=[("", "—")] + choices.Form.choices),
        "records_summary_only": forms.BooleanField(label=_lazy("Only a summary"),
                                                   required=False),
    },
    facts=facts,
)
