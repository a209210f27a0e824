"""Sending a letter: by email through the instance's SMTP server, to a fax gateway's
email address, or recording that it went by mail. Each send adds a timeline event."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.translation import gettext as _

from recordright.letters.registry import initial_kind
from recordright.requests import choices
from recordright.requests.assessment import first_sent
from recordright.requests.models import RecordsRequest, RequestEvent
from recordright.requests.timeline import add_event


class NoAddressError(ValueError):
    """A mailed letter needs the provider's mailing address."""


def _event_type(req: RecordsRequest, kind: str, events: list[RequestEvent]) -> str:
    """The first request letter starts the clock ("sent"); later letters are follow-ups."""
    if kind == initial_kind(req.right) and first_sent(events) is None:
        return choices.EventType.SENT
    return choices.EventType.LETTER_SENT


def letter_filename(req: RecordsRequest, kind: str) -> str:
    return f"{kind.replace('_', '-')}-{req.pk}.pdf"


def send_by_email(req: RecordsRequest, kind: str, subject: str, pdf: bytes, to_address: str,
                  user, *, fax: bool = False
                  ) -> RequestEvent:
    """Email the letter (PDF attached) and keep the sent message (.eml) as evidence."""
    sender = user.name_for_letters
    body = _("Please find attached a letter from %(sender)s about the records of %(patient)s."
             "\n\nThe letter is in the attached PDF.") % {"sender": sender,
                                                          "patient": req.patient.full_name}
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL,
                           to=[to_address], reply_to=[user.email])
    # The PDF already carries the authority document after the letter.
    message.attach(letter_filename(req, kind), pdf, "application/pdf")
    message.send(fail_silently=False)
    sent_at = timezone.now()
    events = list(req.events.all())
    eml = ContentFile(message.message().as_bytes(), name=f"{kind}-{req.pk}.eml")
    return add_event(req, type=_event_type(req, kind, events), on=timezone.localdate(sent_at),
                     user=user, channel=choices.Channel.FAX if fax else choices.Channel.EMAIL,
                     email_sent_at=sent_at, letter_kind=kind,
                     fax_confirmation=_("sent through the fax gateway %(to)s") % {
                         "to": to_address} if fax else "",
                     text=_("Sent to %(to)s.") % {"to": to_address},
                     evidence=eml, evidence_name=eml.name)


def record_mailed(req: RecordsRequest, kind: str, user, *, on: date, certified: bool,
                  tracking_number: str = "", delivered_on: date | None = None) -> RequestEvent:
    """The user printed and mailed the letter; the delivery date, if known, starts the clock."""
    if not req.provider.has_address:
        raise NoAddressError(_("%(name)s has no mailing address yet. Add the records office's "
                               "address before mailing a letter.") % {"name": req.provider.name})
    events = list(req.events.all())
    event = add_event(req, type=_event_type(req, kind, events), on=on, user=user,
                      channel=choices.Channel.CERTIFIED_MAIL if certified else choices.Channel.MAIL,
                      tracking_number=tracking_number, letter_kind=kind)
    if delivered_on and event.type == choices.EventType.SENT:
        add_event(req, type=choices.EventType.DELIVERED, on=delivered_on, user=user,
                  channel=event.channel, tracking_number=tracking_number)
    return event


def fax_gateway_address(fax_number: str) -> str:
    """The fax gateway's email address for a number, if the instance configures one."""
    template = getattr(settings, "RECORDRIGHT_FAX_EMAIL_GATEWAY", "")
    digits = "".join(ch for ch in fax_number if ch.isdigit())
    return template.format(number=digits) if template and digits else ""
