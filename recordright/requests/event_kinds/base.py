"""The shape of an event type: the fields the form shows for it, their checks, its facts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

YES_NO_UNKNOWN = [("", _("Don't know")), ("yes", _("Yes")), ("no", _("No"))]

Cleaned = Mapping[str, Any]
Problem = tuple[str, str]  # (field name, message for the user)


def tri(value: str) -> bool | None:
    """A yes / no / don't-know answer."""
    return {"yes": True, "no": False}.get(value)


def no_problems(cleaned: Cleaned, on: date | None) -> list[Problem]:
    return []


@dataclass(frozen=True)
class EventKind:
    """One event type the engine reads (docs/case-format.md, "events").

    ``fields`` are named with the type's prefix (``fee_amount``) so one form can carry them
    all; ``facts`` turns the cleaned values into the engine's facts, in the case format's
    names, and nothing else.
    """

    type: str  # requests.choices.EventType value, also the engine's event type
    legend: str  # lazy translation: the form section's summary, "If they asked for a fee"
    fields: Mapping[str, forms.Field] = field(default_factory=dict)
    facts: Callable[[Cleaned], dict] = lambda cleaned: {}
    check: Callable[[Cleaned, date | None], list[Problem]] = no_problems
    # What the event teaches about the request itself: RecordsRequest fields to update.
    request_updates: Callable[[Cleaned], dict] = lambda cleaned: {}
    # RecordsRequest fields whose current value the form shows: {form field: request field}.
    request_initial: Mapping[str, str] = field(default_factory=dict)
