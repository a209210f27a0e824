"""Sanity checks around a directory import: one at a time, no silent shrinking, no ghosts.

- An import records its process (pid and host). An import still "running" whose process
  is gone (``kill -9``, a crash, a reboot) is marked failed by the next import, so the
  log never shows a ghost import running forever.
- Two imports at once would fill the same staging tables: the second is refused.
- A full import that would leave the directory much smaller than it is (a header-only
  file, a file cut at 30 %) is refused before the swap unless forced: ``--force`` or
  ``RECORDRIGHT_DIRECTORY_MAX_REMOVAL_PERCENT``.
"""

from __future__ import annotations

import os
import socket

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from recordright.directory.models import DirectoryImport, NpiRecord


class ImportRefused(ValueError):
    """The import would do harm (or another one is running): nothing was changed."""


def this_host() -> str:
    return socket.gethostname()[:255]


def process_is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def fail_abandoned_imports() -> int:
    """Mark failed the imports left "running" by a process of this host that is gone.
    (Another host's import can't be checked from here: left as it is.)"""
    abandoned = [log for log in DirectoryImport.objects.filter(
                     status=DirectoryImport.Status.RUNNING, host=this_host())
                 if log.pid is None or not process_is_alive(log.pid)]
    for log in abandoned:
        log.status = DirectoryImport.Status.FAILED
        log.message = _("The import stopped without finishing: its process ended "
                        "(killed or crashed). Nothing was changed by it.")
        log.finished_at = timezone.now()
        log.save(update_fields=["status", "message", "finished_at"])
    return len(abandoned)


def refuse_if_running() -> None:
    """One import at a time (it would share the staging tables)."""
    for log in DirectoryImport.objects.filter(status=DirectoryImport.Status.RUNNING):
        if log.pid != os.getpid() or log.host != this_host():
            raise ImportRefused(
                _("Another directory import is running (%(source)s, started %(started)s, "
                  "process %(pid)s on %(host)s). Wait for it to finish.")
                % {"source": log.source, "started": log.started_at.isoformat(timespec="seconds"),
                   "pid": log.pid, "host": log.host or "?"})


def max_removal_percent() -> int:
    return int(getattr(settings, "DIRECTORY_MAX_REMOVAL_PERCENT", 10))


def live_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {NpiRecord._meta.db_table}")  # noqa: S608 - constant table name
        return int(cursor.fetchone()[0])


def check_removal(new_rows: int, force: bool) -> None:
    """Refuse a full import that would remove more than the allowed share of the current
    directory, counted as the rows it would lose (current minus new, when fewer)."""
    if force:
        return
    current = live_count()
    removed = current - new_rows
    limit = max_removal_percent()
    if current and removed > 0 and removed * 100 > current * limit:
        raise ImportRefused(
            _("This file has %(new)s providers, %(removed)s (%(share).0f %%) fewer than the "
              "%(current)s in the directory now, more than the %(limit)s %% a full import may "
              "remove. It may be cut short or the wrong file. If it is right, import it again "
              "with --force.")
            % {"new": f"{new_rows:,}", "removed": f"{removed:,}",
               "share": removed * 100 / current, "current": f"{current:,}", "limit": limit})
