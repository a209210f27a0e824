"""Sending a letter by email through a real SMTP server started by the test."""

import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.urls import reverse

from recordright.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_inbox(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


def _send(client, req, **data):
    return client.post(reverse("requests:letter-send", args=[req.pk, "access_request"]), data)


def test_it_emails_the_letter_with_the_pdf_and_keeps_the_message(owner_client, make_request,
                                                                 smtp_inbox):
    req = make_request()
    response = _send(owner_client, req, how="email", to_address="records@clinic.example.org")
    assert response.status_code == 302
    (received,) = smtp_inbox.messages
    assert received["To"] == "records@clinic.example.org"
    parsed = email.message_from_bytes(received.as_bytes(), policy=policy.default)
    (pdf,) = [part for part in parsed.iter_attachments()
              if part.get_content_type() == "application/pdf"]
    assert pdf.get_content().startswith(b"%PDF")
    event = req.events.get()
    assert (event.type, event.channel) == ("sent", "email") and event.email_sent_at
    with event.evidence.open("rb") as handle:
        kept = email.message_from_bytes(handle.read(), policy=policy.default)
    assert kept["To"] == "records@clinic.example.org"
    assert AuditEntry.objects.filter(action="send", what="letter access_request").exists()
    page = owner_client.get(req.get_absolute_url()).content.decode()
    assert "the email&#x27;s timestamp" in page or "the email's timestamp" in page


def test_it_sends_to_a_fax_gateway_address_as_a_fax(caregiver_client, make_request, smtp_inbox):
    req = make_request()
    assert _send(caregiver_client, req, how="fax",
                 to_address="5550100199@fax.example.net").status_code == 302
    assert smtp_inbox.messages[0]["To"] == "5550100199@fax.example.net"
    assert req.events.get().channel == "fax"


def test_it_records_nothing_when_the_smtp_server_is_down(owner_client, make_request, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _free_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    req = make_request()
    response = _send(owner_client, req, how="email", to_address="records@clinic.example.org")
    assert response.status_code == 302
    assert not req.events.exists()
    page = owner_client.get(response.url).content.decode()
    assert "could not be sent" in page
