"""Benchmark the file store's encryption: MB/s beside references measured in the same run.

    python bench/filestore.py              # 256 MB, best of 3
    python bench/filestore.py --mb 1024 --repeat 5

Measures, on the same random bytes:
- references: SHA-256 of the bytes, AES-256-GCM over one buffer (no chunks), the two together
  over one buffer and over 64 KiB slices (the work the store cannot avoid: it hashes and
  encrypts every byte; the sliced figure is the one the store is compared with), and the old
  format (Fernet, whole file in memory; on at most 64 MB, it holds everything at once);
- the store's format: ``encrypt_stream`` and ``decrypt_stream`` from memory to memory, then
  through a file on disk (written, fsynced, read back) in a temporary folder.
Prints MB/s (best of ``--repeat``) and the store's rate as a share of the reference.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.fernet import Fernet  # noqa: E402
from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: E402

from recordright.filestore.format import decrypt_stream, encrypt_stream  # noqa: E402

KEK = os.urandom(32)
FERNET_MAX = 64 * 1024 * 1024


class Sink:
    def write(self, data: bytes) -> int:
        return len(data)


def best_rates(works: list[tuple[str, int, Callable[[], object]]],
               repeat: int) -> list[tuple[str, float]]:
    """MB/s of each work, best of ``repeat``; rounds interleave the works in a shuffled order so
    that a busy machine slows them all alike."""
    best = {label: float("inf") for label, _size, _work in works}
    order = list(works)
    for _ in range(repeat):
        random.Random(len(best) + _).shuffle(order)
        for label, _size, work in order:
            started = time.perf_counter()
            work()
            best[label] = min(best[label], time.perf_counter() - started)
    return [(label, size / best[label] / 1e6) for label, size, _work in works]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=256, help="size of the test data in MB")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (best is kept)")
    args = parser.parse_args()
    size = args.mb * 1024 * 1024
    data = os.urandom(size)
    sealed = io.BytesIO()
    encrypt_stream(io.BytesIO(data), sealed, KEK, "bench")
    sealed_bytes = sealed.getvalue()
    nonce = os.urandom(12)
    key = AESGCM.generate_key(bit_length=256)

    def sha_and_gcm() -> None:
        hashlib.sha256(data).digest()
        AESGCM(key).encrypt(nonce, data, None)

    def sha_and_gcm_sliced() -> None:
        """The same work in 64 KiB slices: no page faults for a 256 MB result, no format."""
        digest, aead, view = hashlib.sha256(), AESGCM(key), memoryview(data)
        for start in range(0, size, 65536):
            piece = view[start:start + 65536]
            digest.update(piece)
            aead.encrypt(nonce, piece, None)

    fernet_data = data[:FERNET_MAX]
    fernet = Fernet(Fernet.generate_key())
    folder = tempfile.TemporaryDirectory(prefix="bench-filestore-")
    path = Path(folder.name) / "file.enc"

    def to_disk() -> None:
        with path.open("wb") as out:
            encrypt_stream(io.BytesIO(data), out, KEK, "bench")
            out.flush()
            os.fsync(out.fileno())

    def from_disk() -> None:
        with path.open("rb") as handle:
            decrypt_stream(handle, Sink(), {"bench": KEK})

    works: list[tuple[str, int, Callable[[], object]]] = [
        ("reference: SHA-256 of the bytes", size, lambda: hashlib.sha256(data).digest()),
        ("reference: AES-256-GCM, one buffer", size,
         lambda: AESGCM(key).encrypt(nonce, data, None)),
        ("reference: SHA-256 + AES-256-GCM, one buffer", size, sha_and_gcm),
        ("reference: SHA-256 + AES-256-GCM, 64 KiB slices", size, sha_and_gcm_sliced),
        (f"old format: Fernet encrypt ({len(fernet_data) // 2**20} MB)", len(fernet_data),
         lambda: fernet.encrypt(fernet_data)),
        ("store: encrypt_stream, memory to memory", size,
         lambda: encrypt_stream(io.BytesIO(data), Sink(), KEK, "bench")),
        ("store: decrypt_stream, memory to memory", size,
         lambda: decrypt_stream(io.BytesIO(sealed_bytes), Sink(), {"bench": KEK})),
        ("store: encrypt_stream to disk (fsync)", size, to_disk),
        ("store: decrypt_stream from disk (page cache)", size, from_disk),
    ]
    with folder:
        to_disk()  # the file that from_disk reads, whatever order the rounds take
        rows = best_rates(works, args.repeat)
    reference = rows[3][1]  # the sliced one: the same cryptographic work, no file format
    print(f"{args.mb} MB of random bytes, best of {args.repeat} runs, "
          f"{os.cpu_count()} CPU(s) reported\n")
    for label, rate in rows:
        share = f"{rate / reference:6.0%} of reference" if label.startswith("store") else ""
        print(f"{label:<48} {rate:8.0f} MB/s  {share}")


if __name__ == "__main__":
    main()
