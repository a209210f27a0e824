"""The synthetic NPPES fixture, loaded into the directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.nppes import make_fixture

FIXTURES = Path(make_fixture.__file__).resolve().parent
MAIN = FIXTURES / make_fixture.MAIN
WEEKLY = FIXTURES / make_fixture.WEEKLY
DEACTIVATIONS = FIXTURES / make_fixture.DEACTIVATIONS
NPIS = {key: int(value) for key, value in make_fixture.NPIS.items()}


@pytest.fixture
def directory(db):
    from recordright.directory import loader

    return loader.import_path(MAIN, progress=False)


def write_blanked_main(folder: Path, npi: int) -> Path:
    """The fixture's main file, a month later, with ``npi`` deactivated and blanked as CMS
    does (only the NPI and the deactivation date left)."""
    blanked = folder / "npidata_pfile_20050523-20260405.csv"
    lines = MAIN.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if line.startswith(f'"{npi}"'))
    cells = ['""'] * 330
    cells[0], cells[39] = f'"{npi}"', '"03/01/2026"'
    lines[row] = ",".join(cells) + "\r\n"
    blanked.write_text("".join(lines), encoding="utf-8")
    return blanked


@pytest.fixture(autouse=True)
def _fresh_specialty_names():
    """The specialty names are cached per process: a test must not see another's."""
    from recordright.directory import taxonomy

    taxonomy.clear_cache()
    yield
    taxonomy.clear_cache()
