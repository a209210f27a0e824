"""The checks that ``recordright check`` runs: a small registry, one function per check.

A check is a function that returns a ``CheckResult``: what it looked at (one line) and the
problems it found (one line each, naming files and row ids, never health data). Modules that
own data register their checks on import; ``BUILTIN`` lists the modules imported before a run,
and an app can also register from its ``AppConfig.ready()`` (the vault adds its search index).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class CheckResult:
    summary: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth knowing, not a problem

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Check:
    name: str
    title: str
    run: Callable[..., CheckResult]


BUILTIN = ("recordright.filestore.checks", "recordright.vault.checks")
_checks: dict[str, Check] = {}


def register(name: str, title: str) -> Callable[[Callable[..., CheckResult]], Callable]:
    """Decorator: ``@register("files", "Stored files")`` adds a check (a name replaces)."""
    def add(function: Callable[..., CheckResult]) -> Callable[..., CheckResult]:
        _checks[name] = Check(name, title, function)
        return function
    return add


def all_checks() -> list[Check]:
    for module in BUILTIN:
        importlib.import_module(module)
    return list(_checks.values())
