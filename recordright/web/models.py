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


class UsedFormToken(models.Model):
    """A create form's one-time token, stored once it has been used (``web.once``).

    The unique constraint is the whole guard: two submissions of one page race to insert the
    same token and the database lets exactly one win, on SQLCipher and PostgreSQL alike.
    """

    token = models.CharField(max_length=64, unique=True)
    # The account that used it; a token is never honoured for anyone else.
    user_id = models.BigIntegerField(null=True)
    # Where the first submission led (the thing it created); set before its commit.
    result_url = models.CharField(max_length=500, blank=True)
    used_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"form token used at {self.used_at:%Y-%m-%d %H:%M}"
