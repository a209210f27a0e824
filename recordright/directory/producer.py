"""Reading and converting NPPES rows in a second process while the importing one inserts.

Splitting and converting a row costs about as much CPU as inserting it (SQLCipher
encrypts every page), so on a 2-core machine a child process does the reading and sends
large batches of database tuples (pickled, ~20,000 rows, a few MB each) through a
bounded queue: memory stays constant whatever the file size, and the parent only
unpickles (~10x cheaper than parsing) and inserts.

The child is forked (it inherits the member's opener and the parser closures, nothing
to pickle) and never touches the database. Its errors (a bad header, a malformed row)
come back as the same exceptions, raised in the parent; Ctrl-C is handled by the
parent, which stops the child, so the import's own clean-up runs as before.
"""

from __future__ import annotations

import multiprocessing
import pickle
import signal
from collections.abc import Callable, Iterator
from itertools import islice
from queue import Empty

from recordright.directory import nppes

BATCH_ROWS = 20_000
QUEUE_BATCHES = 4
POLL_SECONDS = 1.0


def _picklable(exc: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(exc))  # noqa: S301 - our own bytes, just made
    except Exception:  # noqa: BLE001 - any exception that can't cross: keep its message
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def _produce(member: nppes.Member, parser_for: Callable[[list[str]], Callable],
             queue) -> None:
    # Ctrl-C reaches the whole process group: the parent decides, then terminates us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with nppes.open_rows(member) as (header, rows, raw):
            parse = parser_for(header)
            rows.needed = getattr(parse, "needed", None)
            rows.strict = True  # NPPES data files: a short record means a cut file
            parsed = (parse(row) for row in rows if row)
            while batch := list(islice(parsed, BATCH_ROWS)):
                queue.put(("rows", batch, raw.tell()))
        queue.put(("done", None, None))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        queue.put(("error", _picklable(exc), None))


def batches(member: nppes.Member,
            parser_for: Callable[[list[str]], Callable]) -> Iterator[tuple[list[tuple], int]]:
    """(rows, bytes read so far) of one member, parsed in a child process. Closing the
    generator (or an exception in the consumer) stops the child."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=QUEUE_BATCHES)
    process = context.Process(target=_produce, args=(member, parser_for, queue),
                              name="nppes-reader", daemon=True)
    process.start()
    try:
        while True:
            try:
                kind, payload, position = queue.get(timeout=POLL_SECONDS)
            except Empty:
                if process.is_alive():
                    continue
                try:  # it may have finished just after the timeout
                    kind, payload, position = queue.get(timeout=POLL_SECONDS)
                except Empty:
                    raise RuntimeError(f"The process reading {member.name} stopped "
                                       f"unexpectedly (exit code {process.exitcode}).") from None
            if kind == "rows":
                yield payload, position
            elif kind == "done":
                return
            else:
                raise payload
    finally:
        if process.is_alive():
            process.terminate()
        process.join()
        queue.close()
        queue.cancel_join_thread()
