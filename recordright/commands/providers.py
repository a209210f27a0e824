"""``recordright providers``: the national NPI directory and a user's own provider list."""

from __future__ import annotations

import json
import sys

from recordright.commands import open_database


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "providers", help="import and search the national provider directory (NPPES)",
        description="Import the CMS NPPES file, search it, and import your own provider list. "
                    "See docs/directory.md.")
    sub = parser.add_subparsers(dest="providers_command", metavar="ACTION", required=True)

    importing = sub.add_parser(
        "import", help="import an NPPES ZIP or CSV (full, weekly or deactivation report)",
        description="Import the monthly NPPES V2 ZIP (or its npidata_pfile_*.csv), a weekly "
                    "update (applied as upserts) or the deactivation report saved as CSV.")
    importing.add_argument("path", metavar="PATH")
    kind = importing.add_mutually_exclusive_group()
    kind.add_argument("--full", dest="kind", action="store_const", const="full",
                      help="replace the whole directory (default for the monthly file)")
    kind.add_argument("--weekly", dest="kind", action="store_const", const="weekly",
                      help="apply as updates (default when the name says Weekly)")
    kind.add_argument("--deactivations", dest="kind", action="store_const",
                      const="deactivation", help="the deactivation report (CSV)")
    importing.add_argument("--quiet", action="store_true", help="no progress bar")
    importing.add_argument("--force", action="store_true",
                           help="import a full file even if it would remove more than 10%% "
                                "of the directory (RECORDRIGHT_DIRECTORY_MAX_REMOVAL_PERCENT)")
    importing.set_defaults(func=import_nppes)

    tax = sub.add_parser("import-taxonomy", help="import the NUCC taxonomy CSV",
                         description="Import the NUCC health care provider taxonomy CSV so "
                                     "every specialty has its official name.")
    tax.add_argument("file", metavar="FILE")
    tax.set_defaults(func=import_taxonomy)

    search = sub.add_parser("search", help="search the directory",
                            description="Search by name and/or specialty, e.g. 'patel card'.")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--state", metavar="XX", help="two-letter state code")
    search.add_argument("--city")
    search.add_argument("--zip", dest="zip_prefix", metavar="ZIP", help="ZIP code or prefix")
    search.add_argument("--organizations", dest="entity", action="store_const",
                        const="organization", help="organizations only")
    search.add_argument("--individuals", dest="entity", action="store_const",
                        const="individual", help="individuals only")
    search.add_argument("--active", dest="active", action="store_const", const=True,
                        help="active NPIs only")
    search.add_argument("--deactivated", dest="active", action="store_const", const=False,
                        help="deactivated NPIs only")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--json", action="store_true", help="one JSON object per line")
    search.set_defaults(func=search_directory)

    own = sub.add_parser("import-csv", help="import your own list of providers (CSV)",
                         description="Columns: name, address, city, state, zip, phone, fax, "
                                     "email, npi (any order). Nothing is imported if a row "
                                     "has an error.")
    own.add_argument("file", metavar="FILE")
    own.add_argument("--user", required=True, metavar="EMAIL", help="the account to add to")
    own.set_defaults(func=import_own_csv)


def import_nppes(args) -> int:
    open_database()
    from recordright.directory import import_guard, loader, nppes

    try:
        summary = loader.import_path(args.path, kind=args.kind, progress=not args.quiet,
                                     force=args.force)
    except (nppes.HeaderError, nppes.DamagedFileError, import_guard.ImportRefused,
            FileNotFoundError) as exc:
        print(f"Nothing was changed. {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Interrupted: nothing was changed; the previous directory is intact.",
              file=sys.stderr)
        return 130
    counts = ", ".join(f"{count:,} {kind}" for kind, count in summary.rows.items())
    rate = summary.total / summary.seconds if summary.seconds else 0
    print(f"Imported ({summary.kind}): {counts} rows in {summary.seconds:.1f} s "
          f"({rate:,.0f} rows/s).")
    return 0


def import_taxonomy(args) -> int:
    open_database()
    from recordright.directory.taxonomy import import_taxonomy_file

    try:
        count = import_taxonomy_file(args.file)
    except (ValueError, OSError) as exc:
        print(f"Nothing was changed. {exc}", file=sys.stderr)
        return 2
    print(f"Imported {count:,} taxonomy codes.")
    return 0


def search_directory(args) -> int:
    open_database()
    from recordright.directory.search import search_providers

    results = search_providers(args.query, state=args.state, city=args.city,
                               zip_prefix=args.zip_prefix, entity=args.entity,
                               active=args.active, limit=args.limit)
    for result in results:
        if args.json:
            print(json.dumps(result.as_json(), ensure_ascii=False))
            continue
        status = "active" if result.active else f"DEACTIVATED {result.deactivated_on or ''}"
        name = f"{result.name}, {result.credential}" if result.credential else result.name
        print(f"{result.npi}  {name} — {result.specialty}\n"
              f"            {result.address}, {result.city}, {result.state} {result.zip}"
              f"  phone {result.phone or '-'}  fax {result.fax or '-'}  [{status}]")
    if not results and not args.json:
        print("No provider found.", file=sys.stderr)
    return 0


def import_own_csv(args) -> int:
    open_database()
    from django.contrib.auth import get_user_model

    from recordright.providers.csv_import import import_provider_csv

    user = get_user_model().objects.filter(email=args.user.lower()).first()
    if user is None:
        print(f"No account with the email {args.user}.", file=sys.stderr)
        return 2
    try:
        with open(args.file, "rb") as handle:
            result = import_provider_csv(handle, user)
    except OSError as exc:
        print(f"Nothing was imported. {exc}", file=sys.stderr)
        return 2
    if result.errors:
        print("Nothing was imported. Fix these rows and try again:", file=sys.stderr)
        for error in result.errors:
            print(f"  row {error.row}, {error.field}: {error.message}", file=sys.stderr)
        return 1
    print(f"Imported {len(result.created)} providers for {user.email}.")
    return 0
