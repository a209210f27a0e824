"""The background worker: runs queued tasks and enqueues the daily jobs once a day."""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

CHECK_EVERY_SECONDS = 300


def enqueue_daily_jobs_forever() -> None:
    from recordright.web.models import DailyJobRun

    while True:
        for dotted in getattr(settings, "RECORDRIGHT_DAILY_TASKS", []):
            if DailyJobRun.claim_today(dotted):
                import_string(dotted).enqueue()
        time.sleep(CHECK_EVERY_SECONDS)


class Command(BaseCommand):
    help = "Run background tasks (reminders, imports) and schedule the daily ones."

    def handle(self, *args, **options):
        # Clean up after a worker that was stopped mid-task (settings.RECORDRIGHT_STARTUP_TASKS).
        for dotted in getattr(settings, "RECORDRIGHT_STARTUP_TASKS", []):
            import_string(dotted).enqueue()
        threading.Thread(target=enqueue_daily_jobs_forever, daemon=True).start()
        call_command("db_worker", interval=2)
