"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, on a free port, in a thread.

Use it from a conftest.py::

    from tests.smtp import smtp_server, use_smtp_server  # noqa: F401

- ``smtp_server``: the running server. ``.messages`` holds every message received, as
  ``email.message.EmailMessage`` parsed with ``email.policy.default``; ``.envelopes``
  the SMTP envelope of each (``mail_from``, ``rcpt_tos``), which shows Bcc recipients;
  ``.wait_for(n, timeout=5)`` waits until n messages arrived and returns them.
- ``use_smtp_server``: points Django's EMAIL_BACKEND (smtp) and EMAIL_* settings at it
  and yields the server.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


@dataclass(frozen=True)
class Envelope:
    mail_from: str
    rcpt_tos: tuple[str, ...]


class CollectingHandler:
    """The aiosmtpd handler: keeps each message, accepts everything."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[Envelope] = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = message_from_bytes(envelope.original_content or envelope.content,
                                     policy=policy.default)
        with self.arrived:
            self.messages.append(message)
            self.envelopes.append(Envelope(envelope.mail_from, tuple(envelope.rcpt_tos)))
            self.arrived.notify_all()
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(self, hostname: str, port: int, handler: CollectingHandler) -> None:
        self.hostname = hostname
        self.port = port
        self._handler = handler

    @property
    def messages(self) -> list[EmailMessage]:
        return self._handler.messages

    @property
    def envelopes(self) -> list[Envelope]:
        return self._handler.envelopes

    def wait_for(self, count: int, timeout: float = 5.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        with self._handler.arrived:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"expected {count} message(s) within {timeout}s, "
                                         f"got {len(self.messages)}")
                self._handler.arrived.wait(left)
            return list(self.messages)

    def clear(self) -> None:
        with self._handler.arrived:
            self.messages.clear()
            self.envelopes.clear()


def free_port(hostname: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((hostname, 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    handler = CollectingHandler()
    hostname = "127.0.0.1"
    controller = Controller(handler, hostname=hostname, port=free_port(hostname),
                            ready_timeout=5)
    controller.start()
    try:
        yield SMTPServer(hostname, controller.port, handler)
    finally:
        controller.stop()


@pytest.fixture
def use_smtp_server(settings, smtp_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = smtp_server.hostname
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    return smtp_server
