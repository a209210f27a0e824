"""``recordright patient``: add and list patients from the command line."""

from __future__ import annotations

import argparse
import json
from datetime import date

from recordright.commands import open_database

LOCAL_EMAIL = "local@recordright.invalid"


def _born(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("use the form YYYY-MM-DD, e.g. 1984-03-14") from None


def register(subparsers) -> None:
    parser = subparsers.add_parser("patient", help="add and list patients",
                                   description="Add and list patients.")
    sub = parser.add_subparsers(dest="patient_command", metavar="ACTION", required=True)
    adding = sub.add_parser(
        "add", help="add a patient and print their id",
        description="Add a patient and print their id. Without --user: the instance's only "
                    "account, or, on an instance without accounts, a new local account that "
                    "can set a password later to sign in on the web.")
    adding.add_argument("name", metavar="NAME", help="the patient's full name")
    adding.add_argument("--born", type=_born, metavar="YYYY-MM-DD", help="date of birth")
    adding.add_argument("--user", metavar="EMAIL", help="the account that manages the patient")
    adding.add_argument("--json", action="store_true", help='print {"id": ...}')
    adding.set_defaults(func=add_patient)
    listing = sub.add_parser("list", help="list patients",
                             description="List the patients an account can see.")
    listing.add_argument("--user", metavar="EMAIL",
                         help="the account whose patients to list (default: the only account)")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(func=list_patients)


def account_for(email: str | None, *, create: bool):
    """The named account; without a name, the only one (or a new local one if ``create``).
    Returns (user, problem)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    if email:
        user = users.filter(email=email.lower()).first()
        return (user, None) if user else (None, f"No account with the email {email}.")
    real = users.filter(is_demo=False)
    count = real.count()
    if count == 1:
        return real.get(), None
    if count == 0 and create:
        return users.create_user(LOCAL_EMAIL, None, display_name="Local", is_local=True), None
    if count == 0:
        return None, "There are no accounts yet: add a patient first ('recordright patient add')."
    return None, "This instance has several accounts: name one with --user EMAIL."


def add_patient(args) -> int:
    open_database()
    from recordright.patients.models import LegalBasis, Patient, Relationship
    from recordright.patients.services import add_patient as add

    user, problem = account_for(args.user, create=True)
    if user is None:
        print(problem)
        return 2
    patient = Patient(full_name=args.name.strip(), date_of_birth=args.born)
    add(user, patient, relationship=Relationship.OTHER, legal_basis=LegalBasis.NONE)
    print(json.dumps({"id": patient.pk}) if args.json else patient.pk)
    return 0


def list_patients(args) -> int:
    open_database()
    from recordright.patients.models import PatientAccess

    user, problem = account_for(args.user, create=False)
    if user is None:
        print(problem)
        return 2
    links = PatientAccess.objects.filter(user=user).select_related("patient")
    for link in links.order_by("patient__full_name"):
        born = link.patient.date_of_birth
        row = {"id": link.patient.pk, "name": link.patient.full_name,
               "date_of_birth": born.isoformat() if born else None,
               "role": link.role, "legal_basis": link.legal_basis}
        print(json.dumps(row) if args.json else
              f"{row['id']:>6}  {row['name']:<30} born {row['date_of_birth'] or 'unknown'}  "
              f"{row['role']}, {row['legal_basis']}")
    return 0
