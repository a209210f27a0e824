"""The name a user gave an uploaded file, made to fit a database column.

Browsers send names of up to 255 characters (more on some systems); the columns that keep
the original name for downloads are shorter. Cut the middle, keep the extension, so that
``scan ... of the letter.pdf`` still opens as a PDF once downloaded.
"""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath, PureWindowsPath

ELLIPSIS = "…"
MAX_EXTENSION = 16  # ".pdf", ".jpeg", ".docx"; anything longer is part of the name


def fit(name: str, max_length: int, default: str = "file") -> str:
    """``name`` without folders or control characters, at most ``max_length`` characters."""
    name = PureWindowsPath(PurePosixPath(name).name).name  # "C:\\scans\\a.pdf" → "a.pdf"
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip() or default
    if len(name) <= max_length:
        return name
    suffix = PurePosixPath(name).suffix
    if len(suffix) > MAX_EXTENSION or len(suffix) >= max_length - 1:
        suffix = ""
    stem = name[: len(name) - len(suffix)]
    return stem[: max_length - len(suffix) - len(ELLIPSIS)].rstrip() + ELLIPSIS + suffix
