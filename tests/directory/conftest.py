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


@pytest.fixture(autouse=True)
def _fresh_specialty_names():
    """The specialty names are cached per process: a test must not see another's."""
    from recordright.directory import taxonomy

    taxonomy.clear_cache()
    yield
    taxonomy.clear_cache()
