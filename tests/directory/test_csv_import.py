"""A user's own provider list: errors per row and field, all or nothing."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recordright.providers.csv_import import import_provider_csv, npi_is_valid
from recordright.providers.models import Provider

pytestmark = pytest.mark.django_db

GOOD = ("NPI,Name,Phone,Address,City,State,ZIP,Fax,Email\n"
        "1234567893,Springfield Clinic,217-555-0100,1 Main St,Springfield,il,62701,,a@b.org\n"
        ",Dr. Ana Ruiz,,,,,,,\n")


def test_it_checks_npi_check_digits_like_cms():
    assert npi_is_valid("1234567893")
    assert not npi_is_valid("1234567890")
    assert not npi_is_valid("123456789")
    assert not npi_is_valid("12345678a3")


def test_it_imports_columns_in_any_order_and_case(owner):
    result = import_provider_csv(io.BytesIO(GOOD.encode()), owner)
    assert result.ok and len(result.created) == 2
    clinic = Provider.objects.get(owner=owner, name="Springfield Clinic")
    assert (clinic.npi, clinic.state, clinic.zip_code, clinic.email) == (
        "1234567893", "IL", "62701", "a@b.org")


def test_it_lists_every_bad_row_and_imports_nothing(owner):
    bad = GOOD + (",,,,,,,,\n"  # blank lines are skipped
                  "1234567890,Bad NPI Clinic,,,,,,,\n"
                  ",,,,,ZZ,,,not-an-email\n")
    result = import_provider_csv(bad, owner)
    assert [(error.row, error.field) for error in result.errors] == [
        (5, "npi"), (6, "name"), (6, "state"), (6, "email")]
    assert "1234567890" in result.errors[0].message
    assert not Provider.objects.exists()


def test_it_refuses_a_file_without_a_name_column(owner):
    result = import_provider_csv("provider_npi,phone\n1234567893,1\n", owner)
    assert result.errors[0].row == 1 and not Provider.objects.exists()


def test_it_imports_from_the_cli(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(RECORDRIGHT_DATA_DIR=str(tmp_path), RECORDRIGHT_KEY="cd" * 32)
    root = Path(__file__).resolve().parents[2]

    def cli(*args, check=True):
        return subprocess.run([sys.executable, "-m", "recordright", *args], cwd=root, env=env,
                              capture_output=True, text=True, timeout=120, check=check)

    cli("manage", "migrate", "-v0")
    cli("manage", "shell", "-c", "from recordright.accounts.models import User; "
        "User.objects.create_user('csv@example.org', 'correct-horse-battery')")
    source = tmp_path / "mine.csv"
    source.write_text(GOOD + "1234567890,Bad,,,,,,,\n")
    failed = cli("providers", "import-csv", str(source), "--user", "csv@example.org",
                 check=False)
    assert failed.returncode == 1 and "row 4, npi" in failed.stderr
    source.write_text(GOOD)
    assert "Imported 2 providers" in cli("providers", "import-csv", str(source), "--user",
                                         "csv@example.org").stdout
