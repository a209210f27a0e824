"""Sending a letter, honestly.

From this site: by email through the instance's mail server, or by fax through an
email-to-fax gateway. Each is offered only when it can really go (``ways_to_send``), and a
send the mail server does not accept raises ``SendFailed`` with a plain reason and records
nothing: no event, no clock.

Sent by the user: mailed, faxed or emailed from their own machine, handed in, or uploaded
to the office's portal (``record_sent_myself``). That records what the user says they did.
"""

from __future__ import annotations

import smtplib
import socket
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.translation import gettext as _

from recordright.letters.registry import initial_kind
from recordright.mail import email_is_configured
from recordright.requests import choices
from recordright.requests.assessment import first_sent
from recordright.requests.models import RecordsRequest, RequestEvent
from recordright.requests.timeline import add_event

# How the user says they sent it themselves -> the timeline's channel.
MYSELF_CHANNELS = {
    "mail": choices.Channel.MAIL,
    "own_email": choices.Channel.EMAIL,
    "own_fax": choices.Channel.FAX,
    "in_person": choices.Channel.IN_PERSON,
    "portal": choices.Channel.PORTAL,
}


class NoAddressError(ValueError):
    """A mailed letter needs the provider's mailing address."""


class SendFailed(Exception):
    """The letter did not go out; the message is a sentence for the user."""


def _event_type(req: RecordsRequest, kind: str, events: list[RequestEvent]) -> str:
    """The first request letter starts the clock ("sent"); later letters are follow-ups."""
    if kind == initial_kind(req.right) and first_sent(events) is None:
        return choices.EventType.SENT
    return choices.EventType.LETTER_SENT


def letter_filename(req: RecordsRequest, kind: str) -> str:
    return f"{kind.replace('_', '-')}-{req.pk}.pdf"


def fax_gateway_address(fax_number: str) -> str:
    """The fax gateway's email address for a number, if the instance configures one."""
    template = getattr(settings, "RECORDRIGHT_FAX_EMAIL_GATEWAY", "")
    digits = "".join(ch for ch in fax_number if ch.isdigit())
    return template.format(number=digits) if template and digits else ""


def can_email() -> bool:
    return email_is_configured()


def can_fax() -> bool:
    """Faxing from the site is emailing a fax gateway: it needs both."""
    return can_email() and bool(getattr(settings, "RECORDRIGHT_FAX_EMAIL_GATEWAY", ""))


def _timed_out(error: BaseException | None) -> bool:
    """smtplib wraps a timeout in SMTPServerDisconnected: look down the chain."""
    while error is not None:
        if isinstance(error, (TimeoutError, socket.timeout)):
            return True
        error = error.__cause__ or error.__context__
    return False


def _reason(error: Exception) -> str:
    """What went wrong, in words a person can act on (never the message's content)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return _("The mail server refused to deliver to that address. Check the address.")
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return _("The mail server refused this site's sign-in. The person who runs this site "
                 "needs to check its email settings.")
    if isinstance(error, (smtplib.SMTPSenderRefused, smtplib.SMTPDataError,
                          smtplib.SMTPResponseException)):
        return _("The mail server refused the message.")
    if _timed_out(error):
        return _("The mail server did not answer in time.")
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return _("The mail server closed the connection before the message was accepted.")
    return _("This site could not reach its mail server.")


def _deliver(message: EmailMessage) -> None:
    """Hand the message to the mail server; SendFailed unless it was accepted."""
    if not can_email():
        raise SendFailed(_("This site has no mail server set up, so it cannot send email."))
    try:
        accepted = message.send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as error:
        raise SendFailed(_reason(error)) from error
    if accepted != 1:
        raise SendFailed(_("The mail server did not accept the message."))


def send_by_email(req: RecordsRequest, kind: str, subject: str, pdf: bytes, to_address: str,
                  user) -> RequestEvent:
    """Email the letter (PDF attached) and keep the sent message (.eml) as evidence.
    SendFailed records nothing."""
    return _send(req, kind, subject, pdf, to_address, user)


def send_by_fax(req: RecordsRequest, kind: str, subject: str, pdf: bytes, fax_number: str,
                user) -> RequestEvent:
    """Fax the letter through the instance's email-to-fax gateway; as ``send_by_email``."""
    to_address = fax_gateway_address(fax_number)
    if not (can_fax() and to_address):
        raise SendFailed(_("This site has no fax service set up, so it cannot send a fax."))
    return _send(req, kind, subject, pdf, to_address, user, fax_number=fax_number)


def _send(req: RecordsRequest, kind: str, subject: str, pdf: bytes, to_address: str, user, *,
          fax_number: str = "") -> RequestEvent:
    sender = user.name_for_letters
    body = _("Please find attached a letter from %(sender)s about the records of %(patient)s."
             "\n\nThe letter is in the attached PDF.") % {"sender": sender,
                                                          "patient": req.patient.full_name}
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL,
                           to=[to_address], reply_to=[user.email])
    # The PDF already carries the authority document after the letter.
    message.attach(letter_filename(req, kind), pdf, "application/pdf")
    _deliver(message)
    sent_at = timezone.now()
    events = list(req.events.all())
    eml = ContentFile(message.message().as_bytes(), name=f"{kind}-{req.pk}.eml")
    if fax_number:
        # The gateway took it; the fax itself is confirmed by the fax service, later.
        text = _("Sent by fax to %(number)s through this site's fax service.") % {
            "number": fax_number}
    else:
        text = _("Emailed to %(to)s.") % {"to": to_address}
    return add_event(req, type=_event_type(req, kind, events), on=timezone.localdate(sent_at),
                     user=user, channel=choices.Channel.FAX if fax_number
                     else choices.Channel.EMAIL,
                     email_sent_at=None if fax_number else sent_at, letter_kind=kind,
                     text=text, evidence=eml, evidence_name=eml.name)


def record_sent_myself(req: RecordsRequest, kind: str, user, *, how: str, on: date,
                       certified: bool = False, tracking_number: str = "",
                       delivered_on: date | None = None) -> RequestEvent:
    """The user sent the letter themselves (``how`` in MYSELF_CHANNELS): record what they did.
    For mail, the delivery date, if known, starts the clock."""
    channel = MYSELF_CHANNELS[how]
    if how == "mail":
        if not req.provider.has_address:
            raise NoAddressError(_("%(name)s has no mailing address yet. Add the records "
                                   "office's address before mailing a letter.")
                                 % {"name": req.provider.name})
        if certified:
            channel = choices.Channel.CERTIFIED_MAIL
    else:
        tracking_number, delivered_on = "", None
    events = list(req.events.all())
    event = add_event(req, type=_event_type(req, kind, events), on=on, user=user,
                      channel=channel, tracking_number=tracking_number, letter_kind=kind)
    if delivered_on and event.type == choices.EventType.SENT:
        add_event(req, type=choices.EventType.DELIVERED, on=delivered_on, user=user,
                  channel=event.channel, tracking_number=tracking_number)
    return event

