"""No leftover scaffolding: one way to do each small thing, no fallbacks for missing code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "recordright"
SOURCES = {path: path.read_text(encoding="utf-8") for path in sorted(APP.rglob("*.py"))
           if "migrations" not in path.parts}
TEMPLATES_AND_SOURCES = {**SOURCES, **{path: path.read_text(encoding="utf-8")
                                      for path in sorted(APP.rglob("*.html"))}}


def _offenders(pattern: str, allowed: tuple[str, ...] = ()) -> list[str]:
    regex = re.compile(pattern)
    return [str(path.relative_to(ROOT)) for path, text in SOURCES.items()
            if regex.search(text) and not str(path.relative_to(APP)).startswith(allowed)]


def test_no_code_falls_back_when_an_import_fails():
    assert _offenders(r"except \(?ImportError") == []


def test_no_test_patches_an_attribute_that_may_not_exist():
    here = Path(__file__).resolve()
    found = [str(path.relative_to(ROOT)) for path in sorted((ROOT / "tests").rglob("*.py"))
             if path.resolve() != here and "raising=False" in path.read_text(encoding="utf-8")]
    assert found == []


def test_dates_for_people_are_written_by_one_helper():
    # strftime and Django date patterns for US dates; the rules engine (no Django) keeps its
    # own human_date for the sentences it writes.
    patterns = r'%m/%d/%Y|%B|"F j, Y"|"M j, Y"|"m/d/Y"|date_format\('
    assert _offenders(patterns, allowed=("dates.py", "rules/")) == []


def test_events_are_ordered_by_one_key():
    # requests.models.in_timeline_order is the one.
    allowed = ("rules/", "requests/models.py")
    assert _offenders(r"key=lambda \w+: \(\w+\.on\b", allowed=allowed) == []


@pytest.mark.parametrize("module", ["patients/access.py", "requests/access.py"])
def test_every_access_helper_has_a_caller(module):
    tree = ast.parse(SOURCES[APP / module])
    names = [node.name for node in tree.body
             if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")]
    for name in names:
        callers = [path for path, text in TEMPLATES_AND_SOURCES.items()
                   if path != APP / module and re.search(rf"\b{name}\b", text)]
        assert callers, f"{module}:{name} has no caller"
