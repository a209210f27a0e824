"""The access log in plain words.

Audit entries store a short, stable label of the kind of data ("letter access_request",
"invitation (viewer)"); they are hash-chained, so they are never rewritten. This module says
them in words when a person reads the log, old entries included.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from recordright.letters.registry import UnknownKind, get_kind
from recordright.patients.models import Role

_LETTER = re.compile(r"^letter (?P<kind>[a-z_]+)$")
_INVITATION = re.compile(r"^invitation \((?P<role>[a-z_]+)\)$")
# Labels with a code in brackets or after a colon, said without it.
_PREFIXES = {
    "share link": _("a share link"),
    "packet": _("a records packet"),
    "export": _("an export of the records"),
    "patient": _("the patient"),
}


def describe(what: str) -> str:
    """"letter access_request" -> 'the letter “Request for records”' (never a code)."""
    if match := _LETTER.match(what):
        try:
            return _("the letter “%(title)s”") % {"title": get_kind(match["kind"]).title}
        except UnknownKind:
            return _("a letter")
    if match := _INVITATION.match(what):
        try:
            role = Role(match["role"]).label
        except ValueError:
            return _("an invitation")
        return _("an invitation (%(role)s)") % {"role": role}
    head = re.split(r" \(|: ", what, maxsplit=1)[0]
    if head != what and head in _PREFIXES:
        return str(_PREFIXES[head])
    return what.replace("_", " ")
