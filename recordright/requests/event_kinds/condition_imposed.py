"""They demanded something first: the engine judges it against the unreasonable-measures
guidance under 45 CFR 164.524(b)(1)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.requests import choices
from recordright.requests.event_kinds.base import Cleaned, EventKind, Problem


def facts(cleaned: Cleaned) -> dict:
    return {"what": cleaned["condition_what"]}


def check(cleaned: Cleaned, on: date | None) -> list[Problem]:
    if not cleaned.get("condition_what"):
        return [("condition_what", _("Choose what they demanded."))]
    return []


KIND = EventKind(
    type="condition_imposed",
    legend=_lazy("If they demanded something first"),
    fields={
        "condition_what": forms.ChoiceField(label=_lazy("What did they demand?"),
                                            required=False,
                                            choices=[("", "—")] + choices.Condition.choices),
    },
    facts=facts,
    check=check,
)
