"""``recordright patient``: list and show patients from the command line (administrators)."""

from __future__ import annotations

import json

from recordright.commands import setup_django


def register(subparsers) -> None:
    parser = subparsers.add_parser("patient", help="list the patients an account can see",
                                   description="List the patients an account can see.")
    sub = parser.add_subparsers(dest="patient_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="list patients")
    listing.add_argument("--user", required=True, metavar="EMAIL",
                         help="the account whose patients to list")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(func=list_patients)


def list_patients(args) -> int:
    setup_django()
    from django.contrib.auth import get_user_model

    from recordright.patients.models import PatientAccess

    user = get_user_model().objects.filter(email=args.user.lower()).first()
    if user is None:
        print(f"No account with the email {args.user}.")
        return 2
    links = PatientAccess.objects.filter(user=user).select_related("patient")
    for link in links.order_by("patient__full_name"):
        row = {"id": link.patient.pk, "name": link.patient.full_name,
               "date_of_birth": link.patient.date_of_birth.isoformat(),
               "role": link.role, "legal_basis": link.legal_basis}
        print(json.dumps(row) if args.json else
              f"{row['id']:>6}  {row['name']:<30} born {row['date_of_birth']}  "
              f"{row['role']}, {row['legal_basis']}")
    return 0
