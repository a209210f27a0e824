"""Sign a user out after a while without any request (RECORDRIGHT_SESSION_IDLE_MINUTES).

A shared or stolen laptop left on a patient's page should not stay signed in for the
session's whole life (12 hours). The time of the last request is kept in the session,
written at most once a minute so that browsing does not write on every page.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

LAST_SEEN = "recordright_last_seen"
WRITE_EVERY_SECONDS = 60


class IdleSessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        idle_limit = settings.RECORDRIGHT_SESSION_IDLE_MINUTES * 60
        if idle_limit > 0 and request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - last_seen > idle_limit:
                logout(request)
                messages.info(request, _(
                    "You were signed out after %(minutes)s minutes without activity, to keep "
                    "the records safe. Sign in again to continue.")
                    % {"minutes": settings.RECORDRIGHT_SESSION_IDLE_MINUTES})
                return redirect_to_login(request.get_full_path())
            if last_seen is None or now - last_seen >= WRITE_EVERY_SECONDS:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
