"""``recordright check``: verify stored data against itself and report what does not match."""

from __future__ import annotations

import json

from recordright.commands import open_database


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check", help="verify every stored file against its checksum; list orphans",
        description="Decrypt every stored file, compare it with the SHA-256 its row keeps, and "
                    "list files that no row names and rows whose file is missing. Changes "
                    "nothing unless asked to remove orphans. Exit status 0 when everything "
                    "matches, 1 when a problem was found.")
    parser.add_argument("--quick", action="store_true",
                        help="only check that files exist; do not decrypt them")
    parser.add_argument("--remove-orphans", action="store_true",
                        help="remove files that no row names and unfinished writes, if they "
                             "are older than an hour (younger ones may be being saved)")
    parser.add_argument("--json", action="store_true",
                        help="one JSON object per check: name, ok, summary, problems")
    parser.set_defaults(func=run)


def run(args) -> int:
    open_database()
    from recordright.integrity import all_checks

    failed = 0
    for check in all_checks():
        result = check.run(quick=args.quick, remove_orphans=args.remove_orphans)
        failed += len(result.problems)
        if args.json:
            print(json.dumps({"name": check.name, "ok": result.ok, "summary": result.summary,
                              "problems": result.problems, "notes": result.notes}))
            continue
        verdict = "OK" if result.ok else f"{len(result.problems)} problem(s)"
        print(f"{check.title}: {verdict}. {result.summary}")
        for line in result.problems:
            print(f"  - {line}")
        for line in result.notes:
            print(f"  {line}")
    if not args.json:
        print(f"{failed} problem(s) found." if failed else "Everything matches.")
    return 1 if failed else 0
