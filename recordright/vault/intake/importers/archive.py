"""ZIP archives (a portal's "download my record", an electronic health information export,
an Apple Health export): every member becomes a document of its own, read by its content.

Before anything is stored, the whole directory is checked: entry count, nesting depth,
absolute and ``..`` names, symbolic links and encrypted entries are refused. While reading,
each member's bytes are counted against the per-entry limit, the archive's total and the
compression ratio: the sizes written in the archive are never trusted (a ZIP bomb lies).
"""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath, PureWindowsPath
from typing import BinaryIO

from django.conf import settings

from recordright.vault.choices import Arrival, Kind
from recordright.vault.errors import UnreadableDocument
from recordright.vault.intake.base import Child, Extracted, ReadContext, read_bounded
from recordright.vault.intake.limited import HostileFile, LimitedReader

# Files an archiver adds that are not records.
_JUNK = ("__MACOSX/", ".DS_Store", "Thumbs.db")


def _refuse(name: str, why: str) -> HostileFile:
    return HostileFile(f"This ZIP archive was not imported: the entry “{name[:120]}” "
                              f"{why}.")


def check_member(info: zipfile.ZipInfo) -> None:
    name = info.filename
    if name.startswith(("/", "\\")) or PureWindowsPath(name).drive:
        raise _refuse(name, "has an absolute path")
    if ".." in PurePosixPath(name.replace("\\", "/")).parts:
        raise _refuse(name, "points outside the archive (“..”)")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise _refuse(name, "is a symbolic link")
    if info.flag_bits & 0x1:
        raise _refuse(name, "is encrypted with a password")


def _members(archive: zipfile.ZipFile, depth: int) -> list[zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > settings.RECORDRIGHT_VAULT_ZIP_MAX_ENTRIES:
        raise HostileFile(
            f"This ZIP archive has {len(infos):,} entries; the vault opens at most "
            f"{settings.RECORDRIGHT_VAULT_ZIP_MAX_ENTRIES:,}.")
    for info in infos:
        check_member(info)
    return [info for info in infos if not info.is_dir()
            and not any(part in info.filename for part in _JUNK)]


class _Budget:
    """The archive's total unpacked bytes, counted across members."""

    def __init__(self, limit: int) -> None:
        self.limit, self.used = limit, 0

    def spend(self, count: int) -> None:
        self.used += count
        if self.used > self.limit:
            raise HostileFile(
                "This ZIP archive unpacks to more than "
                f"{self.limit // 2**20:,} MB, so it was not imported (it may be a ZIP bomb).")


def _open_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> BinaryIO:
    per_entry = settings.RECORDRIGHT_VAULT_ZIP_MAX_ENTRY_BYTES
    ratio = settings.RECORDRIGHT_VAULT_ZIP_MAX_RATIO
    # Small members may compress extremely well (a blank form); the ratio applies above 1 MB.
    limit = min(per_entry, max(2**20, info.compress_size * ratio))
    message = (f"This ZIP archive was not imported: the entry “{info.filename[:120]}” unpacks "
               "to far more than it should (it may be a ZIP bomb).")
    try:
        raw = archive.open(info)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
        raise _refuse(info.filename, "cannot be unpacked") from exc
    return io.BufferedReader(LimitedReader(raw, limit, message, on_read=budget.spend))


def _children(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> Iterator[Child]:
    budget = _Budget(settings.RECORDRIGHT_VAULT_ZIP_MAX_TOTAL_BYTES)
    with archive:
        for info in members:
            yield Child(name=info.filename, arrival=Arrival.ARCHIVE,
                        open=lambda info=info: _open_member(archive, info, budget))


class ArchiveImporter:
    kind = Kind.ZIP

    def read(self, context: ReadContext) -> Extracted:
        if context.depth >= settings.RECORDRIGHT_VAULT_ZIP_MAX_DEPTH:
            raise HostileFile("This ZIP archive is nested inside too many others; it "
                                     "was not imported.")
        stream = context.open_original()
        if not stream.seekable():
            # zipfile needs to seek: hold the archive in memory (never in a plain file).
            with stream:
                stream = io.BytesIO(read_bounded(stream, settings.RECORDRIGHT_VAULT_MAX_ZIP_BYTES,
                                                 "ZIP archive"))
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            stream.close()
            raise UnreadableDocument("This ZIP archive is damaged and cannot be opened.") from exc
        try:
            members = _members(archive, context.depth)
        except UnreadableDocument:
            archive.close()
            raise
        return Extracted(children=_children(archive, members),
                         text="\n".join(info.filename for info in members), text_source="names")


IMPORTER = ArchiveImporter()
