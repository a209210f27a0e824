"""An administrator's rule for every account: a confirmed email address and two-factor sign-in.

With ``RECORDRIGHT_REQUIRE_VERIFIED_EMAIL`` or ``RECORDRIGHT_REQUIRE_TWO_FACTOR`` on, a signed-in
user who lacks either is sent to the page that sets it up, and can reach nothing else but
the account pages (sign out, email, two-factor, password).
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# Paths a user may reach while setting up what the policy asks for.
OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/")


def missing_requirement(user) -> str | None:
    """The URL name of the page the user must visit first, or None."""
    if getattr(settings, "RECORDRIGHT_REQUIRE_VERIFIED_EMAIL", False) and not (
            EmailAddress.objects.filter(user=user, email__iexact=user.email,
                                        verified=True).exists()):
        return "account_email"
    if getattr(settings, "RECORDRIGHT_REQUIRE_TWO_FACTOR", False) and not (
            Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()):
        return "mfa_activate_totp"
    return None


class RequireVerifiedEmailAndTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated
                and (settings.RECORDRIGHT_REQUIRE_VERIFIED_EMAIL
                     or settings.RECORDRIGHT_REQUIRE_TWO_FACTOR)
                and not request.path.startswith(OPEN_PREFIXES)):
            page = missing_requirement(user)
            if page == "account_email":
                messages.info(request, _("This site asks every account to confirm its email "
                                         "address first. Open the link we emailed you, or ask "
                                         "for a new one here."))
                return redirect(page)
            if page:
                messages.info(request, _("This site asks every account to use two-factor "
                                         "sign-in. Set it up with an authenticator app to "
                                         "continue."))
                return redirect(page)
        return self.get_response(request)
