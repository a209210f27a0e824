"""Subcommands of the ``recordright`` CLI, one module each."""

from __future__ import annotations

import os

from recordright import startup
from recordright.startup import Prepared


def setup_django() -> Prepared:
    """Prepare the key and folders (recordright.startup), then set Django up.

    Every command that opens the database calls this first; StartupError reaches the
    user as one sentence (cli.main)."""
    prepared = startup.prepare()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recordright.settings")
    import django
    from django.apps import apps

    if not apps.ready:  # set up once: a second setup would configure logging again
        django.setup()
    return prepared
