"""docs/security.md: every test named beside a promise exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _named_tests() -> list[tuple[str, str]]:
    named, current = [], ""
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    for path, name in re.findall(r"`(tests/[\w/]+\.py)?::(\w+)`", text):
        current = path or current
        named.append((current, name))
    return named


def test_every_test_named_in_the_security_promises_exists():
    named = _named_tests()
    assert len(named) >= 20
    missing = [f"{path}::{name}" for path, name in named
               if f"def {name}(" not in (ROOT / path).read_text(encoding="utf-8")]
    assert not missing, f"docs/security.md names tests that do not exist: {missing}"
