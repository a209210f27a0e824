"""Subcommands of the ``recordright`` CLI, one module each."""

from __future__ import annotations

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recordright.settings")
    import django

    django.setup()
