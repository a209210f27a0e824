"""The access log as CSV, safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be read
as a formula by Excel or LibreOffice (CSV injection); such cells get a leading apostrophe,
which spreadsheets show as text and never evaluate.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = ["When (UTC)", "Who (email at the time)", "Account id", "Action", "What",
          "Object id", "Network address", "Entry number"]


def neutralise(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_access_log_csv(out, entries: Iterable,
                         describe: Callable[[str], str] = str) -> None:
    """``describe`` says an entry's stored label in words (the patients app knows how)."""
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for entry in entries:
        writer.writerow([neutralise(cell) for cell in (
            entry.at.strftime("%Y-%m-%d %H:%M:%S"), entry.user_label, entry.user_id or "",
            entry.get_action_display(), describe(entry.what), entry.object_id, entry.address,
            entry.seq)])
