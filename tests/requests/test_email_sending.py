"""Sending a letter honestly, through a real SMTP server started by the test.

Email and fax are offered only when they can really go; a send the mail server does not
accept (refused, unreachable, silent) says so in plain words and records nothing: no
event, no clock. "I sent it myself" records what the user did."""

from __future__ import annotations

import email
import socket
import threading
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse

from recordright.audit.models import AuditEntry
from recordright.mail import NO_MAIL_SERVER_BACKEND
from tests.smtp import free_port

pytestmark = pytest.mark.django_db


def _send(client, req, **data):
    return client.post(reverse("requests:letter-send", args=[req.pk, "access_request"]), data)


def _letter_page(client, req) -> str:
    return client.get(reverse("requests:letter", args=[req.pk, "access_request"])).content.decode()


def _point_at(settings, port: int, timeout: float = 5) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = timeout


def _nothing_recorded(req) -> None:
    assert not req.events.exists()
    req.refresh_from_db()
    assert req.status == "draft"  # no clock
    assert not AuditEntry.objects.filter(action="send").exists()


def test_it_emails_the_letter_with_the_pdf_and_keeps_the_message(owner_client, make_request,
                                                                 use_smtp_server):
    req = make_request()
    assert "Email it now from this site" in _letter_page(owner_client, req)
    response = _send(owner_client, req, how="email", to_address="records@clinic.example.org")
    assert response.status_code == 302
    (received,) = use_smtp_server.wait_for(1)
    assert received["To"] == "records@clinic.example.org"
    (pdf,) = [part for part in received.iter_attachments()
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
    assert "the mail server accepted it" in page


def test_without_a_mail_server_it_offers_only_what_the_user_can_do(owner_client, make_request,
                                                                   settings):
    settings.EMAIL_BACKEND, settings.EMAIL_HOST = NO_MAIL_SERVER_BACKEND, ""
    settings.RECORDRIGHT_FAX_EMAIL_GATEWAY = "{number}@fax.example.net"
    req = make_request()
    page = _letter_page(owner_client, req)
    assert "Email it now" not in page and "Fax it now" not in page
    assert "no mail server is set up" in page
    assert "I mailed it" in page and "I handed it in at the office" in page
    assert "Record how I sent it" in page
    for how in ("email", "fax"):
        response = _send(owner_client, req, how=how, to_address="records@clinic.example.org",
                         fax_number="555 010 0199")
        assert response.status_code == 400
        assert "cannot send it" in response.content.decode()
    _nothing_recorded(req)


class RefusingHandler:
    """A mail server that refuses every recipient (550)."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        return "550 5.1.1 No such mailbox here"


def test_a_refused_send_says_so_and_records_nothing(owner_client, make_request, settings):
    controller = Controller(RefusingHandler(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        _point_at(settings, controller.port)
        req = make_request()
        response = _send(owner_client, req, how="email",
                         to_address="records@clinic.example.org")
    finally:
        controller.stop()
    page = response.content.decode()
    assert response.status_code == 200
    assert "The letter was not sent." in page and "refused to deliver to that address" in page
    assert "records@clinic.example.org" in page  # what was typed is kept
    _nothing_recorded(req)


def test_an_unreachable_mail_server_says_so_and_records_nothing(owner_client, make_request,
                                                                settings):
    _point_at(settings, free_port(), timeout=2)  # nothing listens there
    req = make_request()
    response = _send(owner_client, req, how="email", to_address="records@clinic.example.org")
    assert response.status_code == 200
    assert "could not reach its mail server" in response.content.decode()
    _nothing_recorded(req)


def test_a_mail_server_that_never_answers_times_out_and_records_nothing(owner_client,
                                                                        make_request, settings):
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True).start()
    try:
        _point_at(settings, listener.getsockname()[1], timeout=1)
        req = make_request()
        response = _send(owner_client, req, how="email",
                         to_address="records@clinic.example.org")
    finally:
        for conn in accepted:
            conn.close()
        listener.close()
    assert response.status_code == 200
    assert "did not answer in time" in response.content.decode()
    _nothing_recorded(req)


def test_it_faxes_through_the_gateway_only_when_one_is_configured(owner_client, make_request,
                                                                 use_smtp_server, settings):
    req = make_request()
    settings.RECORDRIGHT_FAX_EMAIL_GATEWAY = ""
    assert "Fax it now" not in _letter_page(owner_client, req)
    assert _send(owner_client, req, how="fax", fax_number="(555) 010-0199").status_code == 400
    assert not req.events.exists()
    settings.RECORDRIGHT_FAX_EMAIL_GATEWAY = "{number}@fax.example.net"
    page = _letter_page(owner_client, req)
    assert "Fax it now through this site" in page and "(555) 010-0199" in page
    assert _send(owner_client, req, how="fax", fax_number="(555) 010-0199").status_code == 302
    (received,) = use_smtp_server.wait_for(1)
    assert received["To"] == "5550100199@fax.example.net"
    event = req.events.get()
    # The gateway took it; the fax's own confirmation comes later, so none is claimed.
    assert event.channel == "fax" and not event.fax_confirmation
    assert "Record the fax confirmation" in owner_client.get(
        req.get_absolute_url()).content.decode()


def test_a_failed_fax_records_nothing(owner_client, make_request, settings):
    _point_at(settings, free_port(), timeout=2)
    settings.RECORDRIGHT_FAX_EMAIL_GATEWAY = "{number}@fax.example.net"
    req = make_request()
    response = _send(owner_client, req, how="fax", fax_number="555 010 0199")
    assert response.status_code == 200 and "The letter was not sent." in response.content.decode()
    _nothing_recorded(req)


@pytest.mark.parametrize(("how", "channel"), [("own_email", "email"), ("own_fax", "fax"),
                                              ("in_person", "in_person"), ("portal", "portal"),
                                              ("mail", "mail")])
def test_i_sent_it_myself_records_what_the_user_did(owner_client, make_request, settings, today,
                                                    how, channel):
    settings.EMAIL_BACKEND, settings.EMAIL_HOST = NO_MAIL_SERVER_BACKEND, ""
    req = make_request()
    response = _send(owner_client, req, how=how, mailed_on=today.isoformat())
    assert response.status_code == 302
    event = req.events.get()
    assert (event.type, event.channel, event.on) == ("sent", channel, today)
    assert not event.email_sent_at and not event.evidence
    page = owner_client.get(req.get_absolute_url()).content.decode()
    assert "Recorded:" in page
    if how == "in_person":
        assert "Handed in on" in page  # received that day, not assumed


def test_nothing_is_preselected_that_cannot_work(owner_client, make_request, provider,
                                                 settings):
    settings.EMAIL_BACKEND, settings.EMAIL_HOST = NO_MAIL_SERVER_BACKEND, ""
    provider.address = ""
    provider.save()
    page = _letter_page(owner_client, make_request())
    assert "How did you send it?" in page
    assert 'value="mail" checked' not in page and "checked" not in page.split(
        "How did you send it?")[1].split("</fieldset>")[0]
