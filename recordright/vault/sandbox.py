"""Run PDF rendering and OCR in a child process with CPU, memory and time limits.

A hostile PDF or image can make PDFium, Pillow or Tesseract use unbounded time and memory:
the child runs under ``resource.setrlimit`` (address space, CPU seconds) and a wall-clock
timeout, reads the file from a pipe and answers JSON on its standard output
(``recordright.vault.sandbox_child``), so the importing process never parses it.

Tesseract and OCRmyPDF write page images, hOCR and text as temporary files. Their TMPDIR is
a private folder (mode 0700) made for this one child in ``scratch_root()`` (memory-backed
/dev/shm when there is one) and removed as soon as the child ends, whatever happened.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import connections

from recordright.vault.errors import UnreadableDocument

_PIPE_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    memory_bytes: int
    cpu_seconds: int
    wall_seconds: int


def limits() -> Limits:
    return Limits(memory_bytes=settings.RECORDRIGHT_OCR_MEMORY_MB * 1024 * 1024,
                  cpu_seconds=settings.RECORDRIGHT_OCR_CPU_SECONDS,
                  wall_seconds=settings.RECORDRIGHT_OCR_WALL_SECONDS)


def scratch_root() -> Path:
    """Where children's temporary files go: memory (/dev/shm) if the system has it, else a
    folder in the data directory that is emptied before and after every child."""
    shm = Path("/dev/shm")  # noqa: S108 - memory-backed, private subfolder per child
    if shm.is_dir() and os.access(shm, os.W_OK):
        return shm / f"recordright-{os.getuid()}"
    return Path(settings.DATA_DIR) / "scratch"


def _apply_limits(spec: Limits) -> Callable[[], None]:
    def preexec() -> None:
        os.setsid()
        resource.setrlimit(resource.RLIMIT_AS, (spec.memory_bytes, spec.memory_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, (spec.cpu_seconds, spec.cpu_seconds + 5))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a core dump would hold plaintext
    return preexec


def _feed(stream: BinaryIO, pipe) -> None:
    try:
        while block := stream.read(_PIPE_CHUNK):
            pipe.write(block)
    except (BrokenPipeError, OSError):
        pass  # the child stopped reading (it failed or hit a limit): its answer says why
    finally:
        with contextlib.suppress(OSError):
            pipe.close()


def _watch_progress(pipe, on_progress: Callable[[int, int], None] | None,
                    errors: list[str]) -> None:
    try:
        for raw in pipe:
            line = raw.decode("utf-8", "replace").strip()
            if line.startswith("progress ") and on_progress is not None:
                done, total = (int(part) for part in line.split()[1:3])
                on_progress(done, total)
            elif line:
                errors.append(line[-300:])
    finally:
        # The progress callback may touch the database from this thread: its connection
        # is this thread's own and dies with it, so close it rather than leak one per file.
        connections.close_all()


def run(task: str, stream: BinaryIO, *, on_progress: Callable[[int, int], None] | None = None,
        spec: Limits | None = None) -> dict:
    """Run ``task`` ("pdf" or "image") on the bytes of ``stream`` in a limited child."""
    spec = spec or limits()
    root = scratch_root()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    # The importing process's id in the name: only a dead process's folders are wiped.
    scratch = Path(tempfile.mkdtemp(prefix=f"child-{os.getpid()}-", dir=root))
    env = {key: value for key, value in os.environ.items() if not key.startswith("RECORDRIGHT")}
    env.update(TMPDIR=str(scratch), OMP_THREAD_LIMIT="1", PYTHONDONTWRITEBYTECODE="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "recordright.vault.sandbox_child", task],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=env, cwd=scratch, preexec_fn=_apply_limits(spec))  # noqa: PLW1509
    child_errors: list[str] = []
    feeder = threading.Thread(target=_feed, args=(stream, process.stdin), daemon=True)
    watcher = threading.Thread(target=_watch_progress,
                               args=(process.stderr, on_progress, child_errors), daemon=True)
    feeder.start()
    watcher.start()
    try:
        output = process.stdout.read()  # bounded by the child's memory limit
        process.wait(timeout=spec.wall_seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise UnreadableDocument(
            f"Reading this file took longer than {spec.wall_seconds} seconds, so it was "
            "stopped.") from None
    finally:
        feeder.join(timeout=5)
        watcher.join(timeout=5)
        shutil.rmtree(scratch, ignore_errors=True)
    return _answer(process.returncode, output, spec)


def _answer(returncode: int, output: bytes, spec: Limits) -> dict:
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise UnreadableDocument(
            f"Reading this file needed more than {spec.cpu_seconds} seconds of computing "
            "time, so it was stopped.")
    try:
        answer = json.loads(output or b"null")
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        if returncode != 0:
            raise UnreadableDocument(
                "Reading this file needed more memory or time than allowed "
                f"({spec.memory_bytes // (1024 * 1024)} MB), so it was stopped.")
        raise UnreadableDocument("This file could not be read.")
    if answer.get("error"):
        raise UnreadableDocument(str(answer["error"]))
    return answer


def _owner_alive(folder: Path) -> bool:
    parts = folder.name.split("-")
    if len(parts) < 3 or not parts[1].isdigit():
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def wipe_scratch() -> None:
    """Remove the leftovers of importing processes that are gone (killed mid-OCR, a machine
    that lost power). Called at start; another live import's folder is left alone."""
    root = scratch_root()
    if root.is_dir():
        for child in root.iterdir():
            if not _owner_alive(child):
                shutil.rmtree(child, ignore_errors=True)
