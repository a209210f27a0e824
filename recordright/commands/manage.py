"""``recordright manage ...``: Django's management commands, for administrators."""

from __future__ import annotations

import argparse

from recordright.commands import open_database, setup_django

# Commands about migrations themselves (or help) see the database as it is; every other
# command finds it up to date, so 'manage changepassword' works on a fresh data folder.
AS_IT_IS = {"migrate", "makemigrations", "showmigrations", "sqlmigrate", "squashmigrations",
            "optimizemigration", "help", "version", "--help", "-h", "--version"}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "manage", help="run a Django management command (migrate, createsuperuser, ...)",
        description="Run a Django management command, e.g. 'recordright manage createsuperuser'.")
    parser.add_argument("arguments", nargs=argparse.REMAINDER)
    parser.set_defaults(func=run)


def run(args) -> int:
    if not args.arguments or args.arguments[0] in AS_IT_IS:
        setup_django()
    else:
        open_database()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["recordright manage", *args.arguments])
    _audit(args.arguments)
    return 0


def _audit(arguments: list[str]) -> None:
    """A password set by an administrator is a security change the audit log records."""
    if len(arguments) < 2 or arguments[0] != "changepassword":
        return
    from django.contrib.auth import get_user_model

    from recordright.audit.log import record
    from recordright.audit.models import AuditEntry

    user = get_user_model().objects.filter(email__iexact=arguments[-1]).first()
    if user is not None:
        record(user, None, AuditEntry.Action.PASSWORD, "password set by an administrator",
               user, label=user.email)
