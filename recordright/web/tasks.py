"""The daily job that forgets used one-time form tokens once no page could send them again.

A page is only sent back within a signed-in session: SESSION_COOKIE_AGE ends every session,
and signing in again gives a new CSRF token, so an older page is refused anyway. A day is
added for clocks and pages left open across midnight.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from recordright.web.models import UsedFormToken


def forget_before() -> datetime:
    return timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE) - timedelta(days=1)


@task()
def forget_old_form_tokens() -> int:
    deleted, _by_model = UsedFormToken.objects.filter(used_at__lt=forget_before()).delete()
    return deleted
