"""Content-Security-Policy: pages load scripts and styles from this site only.

Django 5.2 has no CSP support of its own (it arrives in 6.0), so this middleware sets the
header. Every script is a static file and no page uses inline styles; the one exception is
the letter preview, a sandboxed ``srcdoc`` frame that inherits this policy: its ``<style>``
carries the per-request nonce (``request.csp_nonce``, ``{{ csp_nonce }}`` in templates).

A view that needs a different policy sets the header itself; it is then left alone.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"


def policy(nonce: str) -> str:
    directives = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": f"'self' 'nonce-{nonce}'",
        # data: for the favicon and drawn signatures shown in letter previews.
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.csp_nonce = secrets.token_urlsafe(18)
        response = self.get_response(request)
        if HEADER not in response.headers:
            response.headers[HEADER] = policy(request.csp_nonce)
        return response


def csp_nonce(request: HttpRequest) -> str:
    """This response's nonce ("" if the middleware did not run, e.g. with RequestFactory)."""
    return getattr(request, "csp_nonce", "")


def nonce(request: HttpRequest) -> dict[str, str]:
    """Template context processor: ``{{ csp_nonce }}``."""
    return {"csp_nonce": csp_nonce(request)}
