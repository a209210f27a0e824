"""The catalog of federal rules: every rule is data with a citation, a source and the date
it was checked (data/rules.json). Findings and letters cite from here, never from literals."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Rule:
    id: str
    citation: str
    source: str
    checked: str
    summary: str
    source_tag: str


def load_json(name: str) -> dict:
    """Read one of the package's own data files (the only I/O the rules package does)."""
    text = resources.files("recordright.rules").joinpath("data", name).read_text("utf-8")
    return json.loads(text)


@cache
def _catalog() -> dict[str, Rule]:
    data = load_json("rules.json")
    sources = data["sources"]
    rules: dict[str, Rule] = {}
    for item in data["rules"]:
        tag = item["source"]
        rules[item["id"]] = Rule(id=item["id"], citation=item["citation"],
                                 source=sources[tag], checked=item.get("checked",
                                                                       data["checked"]),
                                 summary=item["summary"], source_tag=tag)
    return rules


RULES: dict[str, Rule] = _catalog()


def rule(rule_id: str) -> Rule:
    """The catalog entry for `rule_id`; KeyError for an unknown id (a programming error)."""
    return RULES[rule_id]
