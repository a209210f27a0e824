"""The daily job that re-asks the rights engine about every request, early, so that the
first dashboard of the day is as fast as the rest (add it to RECORDRIGHT_DAILY_TASKS)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from recordright.requests.models import RecordsRequest
from recordright.requests.stored_assessments import refresh_stale


@task()
def refresh_assessments() -> int:
    return refresh_stale(RecordsRequest.objects.all(), timezone.localdate())
