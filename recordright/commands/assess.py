"""`recordright assess FILE... [--json]`: assess case files with the rights engine.

A malformed file (unreadable, bad JSON, unknown or missing field, bad value) gets a one-line
message on stderr naming the file and the field; the other files are still assessed and the
exit code is 2. Otherwise it is 0. So is a file over 2 MB, or nesting deeper than 20 levels.
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
# A case is a few kilobytes and nests four levels deep; these limits are generous and keep a
# hostile or mistaken file from taking the machine's memory and time (docs/case-format.md).
MAX_CASE_BYTES = 2 * 1024 * 1024
MAX_CASE_DEPTH = 20


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


def _read(path: str) -> str:
    """The file's text, refusing one larger than MAX_CASE_BYTES without reading it all."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_CASE_BYTES + 1)
        if len(data) > MAX_CASE_BYTES:
            raise CaseError("(file)", f"too large: a case file may be up to "
                                      f"{MAX_CASE_BYTES // (1024 * 1024)} MB")
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseError("(file)", f"cannot read: {exc}") from None


def _depth(value: object) -> int:
    """How deeply lists and objects nest (iteratively: no recursion to exhaust)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(
            item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_CASE_DEPTH:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


def _load(path: str) -> dict:
    text = _read(path)
    too_deep = CaseError("(json)", f"nested too deeply: a case file may nest lists and "
                                   f"objects up to {MAX_CASE_DEPTH} levels")
    try:
        case = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CaseError("(json)", f"not valid JSON: {exc.msg} at line {exc.lineno} "
                                  f"column {exc.colno}") from None
    except RecursionError:
        raise too_deep from None
    if _depth(case) > MAX_CASE_DEPTH:
        raise too_deep
    return case


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
