"""The ``recordright`` command: one entry point for everything.

Each subcommand lives in ``recordright/commands/<name>.py`` with the same shape:
``register(subparsers)`` adds its parser and sets ``func``; ``func(args)``
returns the exit code. Commands that need the database call
``recordright.commands.setup_django()`` themselves, so ``assess`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from recordright import __version__
from recordright.startup import StartupError

# The order here is the order in --help.
COMMANDS = [
    "run",
    "assess",
    "patient",
    "remind",
    "providers",
    "check",
    "demo",
    "accounts",
    "audit",
    "manage",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="recordright",
        description="Get your medical records: requests, letters, legal clocks and reminders.",
        epilog="Run 'recordright COMMAND --help' for the options of one command. "
               "Documentation: docs/cli.md",
    )
    parser.add_argument("--version", action="version", version=f"recordright {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"recordright.commands.{name}")
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except StartupError as error:
        print(f"recordright cannot start. {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
