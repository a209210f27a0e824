"""Whether this instance can really send email, and what happens to mail when it cannot.

``email_is_configured()`` is the one question every email feature asks before it promises
anything ("sent", "we emailed you a link"). Its name and meaning are stable: other parts
of the app (letters "Send by email", invitations, password reset, reminders) rely on it.

Without a mail server, ``NoMailServerBackend`` takes the place of Django's console backend,
which printed whole messages (password-reset links, invitation tokens, letters with their
attachments) to the log. It sends nothing and logs one warning that names no recipient,
subject or content.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

logger = logging.getLogger("recordright.mail")

NO_MAIL_SERVER_BACKEND = "recordright.mail.NoMailServerBackend"

# Backends that never deliver a message to anyone.
_UNDELIVERED_BACKENDS = (
    NO_MAIL_SERVER_BACKEND,
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
)


def email_is_configured() -> bool:
    """True when email can really go out: a mail server is set up (or a test backend).

    False with no SMTP host (``RECORDRIGHT_EMAIL_HOST`` unset), or with a backend that
    only prints, files or drops messages. Features must then say plainly that email is not
    set up instead of claiming anything was sent.
    """
    backend = settings.EMAIL_BACKEND
    if backend in _UNDELIVERED_BACKENDS:
        return False
    if backend == "django.core.mail.backends.smtp.EmailBackend":
        return bool(settings.EMAIL_HOST)
    return True


class NoMailServerBackend(BaseEmailBackend):
    """Refuses to send: logs that a message was dropped, never what it said."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        count = len(email_messages or [])
        if count:
            logger.warning(
                "%d email(s) not sent: no mail server is configured (set "
                "RECORDRIGHT_EMAIL_HOST, see docs/admin-guide.md). Their content is not "
                "logged.", count)
        return 0
