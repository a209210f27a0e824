"""They refused, all or part: the engine checks the grounds and the written notice against
45 CFR 164.524(a) and (d) (or 164.526, 164.528)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.requests import choices
from recordright.requests.event_kinds.base import YES_NO_UNKNOWN, Cleaned, EventKind, Problem

NOTICE_CHOICES = [
    ("basis", _lazy("the reason for the refusal")),
    ("review_rights", _lazy("how to ask for a review")),
    ("complaint_process", _lazy("how to complain, to them or to HHS")),
    ("statement_of_disagreement_rights", _lazy("that you may send a statement of disagreement")),
]


def facts(cleaned: Cleaned) -> dict:
    return {"grounds": cleaned["denial_grounds"], "scope": cleaned["denial_scope"] or "full",
            "in_writing": cleaned["denial_in_writing"] != "no",
            "licensed_professional_determination": cleaned["denial_professional"],
            "notice": {name: name in cleaned["denial_notice"] for name, _l in NOTICE_CHOICES}}


def check(cleaned: Cleaned, on: date | None) -> list[Problem]:
    if not cleaned.get("denial_grounds"):
        return [("denial_grounds", _("Tick the reason they gave (or “Another reason”)."))]
    return []


KIND = EventKind(
    type="denial",
    legend=_lazy("If they refused"),
    fields={
        "denial_grounds": forms.MultipleChoiceField(
            label=_lazy("What reason did they give?"), required=False,
            widget=forms.CheckboxSelectMultiple, choices=choices.DenialGround.choices),
        "denial_scope": forms.ChoiceField(label=_lazy("What did they refuse?"), required=False,
                                          choices=choices.DenialScope.choices),
        "denial_in_writing": forms.ChoiceField(label=_lazy("Was the refusal in writing?"),
                                               required=False, choices=YES_NO_UNKNOWN[1:]),
        "denial_professional": forms.BooleanField(
            label=_lazy("A licensed health professional made this decision"), required=False),
        "denial_notice": forms.MultipleChoiceField(
            label=_lazy("The written refusal says…"), required=False,
            widget=forms.CheckboxSelectMultiple, choices=NOTICE_CHOICES),
    },
    facts=facts,
    check=check,
)
