"""Records that answer a request: its "records arrived" event, once per batch of files."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import ngettext

from recordright.requests.choices import EventType
from recordright.requests.models import RecordsRequest
from recordright.requests.timeline import add_event


def record_arrival(request: RecordsRequest, user, file_count: int) -> None:
    text = ngettext("%(count)d file added to the vault.", "%(count)d files added to the vault.",
                    file_count) % {"count": file_count}
    add_event(request, type=EventType.RECORDS_PROVIDED, on=timezone.localdate(), user=user,
              text=text)
