"""Subcommands of the ``recordright`` CLI, one module each."""

from __future__ import annotations

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recordright.settings")
    import django
    from django.apps import apps

    if not apps.ready:  # set up once: a second setup would configure logging again
        django.setup()


def open_database() -> None:
    """Set up Django and bring the database up to date, so every command works on a fresh
    data directory without a separate migrate step."""
    setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)
