"""``recordright import``: add files to a patient's vault (one JSON line per file)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from recordright.commands import open_database


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import", help="import records (FHIR, C-CDA, PDF, pictures, text, ZIP) into the vault",
        description="Import files into a patient's vault. Prints one line per file, in order: "
                    "imported, duplicate (already in the vault) or failed (with the reason). "
                    "A failed file never stops the others; the exit status is 1 if any failed.")
    parser.add_argument("--patient", required=True, type=int, metavar="ID", help="the patient")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files to import")
    parser.add_argument("--request", type=int, metavar="ID",
                        help="the request these records answer (records its 'records arrived')")
    parser.add_argument("--json", action="store_true",
                        help="one JSON object per file: source, status, kind, resources, "
                             "entries, error")
    parser.set_defaults(func=run)


class _Progress:
    """A one-line progress bar on standard error, only on a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.enabled = sys.stderr.isatty()

    def file(self, number: int, name: str) -> None:
        if self.enabled:
            sys.stderr.write(f"\r\033[K[{number}/{self.total}] {Path(name).name[:50]}")
            sys.stderr.flush()

    def step(self, name: str, step: str, done: int, total: int) -> None:
        if self.enabled and total:
            width = 24
            filled = width * done // total
            sys.stderr.write(f"\r\033[K{Path(name).name[:40]} [{'#' * filled}"
                             f"{'.' * (width - filled)}] {done}/{total} {step}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _human(row: dict) -> str:
    if row["status"] == "failed":
        return f"{row['source']}: failed: {row['error']}"
    counts = ", ".join(f"{count} {name}" for name, count in row["entries"].items() if count)
    return f"{row['source']}: {row['status']} ({row['kind']}{'; ' + counts if counts else ''})"


def run(args) -> int:
    open_database()
    from recordright.vault.importing import import_paths, resolve

    patient, request, problem = resolve(args.patient, args.request)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    progress = _Progress(len(args.paths))
    failed = False
    for outcome in import_paths(patient, args.paths, request=request, progress=progress):
        progress.done()
        row = outcome.as_json()
        failed = failed or row["status"] == "failed"
        print(json.dumps(row) if args.json else _human(row), flush=True)
    return 1 if failed else 0
