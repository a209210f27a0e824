"""The file store's checks for ``recordright check``: every file against its row, both ways.

- "files": every file a row names exists, decrypts (every chunk authenticates) and has the
  SHA-256 its row keeps; a row without a checksum, or two rows naming one file, is a problem.
- "orphans": every file in the store is named by a row; unfinished writes (``.part`` files a
  killed process left) are listed too. A file being saved at this very moment shows up as well,
  so ``--remove-orphans`` removes only files older than an hour.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime, timedelta

from recordright.filestore import registry, store
from recordright.filestore.format import FileStoreError
from recordright.integrity import CheckResult, register

# A file younger than this may belong to a transaction that has not committed yet.
ORPHAN_AGE = timedelta(hours=1)


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return ""  # pragma: no cover


@register("files", "Stored files")
def stored_files(*, quick: bool = False, **_options) -> CheckResult:
    references = list(registry.references())
    problems: list[str] = []
    total = 0
    for name, count in Counter(ref.name for ref in references).items():
        if count > 1:
            owners = ", ".join(ref.owner for ref in references if ref.name == name)
            problems.append(f"{name} is named by {count} rows ({owners}): deleting one would "
                            f"delete the others' file")
    for ref in references:
        where = f"{ref.name} ({ref.owner})"
        if not store.is_store_name(ref.name) or not store.exists(ref.name):
            problems.append(f"{where}: the file is missing")
            continue
        if ref.sha256 == "":
            problems.append(f"{where}: the row keeps no checksum")
        if quick:
            continue
        try:
            digest = store.verify(ref.name)
        except FileStoreError as error:
            problems.append(f"{where}: {error}")
            continue
        total += digest.size
        if ref.sha256 and digest.sha256 != ref.sha256:
            problems.append(f"{where}: the contents do not match the checksum in the row")
    how = "found" if quick else f"decrypted ({_size(total)}) and compared with their checksums"
    return CheckResult(f"{len(references)} file(s) named by rows, {how}.", problems)


@register("orphans", "Files without a row")
def orphan_files(*, remove_orphans: bool = False, **_options) -> CheckResult:
    """Files no row names; with ``remove_orphans``, those older than ``ORPHAN_AGE`` go."""
    named = {ref.name for ref in registry.references()}
    result = CheckResult("")
    count = 0
    now = time.time()
    for name in store.all_names():
        count += 1
        if name in named:
            continue
        path = store.root() / name
        stat = path.stat()
        written = datetime.fromtimestamp(stat.st_mtime, tz=UTC).strftime("%Y-%m-%d %H:%M UTC")
        what = ("an unfinished write" if name.endswith(store.PARTIAL_SUFFIX)
                else "no row names this file")
        line = f"{name}: {what} ({_size(stat.st_size)} encrypted, written {written})"
        if remove_orphans and now - stat.st_mtime > ORPHAN_AGE.total_seconds():
            path.unlink(missing_ok=True)
            result.notes.append(f"removed {line}")
        else:
            result.problems.append(line)
    result.summary = f"{count} file(s) in {store.root()}."
    return result
