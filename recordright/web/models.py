"""Bookkeeping for the worker's daily jobs."""

from __future__ import annotations

from django.db import IntegrityError, models, transaction
from django.utils import timezone


class DailyJobRun(models.Model):
    job = models.CharField(max_length=200)
    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="one_run_per_job_day")]

    def __str__(self) -> str:
        return f"{self.job} on {self.day}"

    @classmethod
    def claim_today(cls, job: str) -> bool:
        """True for the first worker to claim today's run of a job; False for any other."""
        try:
            with transaction.atomic():
                cls.objects.create(job=job, day=timezone.localdate())
        except IntegrityError:
            return False
        return True
