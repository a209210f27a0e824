"""``recordright accounts``: account tasks for administrators.

``verify-email`` marks an address as confirmed, for instances without a mail server (where
nobody can click a confirmation link) or when the administrator knows the person.
To reset a forgotten password without email: ``recordright manage changepassword EMAIL``.
"""

from __future__ import annotations

from recordright.commands import open_database


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "accounts", help="account tasks for administrators (confirm an email address)",
        description="Account tasks for administrators. To reset a password, use "
                    "'recordright manage changepassword EMAIL'.")
    sub = parser.add_subparsers(dest="accounts_command", metavar="ACTION", required=True)
    verify = sub.add_parser(
        "verify-email", help="mark an email address as confirmed",
        description="Mark an account's email address as confirmed, as if its owner had "
                    "opened the confirmation link. Use it when the instance has no mail "
                    "server, after checking who the person is. Exit 2 if no account has "
                    "the address.")
    verify.add_argument("address", metavar="ADDRESS", help="the email address to confirm")
    verify.set_defaults(func=verify_email)


def verify_email(args) -> int:
    open_database()
    from allauth.account.internal.flows.manage_email import sync_user_email_address
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from recordright.audit.log import record
    from recordright.audit.models import AuditEntry

    address = args.address.strip()
    for user in get_user_model().objects.filter(email__iexact=address):
        sync_user_email_address(user)  # accounts made outside sign-up have no address row yet
    rows = list(EmailAddress.objects.filter(email__iexact=address).select_related("user"))
    if not rows:
        print(f"No account has the email address {address}.")
        return 2
    if len(rows) > 1:
        print(f"{len(rows)} accounts list {address} (none confirmed it): ask its owner to "
              "remove it from the accounts that are not theirs, then run this again.")
        return 2
    row = rows[0]
    if row.verified:
        print(f"{row.email} is already confirmed (account {row.user_id}).")
        return 0
    row.verified = True
    row.save(update_fields=["verified"])
    record(row.user, None, AuditEntry.Action.EMAIL,
           f"{row.email} confirmed by an administrator", row.user)
    print(f"{row.email} is now confirmed (account {row.user_id}).")
    return 0
