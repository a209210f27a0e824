"""``recordright demo``: a clearly marked demo account with synthetic patients."""

from __future__ import annotations

import secrets

from django.utils.module_loading import import_string

from recordright.commands import open_database

DEMO_EMAIL = "demo@recordright.invalid"
# Each app that has something to show adds a builder: build(user, patients) -> None.
DEMO_BUILDERS: list[str] = [
    "recordright.directory.demo.build",
    "recordright.requests.demo.build",
]


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo", help="create a demo account with synthetic patients",
        description="Create (or re-create with --reset) a demo account full of made-up "
                    "patients, providers and requests, so you can see every screen.")
    parser.add_argument("--reset", action="store_true", help="delete the demo account first")
    parser.add_argument("--password", help="password for the demo account (default: random)")
    parser.set_defaults(func=run)


def create_demo(password: str, reset: bool = False):
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from recordright.patients import demo as patients_demo
    from recordright.patients.models import Patient

    user_model = get_user_model()
    with transaction.atomic():
        existing = user_model.objects.filter(email=DEMO_EMAIL).first()
        if existing and not reset:
            return None
        if existing:
            Patient.objects.filter(is_demo=True, access__user=existing).delete()
            existing.delete()
        user = user_model.objects.create_user(
            DEMO_EMAIL, password, display_name="Dana Demo", is_demo=True,
            postal_address="12 Example Street\nSpringfield, IL 62704", phone="(217) 555-0101")
        patients = patients_demo.build(user)
        for dotted in DEMO_BUILDERS:
            import_string(dotted)(user, patients)
    return user


def run(args) -> int:
    open_database()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    password = args.password or secrets.token_urlsafe(12)
    user = create_demo(password, reset=args.reset)
    if user is None:
        print(f"The demo account {DEMO_EMAIL} exists already (use --reset to re-create it).")
        return 0
    print("Demo account created. Everything in it is synthetic.")
    print(f"  Log in as: {DEMO_EMAIL}")
    print(f"  Password:  {password}")
    return 0
