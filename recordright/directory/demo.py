"""Demo builder: load the small synthetic NPPES fixture when the directory is empty."""

from __future__ import annotations

from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "nppes" / \
    "npidata_pfile_20050523-20260308.csv"


def build(user, patients) -> None:
    from recordright.directory import loader

    if loader.directory_is_empty() and FIXTURE.exists():
        loader.import_path(FIXTURE, kind="full", progress=False)
