"""Share links: made, opened, refused, revoked. Only the SHA-256 of a link's secret is
stored; a wrong, expired or revoked secret gets the same answer as a guessed one.

A wrong passcode counts; after ``MAX_TRIES`` wrong ones in a row the link rests for
``LOCK_MINUTES`` (and again after each further ``MAX_TRIES``), so guessing is slow.
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from recordright.audit import log as audit_log
from recordright.audit.models import AuditEntry
from recordright.sharing import shl
from recordright.sharing.models import ShareLink, ShareOpening
from recordright.web.links import absolute_url

DEFAULT_DAYS = 7
MAX_DAYS = 365
MAX_TRIES = 5
LOCK_MINUTES = 15


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii", "replace")).hexdigest()


@dataclass
class Made:
    link: ShareLink
    secret: str

    @property
    def url(self) -> str:
        return absolute_url(reverse("sharing:open", kwargs={"token": self.secret}))

    @property
    def manifest_url(self) -> str:
        return absolute_url(reverse("sharing:manifest", kwargs={"token": self.secret}))

    @property
    def payload(self) -> dict:
        return shl.payload(manifest_url=self.manifest_url, key=shl.key_for(self.secret),
                           exp=int(self.link.expires_at.timestamp()),
                           passcode=self.link.has_passcode, label=self.link.label)

    @property
    def shlink(self) -> str:
        return shl.shlink(self.payload)


def parse_expiry(text: str) -> timedelta:
    """"7d", "12h", "2w" → a duration; a clear ValueError otherwise."""
    text = (text or "").strip().lower()
    units = {"h": 1 / 24, "d": 1, "w": 7}
    if len(text) < 2 or text[-1] not in units or not text[:-1].isdigit():
        raise ValueError("Write the time as a number and a unit: 12h, 7d or 2w.")
    days = int(text[:-1]) * units[text[-1]]
    if not 0 < days <= MAX_DAYS:
        raise ValueError(f"A link can last from one hour to {MAX_DAYS} days.")
    return timedelta(days=days)


def make(patient, *, what: str = "summary", user=None, expires: timedelta | None = None,
         passcode: str = "", label: str = "", document_ids: list[int] | None = None) -> Made:
    secret = secrets.token_urlsafe(32)
    link = ShareLink.objects.create(
        patient=patient, created_by=user, what=what, label=label[:80],
        document_ids=document_ids or [], token_hash=hash_secret(secret),
        passcode_hash=make_password(passcode) if passcode else "",
        expires_at=timezone.now() + (expires or timedelta(days=DEFAULT_DAYS)))
    audit_log.record(user, patient, AuditEntry.Action.SHARE, f"share link ({what})", link,
                     label=getattr(user, "email", "") or "command line")
    return Made(link, secret)


def revoke(link: ShareLink, user=None) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        audit_log.record(user, link.patient, AuditEntry.Action.REVOKE, "share link", link,
                         label=getattr(user, "email", "") or "command line")


def find(secret: str) -> ShareLink | None:
    """The active link for this secret, or None (unknown, expired or revoked alike)."""
    if not secret or len(secret) > 100:
        return None
    link = (ShareLink.objects.select_related("patient")
            .filter(token_hash=hash_secret(secret)).first())
    if link is None or not link.is_active():
        return None
    return link


class Refused(Exception):
    def __init__(self, reason: str, remaining: int = 0, retry_after: int = 0):
        super().__init__(reason)
        self.reason, self.remaining, self.retry_after = reason, remaining, retry_after


def check_passcode(link: ShareLink, passcode: str, address: str | None) -> None:
    """Raises ``Refused`` for a locked link or a wrong passcode (counted)."""
    if not link.has_passcode:
        return
    now = timezone.now()
    if link.locked_until and link.locked_until > now:
        note(link, address, "locked")
        raise Refused("locked", retry_after=int((link.locked_until - now).total_seconds()) + 1)
    if passcode and check_password(passcode, link.passcode_hash):
        if link.failed_attempts:
            ShareLink.objects.filter(pk=link.pk).update(failed_attempts=0)
        return
    with transaction.atomic():
        ShareLink.objects.filter(pk=link.pk).update(failed_attempts=F("failed_attempts") + 1)
        link.refresh_from_db(fields=["failed_attempts"])
        if link.failed_attempts % MAX_TRIES == 0:
            link.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            link.save(update_fields=["locked_until"])
    note(link, address, "wrong passcode")
    remaining = MAX_TRIES - link.failed_attempts % MAX_TRIES
    raise Refused("passcode", remaining=0 if link.locked_until and
                  link.locked_until > now else remaining)


def note(link: ShareLink, address: str | None, outcome: str) -> None:
    """Every opening, or try, in the patient's access log with its time and address."""
    try:
        address = str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        address = None
    ShareOpening.objects.create(link=link, address=address, outcome=outcome)
    audit_log.record(None, link.patient, AuditEntry.Action.VIEW, f"share link: {outcome}", link,
                     address=address or "",
                     label=f"share link {link.pk} from {address or 'unknown address'}")
    if outcome == "opened":
        ShareLink.objects.filter(pk=link.pk).update(open_count=F("open_count") + 1)


def site_is_public(site_url: str | None = None) -> bool:
    """False for localhost, private and link-local ranges and .local/.internal names: a
    paramedic's phone could not open a link there."""
    host = (urlsplit(site_url or settings.SITE_URL).hostname or "").lower()
    if not host or host == "localhost" or host.endswith((".local", ".localhost", ".internal",
                                                          ".lan", ".home.arpa")):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." in host
    return address.is_global
