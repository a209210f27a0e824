"""``recordright search``: full-text search in a patient's vault."""

from __future__ import annotations

import json

from recordright.commands import open_database


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "search", help="search a patient's records (documents, scanned text, entries)",
        description='Search a patient\'s vault: all words must match; "a phrase" in double '
                    "quotes; a word ending in * matches its beginning (diab*). Best hits "
                    "among the 2,000 most recent matches first.")
    parser.add_argument("--patient", required=True, type=int, metavar="ID", help="the patient")
    parser.add_argument("query", metavar="QUERY", help="what to look for")
    parser.add_argument("--limit", type=int, default=20, help="at most this many hits (20)")
    parser.add_argument("--newest", action="store_true",
                        help="newest first instead of best first")
    parser.add_argument("--json", action="store_true",
                        help="one JSON object per hit: document, entry, date, title, snippet")
    parser.set_defaults(func=run)


def run(args) -> int:
    open_database()
    from recordright.patients.models import Patient
    from recordright.vault.search import search

    if not Patient.objects.filter(pk=args.patient).exists():
        print(f"There is no patient with the id {args.patient}.")
        return 2
    hits = search(args.patient, args.query, limit=max(1, args.limit),
                  order="newest" if args.newest else "best")
    for hit in hits:
        if args.json:
            print(json.dumps(hit.as_json()))
        else:
            when = hit.date.isoformat() if hit.date else "no date"
            what = f"{hit.entry_title} ({hit.category})" if hit.entry_id else hit.title
            print(f"{when}  {what}  [{hit.document_name}]\n    {hit.snippet_marked()}")
    if not hits and not args.json:
        print("No matches.")
    return 0
