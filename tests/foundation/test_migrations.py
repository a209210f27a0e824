"""Every model change comes with its (named) migration."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)


def test_migrations_are_named_for_what_they_do():
    names = [path.name for path in (ROOT / "recordright").glob("*/migrations/0*.py")]
    assert names
    assert not [name for name in names if re.search(r"_(initial|auto_\d+_\d+)\.py$", name)]
