"""They said they need more time: 45 CFR 164.524(b)(2)(ii) and its amendment and
accounting counterparts (the engine judges whether the notice extends the deadline)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.patients.forms import DATE_WIDGET
from recordright.requests.event_kinds.base import (
    YES_NO_UNKNOWN,
    Cleaned,
    EventKind,
    Problem,
    tri,
)


def facts(cleaned: Cleaned) -> dict:
    new_date = cleaned["ext_new_date"]
    return {"in_writing": tri(cleaned["ext_in_writing"]) is True,
            "reasons_given": tri(cleaned["ext_reasons_given"]) is True,
            "new_date": new_date.isoformat() if new_date else None}


def check(cleaned: Cleaned, on: date | None) -> list[Problem]:
    new_date = cleaned.get("ext_new_date")
    if new_date and on and new_date < on:
        return [("ext_new_date", _("The new date is before the notice."))]
    return []


KIND = EventKind(
    type="extension_notice",
    legend=_lazy("If they said they need more time"),
    fields={
        "ext_in_writing": forms.ChoiceField(label=_lazy("Was it in writing?"), required=False,
                                            choices=YES_NO_UNKNOWN),
        "ext_reasons_given": forms.ChoiceField(label=_lazy("Did they give reasons?"),
                                               required=False, choices=YES_NO_UNKNOWN),
        "ext_new_date": forms.DateField(label=_lazy("New date they promised"), required=False,
                                        widget=DATE_WIDGET),
    },
    facts=facts,
    check=check,
)
