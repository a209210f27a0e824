"""Account events the audit log records (45 CFR 164.312(b)): sign-in, failed sign-in,
sign-out, and changes of email addresses, password and two-factor settings."""

from __future__ import annotations

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver

from recordright.accounts.adapter import account_for_login, client_address
from recordright.audit.log import record
from recordright.audit.models import AuditEntry

Action = AuditEntry.Action


@receiver(auth_signals.user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    record(user, None, Action.LOGIN, "account", user, address=client_address(request))


@receiver(auth_signals.user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(user, None, Action.LOGOUT, "account", user, address=client_address(request))


@receiver(auth_signals.user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Only an existing account is named: what was typed may be a password by mistake.
    login = credentials.get("email") or credentials.get("username") or ""
    user = account_for_login(login) if isinstance(login, str) else None
    record(None, None, Action.LOGIN_FAILED, "wrong password" if user else "no such account",
           object_id=str(user.pk) if user else "", address=client_address(request),
           label=user.email if user else "unknown account", account=user)


def _account_event(action: str, what: str, request, user) -> None:
    record(user, None, action, what, user, address=client_address(request),
           label=user.email)


@receiver(account_signals.email_changed)
def _email_changed(sender, request, user, from_email_address, to_email_address, **kwargs):
    was = from_email_address.email if from_email_address else "none"
    _account_event(Action.EMAIL, f"primary email changed, was {was}", request, user)


@receiver(account_signals.email_added)
def _email_added(sender, request, user, email_address, **kwargs) -> None:
    _account_event(Action.EMAIL, f"added {email_address.email}", request, user)


@receiver(account_signals.email_removed)
def _email_removed(sender, request, user, email_address, **kwargs) -> None:
    _account_event(Action.EMAIL, f"removed {email_address.email}", request, user)


@receiver(account_signals.email_confirmed)
def _email_confirmed(sender, request, email_address, **kwargs) -> None:
    _account_event(Action.EMAIL, f"confirmed {email_address.email}", request,
                   email_address.user)


@receiver(account_signals.password_changed)
@receiver(account_signals.password_set)
@receiver(account_signals.password_reset)
def _password_changed(sender, request, user, **kwargs) -> None:
    _account_event(Action.PASSWORD, "password", request, user)


@receiver(mfa_signals.authenticator_added)
@receiver(mfa_signals.authenticator_removed)
@receiver(mfa_signals.authenticator_reset)
def _two_factor_changed(sender, request, user, authenticator, **kwargs) -> None:
    _account_event(Action.TWO_FACTOR, f"two-factor {authenticator.type}", request, user)
