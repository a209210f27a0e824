"""The command-line reference, generated from the parsers' own help texts."""

from __future__ import annotations

import argparse
import os

from recordright.cli import build_parser

HEADER = """# Command-line reference

Generated from `recordright --help` by `make docs` (`scripts/write-cli-docs`); a test fails
when this page and the program disagree. Run any command with `--help` for the same text.

"""


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _section(path: str, parser: argparse.ArgumentParser, level: int) -> list[str]:
    parts = [f"{'#' * level} `{path}`\n", "```text", parser.format_help().rstrip(), "```\n"]
    for name, child in _subparsers(parser).items():
        parts.extend(_section(f"{path} {name}", child, min(level + 1, 4)))
    return parts


def render_cli_reference() -> str:
    os.environ["COLUMNS"] = "100"  # stable wrapping of the help texts
    parser = build_parser()
    return HEADER + "\n".join(_section("recordright", parser, 2)) + "\n"
