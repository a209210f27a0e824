"""Sharing tests: a patient with records imported through the vault's own import path."""

from __future__ import annotations

from pathlib import Path

import pytest

from recordright.vault.importing import import_paths


@pytest.fixture(autouse=True)
def store_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


@pytest.fixture
def import_files():
    def run(patient, *paths: Path) -> list:
        outcomes = list(import_paths(patient, [str(path) for path in paths]))
        assert all(outcome.status in ("imported", "duplicate") for outcome in outcomes), outcomes
        return outcomes
    return run
