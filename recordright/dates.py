"""The one way the app writes a date for people: the US order, month first.

Three lengths: "long" in letters and explanations ("December 22, 2026"), "short" in
reminder emails and calendar text ("Dec 22, 2026"), "numeric" on pages and in form
messages ("12/22/2026"). Month names follow the active language. (The rules engine,
which has no Django, writes its own sentences with ``rules.findings.human_date``.)
"""

from __future__ import annotations

from datetime import date

from django.utils import dateformat

FORMATS = {"long": "F j, Y", "short": "M j, Y", "numeric": "m/d/Y"}


def us_date(day: date | None, style: str = "long") -> str:
    """``day`` in the US order, or "" for no date."""
    return dateformat.format(day, FORMATS[style]) if day else ""
