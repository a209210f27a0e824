"""`recordright assess FILE... [--json]`: assess case files with the rights engine.

A malformed file (unreadable, bad JSON, unknown or missing field, bad value) gets a one-line
message on stderr naming the file and the field; the other files are still assessed and the
exit code is 2. Otherwise it is 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from recordright.rules import CaseError, assess
from recordright.rules.report import render_text

EXIT_MALFORMED = 2


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `assess` subcommand to the top-level CLI's subparsers."""
    parser = subparsers.add_parser(
        "assess", help="assess case files against HIPAA and state law",
        description="Assess what the law says about medical-records requests described in "
                    "case files (format recordright-case/1, see docs/case-format.md).")
    _add_arguments(parser)
    parser.set_defaults(func=run)
    return parser


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="case JSON file(s)")
    parser.add_argument("--json", action="store_true",
                        help="print one result JSON object per file, one per line")


def _load(path: str) -> dict:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseError("(file)", f"cannot read: {exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CaseError("(json)", f"not valid JSON: {exc.msg} at line {exc.lineno} "
                                  f"column {exc.colno}") from None


def run(args: argparse.Namespace) -> int:
    today = dt.date.today()  # the only place "today" is read; the core takes it as a parameter
    status = 0
    for n, path in enumerate(args.files):
        try:
            result = assess(_load(path), source=path, today=today)
        except CaseError as exc:
            print(f"{path}: {exc.field}: {exc.problem}", file=sys.stderr)
            status = EXIT_MALFORMED
            continue
        if args.json:
            print(json.dumps(result, ensure_ascii=False))
        else:
            if n:
                print()
            print(render_text(result), end="")
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="recordright assess")
    _add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
