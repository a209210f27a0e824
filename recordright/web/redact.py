"""Keep secrets that travel in URL paths out of every log line.

Invitation links, calendar feeds, password-reset links and email confirmation links carry
their credential in the path. Web-server access logs and Django's "Not Found: /path"
warnings would otherwise write them down, and anyone reading the log could replay them.
``RedactTokensFilter`` is installed on the console handler (settings.LOGGING) and on
gunicorn's access and error logs (``recordright.web.gunicorn_logger``).
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"

# The path prefixes (recordright/urls.py, allauth's URLs) after which a token follows.
# tests/security/test_logs.py checks each against reverse() so a renamed URL is caught.
_TOKEN_PATHS = re.compile(
    r"(/patients/invitations/"
    r"|/reminders/calendar/"
    r"|/accounts/password/reset/key/"
    r"|/accounts/confirm-email/)"
    r"(?!\[redacted\])[^/\s\"'?#]+")


def redact(text: str) -> str:
    """The text with every token found in a URL path replaced by ``[redacted]``."""
    return _TOKEN_PATHS.sub(lambda match: match.group(1) + REDACTED, text)


class RedactTokensFilter(logging.Filter):
    """Rewrites a record's message when it holds a token; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to the handler to report
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
