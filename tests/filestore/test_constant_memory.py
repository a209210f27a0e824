"""A 500 MB file is encrypted and decrypted in constant memory (one chunk at a time)."""

from __future__ import annotations

import io
import os
import resource
import threading
import time
import tracemalloc

import pytest

from recordright.filestore.format import decrypt_stream, encrypt_stream

SIZE = 500 * 1024 * 1024
KEK = bytes(range(32))


class Generated(io.RawIOBase):
    """``size`` bytes made up as they are read: nothing of the file exists anywhere at once."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.block = os.urandom(1024 * 1024 + 7)  # odd length: chunks never repeat in step
        self.offset = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = min(len(buffer), self.left, len(self.block) - self.offset)
        buffer[:count] = self.block[self.offset:self.offset + count]
        self.offset = (self.offset + count) % len(self.block)
        self.left -= count
        return count


class Counting:
    def __init__(self) -> None:
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return len(data)


@pytest.mark.slow  # about 4 s alone, more on a busy machine
def test_a_500_mb_file_round_trips_in_constant_memory():
    read_end, write_end = os.pipe()
    sealed_digest = {}

    def encrypt() -> None:
        with open(write_end, "wb", buffering=0) as pipe:
            sealed_digest["digest"] = encrypt_stream(Generated(SIZE), pipe, KEK, "k1")

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    tracemalloc.start()
    started = time.perf_counter()
    writer = threading.Thread(target=encrypt)
    writer.start()
    sink = Counting()
    with open(read_end, "rb", buffering=0) as pipe:  # not seekable: read strictly in order
        opened = decrypt_stream(pipe, sink, {"k1": KEK})
    writer.join()
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before

    assert opened == sealed_digest["digest"]
    assert opened.size == sink.size == SIZE
    assert peak < 8 * 1024 * 1024, f"Python allocations peaked at {peak / 2**20:.1f} MiB"
    assert rss_growth < 64 * 1024, f"peak RSS grew by {rss_growth / 1024:.1f} MiB"
    print(f"500 MB encrypted and decrypted in {elapsed:.1f} s, tracemalloc peak "
          f"{peak / 2**20:.1f} MiB, peak RSS growth {rss_growth / 1024:.1f} MiB")
