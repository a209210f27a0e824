"""A reader that counts the bytes it hands out and stops at a limit (ZIP members, gzip):
sizes written in headers are never trusted."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import BinaryIO

from recordright.vault.errors import UnreadableDocument


class HostileFile(UnreadableDocument):
    """A limit was hit or an archive tried something unsafe: the whole import stops, even
    when the file was inside another (a ZIP bomb inside a ZIP refuses the outer ZIP)."""


class LimitedReader(io.RawIOBase):
    def __init__(self, stream: BinaryIO, limit: int, message: str,
                 on_read: Callable[[int], None] | None = None) -> None:
        self._stream, self._limit, self._message, self._on_read = stream, limit, message, on_read
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        data = self._stream.read(len(target))
        self.count += len(data)
        if self.count > self._limit:
            raise HostileFile(self._message)
        if self._on_read is not None:
            self._on_read(len(data))
        target[:len(data)] = data
        return len(data)

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            chunks = []
            while block := self.read(1024 * 1024):
                chunks.append(block)
            return b"".join(chunks)
        return super().read(size)

    def close(self) -> None:
        self._stream.close()
        super().close()
