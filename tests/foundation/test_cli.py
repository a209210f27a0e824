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


@pytest.mark.parametrize("command", [["providers", "search", "smith", "--json"],
                                     ["audit", "verify"], ["remind", "--help"]])
def test_commands_work_on_a_fresh_data_folder(tmp_path, command):
    """No separate migrate step: a command that opens the database brings it up to date."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "RECORDRIGHT_DATA_DIR": str(tmp_path / "data"),
           "RECORDRIGHT_KEY_FILE": str(tmp_path / "key"), "HOME": str(tmp_path)}
    env.pop("RECORDRIGHT_KEY", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-m", "recordright", *command], env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "no such table" not in done.stderr
