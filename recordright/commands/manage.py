"""``recordright manage ...``: Django's management commands, for administrators."""

from __future__ import annotations

import argparse

from recordright.commands import setup_django


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "manage", help="run a Django management command (migrate, createsuperuser, ...)",
        description="Run a Django management command, e.g. 'recordright manage createsuperuser'.")
    parser.add_argument("arguments", nargs=argparse.REMAINDER)
    parser.set_defaults(func=run)


def run(args) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["recordright manage", *args.arguments])
    return 0
