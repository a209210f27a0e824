"""``recordright share``: make a share link to a patient's summary or packet, or stop one."""

from __future__ import annotations

import json
import sys

from recordright.commands import open_database


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "share", help="make a share link (summary or packet), or revoke one",
        description="Print a link that opens the patient's emergency summary or packet, and "
                    "with --json the SMART Health Link (shlink:/) beside it. The secret is "
                    "shown once: only its hash is stored. 'share revoke LINK_ID' stops a link.")
    parser.add_argument("--patient", type=int, metavar="ID", help="the patient")
    parser.add_argument("--expires", default="7d", metavar="7d",
                        help="how long it works: 12h, 7d, 2w (default 7d, at most 365d)")
    parser.add_argument("--what", choices=["summary", "packet"], default="summary",
                        help="what the link opens (default: summary)")
    parser.add_argument("--json", action="store_true",
                        help='print {"id", "url", "shlink", "expires", "public"}')
    parser.set_defaults(func=run)
    sub = parser.add_subparsers(dest="share_command", metavar="ACTION")
    revoking = sub.add_parser("revoke", help="stop a share link",
                              description="Stop a share link at once; it cannot be restarted.")
    revoking.add_argument("link_id", type=int, metavar="LINK_ID", help="the link's id")
    revoking.set_defaults(func=revoke)


def run(args) -> int:
    if args.patient is None:
        print("Name the patient: recordright share --patient ID", file=sys.stderr)
        return 2
    open_database()
    from recordright.patients.models import Patient
    from recordright.sharing import links

    patient = Patient.objects.filter(pk=args.patient).first()
    if patient is None:
        print(f"There is no patient with the id {args.patient}.", file=sys.stderr)
        return 2
    try:
        expires = links.parse_expiry(args.expires)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    made = links.make(patient, what=args.what, expires=expires)
    public = links.site_is_public()
    if args.json:
        print(json.dumps({"id": made.link.pk, "url": made.url, "shlink": made.shlink,
                          "expires": made.link.expires_at.isoformat(), "public": public}))
    else:
        print(made.url)
        print(f"Link {made.link.pk} works until {made.link.expires_at:%Y-%m-%d %H:%M %Z}.",
              file=sys.stderr)
    if not public:
        print("Note: this site's address (RECORDRIGHT_SITE_URL) is not reachable from the "
              "internet, so the link opens only on this computer or network.", file=sys.stderr)
    return 0


def revoke(args) -> int:
    open_database()
    from recordright.sharing import links
    from recordright.sharing.models import ShareLink

    link = ShareLink.objects.filter(pk=args.link_id).first()
    if link is None:
        print(f"There is no share link with the id {args.link_id}.", file=sys.stderr)
        return 2
    already = link.revoked_at is not None
    links.revoke(link)
    print(f"Link {link.pk} was already stopped." if already else f"Link {link.pk} stopped.")
    return 0
