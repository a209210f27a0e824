"""They asked for a fee: the engine checks it against 45 CFR 164.524(c)(4) and state law."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.requests import choices
from recordright.requests.event_kinds.base import (
    YES_NO_UNKNOWN,
    Cleaned,
    EventKind,
    Problem,
    tri,
)


def facts(cleaned: Cleaned) -> dict:
    rate = cleaned["fee_per_page_rate"]
    return {"amount": float(cleaned["fee_amount"]), "components": cleaned["fee_components"],
            "pages": cleaned["fee_pages"],
            "per_page_rate": float(rate) if rate is not None else None,
            "disclosed_in_advance": tri(cleaned["fee_disclosed_in_advance"])}


def request_updates(cleaned: Cleaned) -> dict:
    """Asked again here, where it matters: a per-page fee is allowed only for paper records."""
    answer = cleaned.get("fee_kept_electronically")
    return {"kept_electronically": answer} if answer else {}


def check(cleaned: Cleaned, on: date | None) -> list[Problem]:
    if cleaned.get("fee_amount") is None:
        return [("fee_amount", _("Enter the amount they asked for."))]
    return []


KIND = EventKind(
    type="fee_quote",
    legend=_lazy("If they asked for a fee"),
    fields={
        "fee_amount": forms.DecimalField(label=_lazy("Amount asked (US$)"), required=False,
                                         min_value=0, max_digits=10, decimal_places=2),
        "fee_components": forms.MultipleChoiceField(
            label=_lazy("What the fee is for"), required=False,
            widget=forms.CheckboxSelectMultiple, choices=choices.FeeComponent.choices),
        "fee_pages": forms.IntegerField(label=_lazy("Number of pages"), required=False,
                                        min_value=0),
        "fee_per_page_rate": forms.DecimalField(label=_lazy("Price per page (US$)"),
                                                required=False, min_value=0, max_digits=6,
                                                decimal_places=2),
        "fee_kept_electronically": forms.ChoiceField(
            label=_lazy("Does the office keep the records electronically?"), required=False,
            widget=forms.RadioSelect, choices=choices.KeptElectronically.choices,
            help_text=_lazy("Most offices do today (a patient portal is a sign of it). For an "
                            "electronic copy of records kept electronically, a per-page fee is "
                            "not allowed. With “I don't know”, recordright cannot tell, so it "
                            "does not flag a per-page fee.")),
        "fee_disclosed_in_advance": forms.ChoiceField(
            label=_lazy("Did they tell you the fee before making the copy?"), required=False,
            choices=YES_NO_UNKNOWN),
    },
    facts=facts,
    check=check,
    request_updates=request_updates,
    request_initial={"fee_kept_electronically": "kept_electronically"},
)
