"""The recordright command: --help for every command, and docs/cli.md kept current."""

import subprocess
import sys
from pathlib import Path

import pytest

from recordright.cli import COMMANDS, build_parser
from recordright.clidoc import render_cli_reference

ROOT = Path(__file__).resolve().parents[2]


def test_it_lists_every_command_in_help():
    result = subprocess.run([sys.executable, "-m", "recordright", "--help"], capture_output=True,
                            text=True, cwd=ROOT, check=True)
    for name in COMMANDS:
        assert f"    {name}" in result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_explains_itself(name, capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args([name, "--help"])
    assert exit_info.value.code == 0
    assert f"usage: recordright {name}" in capsys.readouterr().out


def test_the_cli_reference_in_docs_is_current():
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == render_cli_reference(), (
        "docs/cli.md is out of date: run 'make docs'")


FIXTURES = ROOT / "tests" / "fixtures"
NPPES = FIXTURES / "nppes"
NOTE = FIXTURES / "vault" / "ccda_small.xml"

# Every command that opens the database, each on an empty data folder, with what it says.
# A command about a patient, link or account that does not exist yet answers in one sentence
# (exit 2); none may fail on a table that is not there yet.
FRESH_FOLDER_COMMANDS = {
    "patient add": (["patient", "add", "Ana Núñez", "--born", "1980-02-03"], 0, "1"),
    "patient list": (["patient", "list"], 2, "no accounts yet"),
    "import": (["import", "--patient", "1", str(NOTE)], 2, "no patient with the id 1"),
    "search": (["search", "--patient", "1", "allergy"], 2, "no patient with the id 1"),
    "export": (["export", "--patient", "1", "--format", "zip", "--output", "out.zip"], 2,
               "no patient with the id 1"),
    "share": (["share", "--patient", "1"], 2, "no patient with the id 1"),
    "share revoke": (["share", "revoke", "1"], 2, "no share link with the id 1"),
    "remind": (["remind", "--dry-run"], 0, "0 reminder email(s) would be sent"),
    "providers import": (["providers", "import",
                          str(NPPES / "npidata_pfile_20050523-20260308.csv")], 0, "Imported"),
    "providers import weekly": (["providers", "import", str(
        NPPES / "weekly" / "npidata_pfile_20260309-20260315.csv")], 0, "Imported"),
    "providers import-taxonomy": (["providers", "import-taxonomy", str(NOTE)], 2,
                                  "Nothing was changed"),
    "providers search": (["providers", "search", "smith"], 0, "No provider found"),
    "providers import-csv": (["providers", "import-csv", "--user", "x@example.org",
                              str(NOTE)], 2, "No account"),
    "check": (["check"], 0, "Everything matches"),
    "accounts verify-email": (["accounts", "verify-email", "x@example.org"], 2, "No account"),
    "audit verify": (["audit", "verify"], 0, "intact"),
    "manage changepassword": (["manage", "changepassword", "x@example.org"], 1,
                              "does not exist"),
    "demo": (["demo", "--password", "demo-password-1234"], 0, "demo"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", FRESH_FOLDER_COMMANDS)
def test_commands_work_on_a_fresh_data_folder(tmp_path, name):
    """No separate migrate step: a command that opens the database brings it up to date."""
    import os

    command, code, says = FRESH_FOLDER_COMMANDS[name]
    env = {**os.environ, "RECORDRIGHT_DATA_DIR": str(tmp_path / "data"),
           "RECORDRIGHT_KEY_FILE": str(tmp_path / "key"), "HOME": str(tmp_path)}
    env.pop("RECORDRIGHT_KEY", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-m", "recordright", *command], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)
    output = done.stdout + done.stderr
    assert "Traceback" not in output and "no such table" not in output, output[-2000:]
    assert done.returncode == code, output[-2000:]
    assert says.lower() in output.lower(), output[-2000:]


def test_every_command_that_opens_the_database_is_tried_on_a_fresh_folder():
    """A new command must be added to FRESH_FOLDER_COMMANDS (run and assess need none)."""
    tried = {name.split()[0] for name in FRESH_FOLDER_COMMANDS}
    assert set(COMMANDS) - tried == {"run", "assess"}
