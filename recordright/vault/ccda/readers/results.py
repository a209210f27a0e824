"""Results: result organizers (4.1) and result observations (4.2)."""

from __future__ import annotations

from lxml import etree

from recordright.vault.ccda.readers.common import Ctx, T
from recordright.vault.ccda.readers.observations import read_organizer
from recordright.vault.parsed import ParsedEntry

CATEGORY = "results"
TEMPLATES = {T + "1", T + "2"}   # CCD 1.0 (1.32 / 1.31) is read by section


def read(el: etree._Element, ctx: Ctx) -> list[ParsedEntry]:
    return read_organizer(el, ctx, CATEGORY)
