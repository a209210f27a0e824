"""The one bridge between a request and the law.

``build_case`` turns a request and its timeline into the rights engine's case
format (docs/case-format.md); ``assess_request`` calls ``recordright.rules.assess``
and returns its answer unchanged, plus how the receipt date was found. Nothing
here decides a deadline or a finding: that is the engine's job.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from recordright.dates import us_date
from recordright.patients.models import LegalBasis
from recordright.requests import choices
from recordright.requests.models import RecordsRequest, RequestEvent, in_timeline_order

# An app assumption, not law: without delivery evidence we assume a mailed request
# reached the records office this many calendar days after it was sent. Assuming a
# late receipt never makes a request look overdue before it is.
ASSUMED_MAIL_DAYS = 5

# Events that show the holder had the request by their date.
HOLDER_RESPONSES = (choices.EventType.ACKNOWLEDGED, *choices.ENGINE_EVENT_TYPES)
ALL_RECORD_KINDS = ("medical", "billing", "lab_results", "imaging")
_REPRESENTATIVE_KIND = {
    LegalBasis.PARENT_OF_MINOR: "parent_of_minor",
    LegalBasis.GUARDIAN: "guardian",
    LegalBasis.HEALTH_CARE_AGENT: "health_care_agent",
    LegalBasis.EXECUTOR: "executor",
}


@dataclass(frozen=True)
class Receipt:
    """When the holder received the request, and why we think so."""

    on: date
    assumed: bool
    explanation: str


@dataclass(frozen=True)
class Assessment:
    status: str  # the engine's status, or "draft" before the request is sent
    deadline: date | None = None
    findings: tuple[dict, ...] = ()
    next_steps: tuple[dict, ...] = ()
    receipt: Receipt | None = None
    error: str = ""  # the engine refused the case (should not happen: a bug to report)
    raw: dict = field(default_factory=dict)


def first_sent(events: Iterable[RequestEvent]) -> RequestEvent | None:
    return next((e for e in in_timeline_order(events) if e.type == choices.EventType.SENT), None)


def receipt_for(events: Iterable[RequestEvent]) -> Receipt | None:
    """The receipt date from the best evidence we have; None while the request is unsent."""
    events = in_timeline_order(events)
    sent = first_sent(events)
    if sent is None:
        return None
    delivered = next((e for e in events if e.type == choices.EventType.DELIVERED
                      and e.on >= sent.on), None)
    if delivered is not None:
        return Receipt(delivered.on, False, _("Delivered on %(day)s (delivery confirmation).")
                       % {"day": us_date(delivered.on)})
    if sent.channel == choices.Channel.EMAIL and sent.email_sent_at:
        day = timezone.localdate(sent.email_sent_at)
        return Receipt(day, False, _("Emailed on %(day)s (the email's timestamp).")
                       % {"day": us_date(day)})
    if sent.channel == choices.Channel.FAX and sent.fax_confirmation:
        return Receipt(sent.on, False, _("Faxed on %(day)s (fax confirmation).")
                       % {"day": us_date(sent.on)})
    if sent.channel in choices.MAIL_CHANNELS:
        assumed = sent.on + timedelta(days=ASSUMED_MAIL_DAYS)
        why = _("Assumed: mailed on %(sent)s, so we count from %(day)s, %(n)s days later. "
                "This is recordright's cautious guess, not a rule of law; record the "
                "delivery date when you have it.")
        receipt = Receipt(assumed, True, why % {"sent": us_date(sent.on), "day": us_date(assumed),
                                                "n": ASSUMED_MAIL_DAYS})
    else:
        receipt = Receipt(sent.on, True, _(
            "Assumed: received the day it was sent (%(day)s). Record the confirmation when "
            "you have it.") % {"day": us_date(sent.on)})
    # They cannot have answered before they had it.
    answer = next((e for e in events if e.type in HOLDER_RESPONSES
                   and sent.on <= e.on < receipt.on), None)
    if answer is not None:
        return Receipt(answer.on, False, _(
            "They had it by %(day)s: they answered that day.") % {"day": us_date(answer.on)})
    return receipt


def _requester(req: RecordsRequest) -> dict:
    kind = _REPRESENTATIVE_KIND.get(req.requester_basis)
    if kind is None:
        return {"requester": "individual"}
    return {"requester": "personal_representative", "representative": kind}


def _records(req: RecordsRequest) -> list[str]:
    if req.all_records or not req.record_types:
        return list(ALL_RECORD_KINDS)
    kinds = [choices.ENGINE_RECORD_KIND.get(kind, kind) for kind in req.record_types]
    return list(dict.fromkeys(kinds))


# Letters that follow up on the request itself. Sent while records are still withheld, each
# is the engine's "reminder_sent": an unanswered written reminder renews the refusal, so the
# complaint window counts from it (45 CFR 160.306(b)(3)).
FOLLOW_UP_LETTERS = ("reminder", "late_notice")


def _engine_event(event: RequestEvent) -> dict:
    if event.type == choices.EventType.LETTER_SENT:
        return {"on": event.on.isoformat(), "type": "reminder_sent", "in_writing": True}
    facts = {key: value for key, value in (event.facts or {}).items() if value is not None}
    return {"on": event.on.isoformat(), "type": event.type, **facts}


def _for_engine(event: RequestEvent) -> bool:
    return event.type in choices.ENGINE_EVENT_TYPES or (
        event.type == choices.EventType.LETTER_SENT and event.letter_kind in FOLLOW_UP_LETTERS)


def build_case(req: RecordsRequest, events: Iterable[RequestEvent]) -> dict | None:
    """The case for the engine, without ``as_of``; None while the request is unsent."""
    events = in_timeline_order(events)
    receipt = receipt_for(events)
    if receipt is None:
        return None
    request = {"received_on": receipt.on.isoformat(), "in_writing": True,
               "records": _records(req), "copy": req.copy, "delivery": req.delivery,
               "send_to": req.send_to}
    case = {"format": "recordright-case/1", "right": req.right,
            "holder": {"type": req.provider.holder_type, "name": req.provider.name},
            **_requester(req), "request": request,
            "events": [_engine_event(e) for e in events
                       if _for_engine(e) and e.on >= receipt.on]}
    if req.state:
        case["state"] = req.state
    return case


def case_hash(case: dict | None) -> str:
    return hashlib.sha256(json.dumps(case, sort_keys=True).encode()).hexdigest()


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def assess_case(case: dict | None, receipt: Receipt | None, today: date) -> Assessment:
    """Ask the engine about one case (built by ``build_case``)."""
    if case is None:
        return Assessment(status="draft")
    from recordright.rules import CaseError, assess

    # A mailed request still in transit has no clock yet; the engine's answer on the day
    # it is assumed to arrive gives the deadline to expect.
    as_of = max(today, receipt.on) if receipt else today
    try:
        result = assess(case, today=as_of)
    except CaseError as error:
        return Assessment(status="unknown", receipt=receipt, error=str(error))
    return Assessment(status=result["status"], deadline=_day(result.get("deadline")),
                      findings=tuple(result.get("findings", ())),
                      next_steps=tuple(result.get("next_steps", ())), receipt=receipt,
                      raw=result)


def assess_request(req: RecordsRequest, events: Iterable[RequestEvent] | None = None,
                   today: date | None = None) -> Assessment:
    events = list(req.events.all() if events is None else events)
    today = today or timezone.localdate()
    return assess_case(build_case(req, events), receipt_for(events), today)
