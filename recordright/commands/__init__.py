"""Subcommands of the ``recordright`` CLI, one module each."""

from __future__ import annotations

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recordright.settings")
    import django
    from django.apps import apps

    if not apps.ready:  # set up once: a second setup would configure logging again
        django.setup()
