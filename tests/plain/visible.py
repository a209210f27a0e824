"""What a person sees on a page: its text and the attributes read aloud or shown, and the
internal vocabulary that must never be among it."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.db.models import TextChoices

SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
HIDDEN_TAGS = {"script", "style", "template", "head"}
# Names of things (column heads, field labels, headings), which may be a word that is also a
# stored value ("Provider", "Notes"); everything else is a value shown to the person.
NAMING_TAGS = {"th", "dt", "label", "legend", "h1", "h2", "h3", "h4", "h5", "h6", "button",
               "summary", "caption"}
# A code with an underscore (lab_results, access_request) or the app's own machinery.
CODE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
MACHINERY = re.compile(r"\bengine\b", re.IGNORECASE)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[bool, str]] = []
        self.hidden = 0
        self.naming = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        if tag in NAMING_TAGS:
            self.naming += 1
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "hidden":
            return
        for name in SHOWN_ATTRIBUTES:
            if attributes.get(name):
                self.pieces.append((True, attributes[name]))

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS and self.hidden:
            self.hidden -= 1
        if tag in NAMING_TAGS and self.naming:
            self.naming -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.pieces.append((self.naming > 0, " ".join(data.split())))


def visible_pieces(html: str) -> list[tuple[bool, str]]:
    """(names something, text) for each piece of text a person sees or hears."""
    parser = _Text()
    parser.feed(html)
    return parser.pieces


def raw_values(vocabularies: list[type[TextChoices]], extra: dict[str, str]) -> set[str]:
    """Stored values that are no vocabulary's label: seen alone, they are a code."""
    labels: dict[str, set[str]] = {}
    for vocabulary in vocabularies:
        for value, label in vocabulary.choices:
            labels.setdefault(value, set()).add(str(label).casefold())
    for value, label in extra.items():
        labels.setdefault(value, set()).add(label.casefold())
    every_label = set().union(*labels.values())
    return {value for value in labels if value.casefold() not in every_label}


def problems(pieces: list[tuple[bool, str]], raw: set[str]) -> list[str]:
    """A code anywhere; a raw stored value standing alone as a value (a whole piece of text,
    or every item of a list such as "medical, notes")."""
    found = []
    for naming, piece in pieces:
        for code in CODE.findall(piece):
            found.append(f"code {code!r} in {piece[:120]!r}")
        if MACHINERY.search(piece):
            found.append(f"'engine' in {piece[:120]!r}")
        if naming:
            continue
        # Case-sensitive: a code shows as stored ("medical, notes"); "Yes" or "Delete" on a
        # button is a word that merely shares its letters with a stored value.
        parts = [part.strip(" .…") for part in piece.split(",")]
        if all(part and (part in raw or CODE.fullmatch(part)) for part in parts):
            found.append(f"raw value in {piece[:120]!r}")
    return found
