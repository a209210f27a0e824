"""Vital signs: vital signs organizers (4.26) and vital sign observations (4.27)."""

from __future__ import annotations

from lxml import etree

from recordright.vault.ccda.readers.common import Ctx, T
from recordright.vault.ccda.readers.observations import read_organizer
from recordright.vault.parsed import ParsedEntry

CATEGORY = "vitals"
TEMPLATES = {T + "26", T + "27"}   # CCD 1.0 (1.32 + 1.35) is read by section


def read(el: etree._Element, ctx: Ctx) -> list[ParsedEntry]:
    return read_organizer(el, ctx, CATEGORY)
