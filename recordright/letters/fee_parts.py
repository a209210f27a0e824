"""The parts of a quoted fee, as a letter names them to the office that quoted it.

The request records each part as a code of the rights engine's vocabulary
(``recordright.rules.vocab.FEE_COMPONENTS``); the fee dispute lists them in these words.
A part typed as free text (the examples) is printed as written. ``us_money`` prints an
amount, for the letters and their statements alike.
"""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _lazy

PARTS: dict[str, str] = {
    "copying_labor": _lazy("labor for making the copy"),
    "supplies": _lazy("supplies (paper, a CD or a flash drive)"),
    "postage": _lazy("postage"),
    "summary": _lazy("preparing a summary"),
    "search_retrieval": _lazy("searching for and retrieving the records"),
    "verification": _lazy("verifying identity or the request"),
    "handling": _lazy("a handling or processing fee"),
    "certification": _lazy("certifying the copy"),
    "per_page": _lazy("a charge per page"),
    "media": _lazy("buying a CD or flash drive from the office"),
    "other": _lazy("another charge"),
}


def fee_parts(components: tuple[str, ...] | list[str]) -> list[str]:
    """Each part in words, capitalised for a list."""
    return [capfirst(str(PARTS.get(part, part))) for part in components]


def us_money(amount: float | None) -> str:
    """An amount as a letter prints it ("$1,234.50"); nothing for no amount."""
    return f"${float(amount):,.2f}" if amount is not None else ""
