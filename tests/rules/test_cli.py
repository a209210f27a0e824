"""`recordright assess FILE... [--json]` run as a subprocess."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rules_helpers import make_case

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "docs" / "examples").glob("*.json"))


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "recordright.commands.assess", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(make_case(received="2024-01-02", as_of="2024-03-01")))
    other = tmp_path / "other.json"
    other.write_text(json.dumps(make_case(received="2024-01-02", as_of="2024-01-05")))
    bad_field = tmp_path / "bad_field.json"
    bad_field.write_text(json.dumps(make_case(received="2024-01-02", events=[
        {"on": "2024-01-03", "type": "denial", "in_writing": True, "grounds": ["foo"]}])))
    bad_json = tmp_path / "bad_json.json"
    bad_json.write_text("{not json")
    bad_date = tmp_path / "bad_date.json"
    bad_date.write_text(json.dumps(make_case(received="2024-13-01")))
    return {"good": good, "other": other, "bad_field": bad_field, "bad_json": bad_json,
            "bad_date": bad_date, "missing": tmp_path / "missing.json"}


def test_json_one_line_per_file_in_order(files):
    p = cli(str(files["good"]), str(files["other"]), "--json")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(x) for x in lines)
    assert first["source"] == str(files["good"]) and first["status"] == "overdue"
    assert second["source"] == str(files["other"]) and second["status"] == "pending"


def test_human_readable_default(files):
    p = cli(str(files["good"]))
    assert p.returncode == 0
    assert "OVERDUE" in p.stdout and "45 CFR 164.524(b)(2)(i)" in p.stdout
    assert "Complain to the HHS Office for Civil Rights (by July 31, 2024)" in p.stdout


def test_malformed_files_reported_others_still_assessed(files):
    p = cli(str(files["bad_field"]), str(files["good"]), str(files["bad_json"]),
            str(files["missing"]), str(files["bad_date"]), str(files["other"]), "--json")
    assert p.returncode == 2
    assert [json.loads(x)["source"] for x in p.stdout.splitlines()] == [
        str(files["good"]), str(files["other"])]
    err = p.stderr.splitlines()
    assert len(err) == 4
    assert err[0] == f"{files['bad_field']}: events[0].grounds[0]: unknown denial ground 'foo'" \
        + err[0].split("'foo'", 1)[1]
    assert err[1].startswith(f"{files['bad_json']}: (json): not valid JSON")
    assert err[2].startswith(f"{files['missing']}: (file): cannot read")
    assert err[3].startswith(f"{files['bad_date']}: request.received_on: not a valid date")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_documented_examples_assess(example):
    p = cli(str(example), "--json")
    assert p.returncode == 0, p.stderr


def test_register_adds_subcommand():
    import argparse

    from recordright.commands import assess as cmd

    parser = argparse.ArgumentParser(prog="recordright")
    cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["assess", "a.json", "--json"])
    assert args.func is cmd.run and args.files == ["a.json"] and args.json


def test_a_deeply_nested_file_gets_a_clear_message_not_a_traceback(files, tmp_path):
    """Before: 100,000 levels of nesting ended in a RecursionError traceback, exit 1."""
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    nested = tmp_path / "nested.json"  # parses, but deeper than a case ever is
    nested.write_text(json.dumps(make_case(received="2024-01-02") | {
        "request": {"records": [[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]}}))
    p = cli(str(deep), str(nested), str(files["good"]))
    assert p.returncode == 2
    assert "Traceback" not in p.stderr
    assert p.stderr.splitlines() == [
        f"{deep}: (json): nested too deeply: a case file may nest lists and objects up to "
        "20 levels",
        f"{nested}: (json): nested too deeply: a case file may nest lists and objects up to "
        "20 levels"]
    assert "OVERDUE" in p.stdout  # the good file is still assessed


def test_a_huge_file_is_refused_without_being_read(files, tmp_path):
    """Before: a 44 MB case took 26 s and 1.5 GB."""
    huge = tmp_path / "huge.json"
    case = make_case(received="2024-01-02")
    case["padding"] = "x" * (3 * 1024 * 1024)
    huge.write_text(json.dumps(case))
    p = cli(str(huge), str(files["good"]), "--json")
    assert p.returncode == 2
    assert p.stderr.strip() == f"{huge}: (file): too large: a case file may be up to 2 MB"
    assert len(p.stdout.splitlines()) == 1
