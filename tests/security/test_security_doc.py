"""docs/security.md names a test beside each promise: every one of them must exist."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def test_every_promise_names_a_test_that_exists():
    doc = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    references = REFERENCE.findall(doc)
    assert len(references) >= 20
    missing = [f"{path}::{name}" for path, name in references
               if not (ROOT / path).exists() or name not in _tests_in(ROOT / path)]
    assert not missing, f"docs/security.md names tests that do not exist: {missing}"
