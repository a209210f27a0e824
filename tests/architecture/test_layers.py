"""The import graph of recordright/ follows docs/architecture.md: no circle between or
within apps, every import allowed by the table there, the directory below every domain app."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.architecture.imports import PACKAGE, find_cycle, module_graph

DOC = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"
ENTRY_POINTS = {"commands", "cli", "clidoc", "__main__", "settings", "urls", "wsgi"}
# Packages that belong to the foundation rather than being apps of their own.
FOUNDATION_PACKAGES = {"db", "filestore"}
APP_DIRS = {path.parent.name for path in (DOC.parents[1] / PACKAGE).glob("*/__init__.py")}
GRAPH = module_graph()


def layer_of(module: str) -> str:
    """The table's row for a module: its app, or the foundation / entry-point groups."""
    parts = module.split(".")
    name = parts[1] if len(parts) > 1 else PACKAGE
    if name in ENTRY_POINTS:
        return "entry points"
    if name in APP_DIRS and name not in FOUNDATION_PACKAGES:
        return name
    return "foundation"  # recordright/__init__, config, keys, dates, startup, db, filestore...


def allowed_table() -> dict[str, set[str]]:
    """The "Which app may import which" table of docs/architecture.md."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Which app may import which", 1)[1].split("\n## ", 1)[0]
    table: dict[str, set[str]] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 2 or not cells[0].startswith("`"):
            continue
        table[cells[0].strip("`")] = set(re.findall(r"`([^`]+)`", cells[1]))
    return table


TABLE = allowed_table()


def layer_graph() -> dict[str, set[str]]:
    layers: dict[str, set[str]] = {}
    for module, targets in GRAPH.items():
        mine = layer_of(module)
        layers.setdefault(mine, set()).update(
            layer_of(target) for target in targets if layer_of(target) != mine)
    return layers


def test_the_doc_has_the_table():
    assert {"rules", "foundation", "web", "directory", "requests", "entry points"} <= set(TABLE)


def test_every_app_has_a_row():
    missing = set(layer_graph()) - set(TABLE)
    assert not missing, f"add a row for {sorted(missing)} to docs/architecture.md"


def test_the_table_itself_has_no_circle():
    graph = {app: allowed for app, allowed in TABLE.items() if app != "entry points"}
    assert find_cycle(graph) is None


@pytest.mark.parametrize("app", sorted(set(TABLE) - {"entry points"}))
def test_each_app_imports_only_what_the_table_allows(app):
    offenders = sorted(
        f"{module} -> {target}" for module, targets in GRAPH.items() if layer_of(module) == app
        for target in targets
        if layer_of(target) != app and layer_of(target) not in TABLE[app])
    assert offenders == [], "not allowed by docs/architecture.md"


def test_no_circle_between_apps():
    assert find_cycle(layer_graph()) is None


@pytest.mark.parametrize("app", sorted(set(TABLE)))
def test_no_circle_within_an_app(app):
    inside = {module: {t for t in targets if layer_of(t) == app}
              for module, targets in GRAPH.items() if layer_of(module) == app}
    assert find_cycle(inside) is None


def test_the_directory_imports_no_domain_app():
    assert TABLE["directory"] <= {"foundation", "web"}
    imported = {layer_of(t) for m, ts in GRAPH.items() if layer_of(m) == "directory" for t in ts}
    assert imported <= {"directory", "foundation", "web"}


def test_function_level_imports_count(tmp_path):
    from tests.architecture.imports import imports_of

    hidden = tmp_path / "hidden.py"
    hidden.write_text("def later():\n    from recordright.requests import stored_assessments\n")
    known = {"recordright.requests", "recordright.requests.stored_assessments"}
    assert imports_of("recordright.x.hidden", hidden, known) == {
        "recordright.requests.stored_assessments"}
