"""How recordright adapts django-allauth: login lockout per account *and* address.

allauth counts failed logins per "key" in Django's cache. Its default key is the login
(email) alone, so anyone anywhere could lock an account's owner out by typing wrong
passwords. Here the key is the login plus the client's address: five failures from one
address lock the account for that address only. The counters live in the database cache
(settings.CACHES), shared by every web worker and kept across restarts. When a lock starts,
the account's owner gets an email and the audit log an entry.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.web.links import absolute_url, on_site, site_domain

logger = logging.getLogger("recordright.accounts")

# The session key of the page to return to once an email address is confirmed (an
# invitation that waits for its address to be confirmed).
RETURN_AFTER_CONFIRMING = "recordright_return_after_confirming"

# How long the "owner was told" marker lasts: one email per lock window and address.
NOTICE_SECONDS = 5 * 60


def client_address(request: HttpRequest | None) -> str:
    """The client's address as allauth sees it (X-Forwarded-For only from trusted proxies)."""
    if request is None:
        return ""
    try:
        from allauth.core.internal.ratelimit import get_ip

        return get_ip(request)
    except Exception:  # no address at all: allauth refuses the request itself
        return ""


def account_for_login(login: str):
    if not login:
        return None
    return get_user_model().objects.filter(email__iexact=login.strip()).first()


class SiteAddress:
    """Stands in for allauth's ``current_site`` in its emails: the configured address."""

    name = "recordright"

    @property
    def domain(self) -> str:
        return site_domain()


class AccountAdapter(DefaultAccountAdapter):
    # Links in allauth's emails (confirm the address, reset the password, sign up) point to
    # the site's configured address: allauth would build them from the request's Host and
    # ACCOUNT_DEFAULT_HTTP_PROTOCOL, which gave https://127.0.0.1:8101 on a plain-HTTP server.
    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_site(super().get_reset_password_from_key_url(key))

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {**context, "current_site": SiteAddress()}
        for name, value in list(context.items()):
            if name.endswith("_url") and isinstance(value, str) and value.startswith(
                    ("http://", "https://")):
                context[name] = on_site(value)
        super().send_mail(template_prefix, email, context)

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        login = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{login}:{client_address(request)}"

    def get_email_verification_redirect_url(self, email_address) -> str:
        back = self.request.session.pop(RETURN_AFTER_CONFIRMING, None) if self.request else None
        if back and back.startswith("/") and not back.startswith("//"):
            return back
        return super().get_email_verification_redirect_url(email_address)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            # Refused without checking the password: the lock is on.
            user = account_for_login(credentials.get("email", ""))
            record(None, None, AuditEntry.Action.LOCKED, "sign-in refused while paused",
                   object_id=str(user.pk) if user else "", address=client_address(request),
                   label=user.email if user else "unknown account", account=user)
            raise

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        super().authentication_failed(request, **credentials)
        key = self._get_login_attempts_cache_key(request, **credentials)
        still_open = ratelimit.consume(request, action="login_failed", key=key, dry_run=True)
        if not still_open:
            self._lock_started(request, credentials.get("email", ""))

    def _lock_started(self, request: HttpRequest, login: str) -> None:
        user = account_for_login(login)
        address = client_address(request)
        if user is None:
            return
        marker = hashlib.sha256(f"{user.pk}:{address}".encode()).hexdigest()
        if not cache.add(f"recordright:lock-notice:{marker}", True, NOTICE_SECONDS):
            return  # the owner was already told about this lock
        record(None, None, AuditEntry.Action.LOCKED, "sign-in paused after failed attempts",
               object_id=str(user.pk), address=address, label=user.email, account=user)
        context = {"address": address or _("an unknown address"), "minutes": 5,
                   "site_url": absolute_url("/")}
        send_mail(subject=_("Sign-ins to your recordright account were paused"),
                  message=render_to_string("accounts/email/login_locked.txt", context),
                  from_email=None, recipient_list=[user.email], fail_silently=True)
        logger.info("Sign-in paused after repeated failures (account %s).", user.pk)
