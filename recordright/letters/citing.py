"""How letters cite the law: every citation and every number from ``recordright.rules``.

Letters name catalog rules (``recordright.rules.law``) by id and print their citation;
the deadline sentences take their days from the engine's clock of the right
(``recordright.rules.clock.CLOCKS``). Nothing here is a second list: a letter that needs
a paragraph the catalog lacks gets a catalog entry, with its source and summary.
"""

from __future__ import annotations

from functools import cache

from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from recordright.rules.clock import CLOCKS, ClockRules
from recordright.rules.law import RULES, rule


def cite(rule_id: str) -> str:
    """The citation of catalog rule ``rule_id``; an unknown id is a programming error."""
    return rule(rule_id).citation


def printed(citation: str) -> SafeString:
    """A citation as a letter prints it: never broken across lines ("(b)(2)" / "(i)").

    Several citations joined by "; " (a state statute beside the federal rule) may break
    between them, each staying whole."""
    return format_html_join("; ", '<span class="citation">{}</span>',
                            ((part,) for part in citation.split("; ")))


@cache
def template_citations() -> dict[str, SafeString]:
    """Every catalog citation under a template-friendly key: ``{{ cite.access_deadline }}``."""
    keys = {rule_id.replace(".", "_"): printed(r.citation) for rule_id, r in RULES.items()}
    assert len(keys) == len(RULES), "two catalog ids differ only by '.' and '_'"
    return keys


def clock_for(right: str) -> ClockRules:
    """The deadline rule and days of ``right`` (access when the right is not known)."""
    return CLOCKS.get(right, CLOCKS["access"])
