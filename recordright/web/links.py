"""Links that leave the page (emails, the calendar feed, invitations) point to the site's
configured address, ``settings.SITE_URL`` (RECORDRIGHT_SITE_URL, or what ``recordright run``
sets from its own host, port and scheme), never to a guess from a request's Host header."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """The site's address followed by ``path`` ("/accounts/confirm-email/KEY/")."""
    return settings.SITE_URL + (path if path.startswith("/") else "/" + path)


def on_site(url: str) -> str:
    """The same page (path, query, fragment) on the site's configured address."""
    parts = urlsplit(url)
    rest = parts.path or "/"
    if parts.query:
        rest += "?" + parts.query
    if parts.fragment:
        rest += "#" + parts.fragment
    return absolute_url(rest)


def site_domain() -> str:
    """host[:port] of the site's address, as mail footers show it."""
    return urlsplit(settings.SITE_URL).netloc
