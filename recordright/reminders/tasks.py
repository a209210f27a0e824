"""Background tasks of the reminders app. The worker enqueues ``send_daily_reminders``
once a day (settings.RECORDRIGHT_DAILY_TASKS)."""

from __future__ import annotations

from datetime import date

from django_tasks import task

from recordright.reminders.service import run_reminders


@task()
def send_daily_reminders(day: str | None = None) -> dict:
    """Send today's reminder emails; the same run as ``recordright remind``.

    Takes the day as an ISO string, because task arguments must be JSON.
    """
    report = run_reminders(date.fromisoformat(day) if day else None)
    return report.summary()
