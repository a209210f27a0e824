"""Parse and strictly validate a case (format "recordright-case/1") into frozen dataclasses.

Unknown fields and values are errors, never silently ignored: a typo in a field name would
otherwise change the legal answer without anyone noticing.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from recordright.rules import vocab
from recordright.rules.errors import CaseError

FORMAT = "recordright-case/1"
# Events that are the holder's answer to the request, so cannot come before it was received.
RESPONSE_EVENTS = ("extension_notice", "denial", "records_provided", "amendment_accepted")
# Events that follow up on the request, so cannot come before it was received either.
FOLLOW_UP_EVENTS = ("reminder_sent",)


@dataclass(frozen=True)
class Holder:
    type: str
    name: str | None = None


@dataclass(frozen=True)
class Request:
    received_on: dt.date
    in_writing: bool | None = None
    records: tuple[str, ...] = ("medical",)
    copy: str | None = None
    maintained_electronically: bool | None = None
    delivery: str | None = None
    send_to: str = "self"
    prior_accountings_last_12_months: int | None = None
    summary_agreed: bool = False


@dataclass(frozen=True)
class Notice:
    basis: bool = False
    review_rights: bool = False
    complaint_process: bool = False
    statement_of_disagreement_rights: bool = False
    future_disclosures: bool = False


@dataclass(frozen=True)
class RepresentativeFacts:
    """What is known about a personal representative's standing; None = not known."""

    authority_documented: bool | None = None  # proof of authority given to the holder
    minor_exception: str | None = None  # a 164.502(g)(3)(i) exception for the care concerned
    abuse_concern_cited: bool | None = None  # holder refused citing abuse (g)(5)(i)
    professional_judgment: bool | None = None  # with a best-interest judgment (g)(5)(ii)


@dataclass(frozen=True)
class Event:
    """One thing that happened. Only the fields of its type are set; the rest keep defaults."""

    on: dt.date
    type: str
    index: int
    in_writing: bool | None = None
    reasons_given: bool | None = None
    new_date: dt.date | None = None
    amount: float | None = None
    components: tuple[str, ...] = ()
    pages: int | None = None
    per_page_rate: float | None = None
    postage_amount: float | None = None
    disclosed_in_advance: bool | None = None
    grounds: tuple[str, ...] = ()
    scope: str = "full"
    records: tuple[str, ...] = ()  # denial: the record kinds it covers (default: all asked for)
    licensed_professional_determination: bool = False
    notice: Notice | None = None
    complete: bool = True
    form: str | None = None
    summary_only: bool = False
    what: str | None = None


@dataclass(frozen=True)
class Case:
    right: str
    holder: Holder
    request: Request
    as_of: dt.date | None = None
    state: str | None = None
    requester: str = "individual"
    representative: str | None = None
    events: tuple[Event, ...] = field(default_factory=tuple)
    representative_facts: RepresentativeFacts = field(default_factory=RepresentativeFacts)

    def events_of(self, kind: str, as_of: dt.date) -> list[Event]:
        """Events of one type up to and including as_of, in date order (stable for ties)."""
        return sorted((e for e in self.events if e.type == kind and e.on <= as_of),
                      key=lambda e: (e.on, e.index))


# --- field readers: each names the full path in its error -------------------------------


def _check_keys(obj: Any, path: str, allowed: set[str], required: set[str]) -> dict:
    if not isinstance(obj, dict):
        raise CaseError(path or "case", "must be a JSON object")
    for key in obj:
        if key not in allowed:
            raise CaseError(_join(path, key), "unknown field")
    for key in sorted(required):
        if key not in obj:
            raise CaseError(_join(path, key), "missing required field")
    return obj


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _date(value: Any, path: str, nullable: bool = False) -> dt.date | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise CaseError(path, f"must be a date YYYY-MM-DD, got {value!r}")
    try:
        if len(value) != 10:
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CaseError(path, f"not a valid date YYYY-MM-DD: {value!r}") from None


def _bool(value: Any, path: str, nullable: bool = False) -> bool | None:
    if value is None and nullable:
        return None
    if not isinstance(value, bool):
        raise CaseError(path, f"must be true or false, got {value!r}")
    return value


def _choice(value: Any, path: str, allowed: tuple[str, ...], what: str,
            nullable: bool = False) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or value not in allowed:
        raise CaseError(path, f"unknown {what} {value!r} (expected one of: {', '.join(allowed)})")
    return value


def _choices(value: Any, path: str, allowed: tuple[str, ...], what: str,
             non_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise CaseError(path, "must be a list")
    if non_empty and not value:
        raise CaseError(path, f"must list at least one {what}")
    return tuple(_choice(v, f"{path}[{i}]", allowed, what) for i, v in enumerate(value))


def _number(value: Any, path: str, nullable: bool = True) -> float | None:
    if value is None and nullable:
        return None
    if (isinstance(value, bool) or not isinstance(value, int | float)
            or not math.isfinite(value) or value < 0):
        raise CaseError(path, f"must be a non-negative number, got {value!r}")
    return float(value)


def _count(value: Any, path: str, nullable: bool = True) -> int | None:
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CaseError(path, f"must be a whole number of zero or more, got {value!r}")
    return value


def _text(value: Any, path: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise CaseError(path, "must be a string")
    return value


# --- parts -------------------------------------------------------------------------------


def _holder(obj: Any) -> Holder:
    obj = _check_keys(obj, "holder", {"type", "name"}, {"type"})
    return Holder(type=_choice(obj["type"], "holder.type", vocab.HOLDER_TYPES, "holder type"),
                  name=_text(obj.get("name"), "holder.name"))


def _request(obj: Any) -> Request:
    obj = _check_keys(obj, "request", set(vocab.REQUEST_FIELDS), {"received_on"})
    p = "request."
    records = obj.get("records", ["medical"])
    return Request(
        received_on=_date(obj["received_on"], p + "received_on"),
        in_writing=_bool(obj.get("in_writing"), p + "in_writing", nullable=True),
        records=_choices(records, p + "records", vocab.RECORD_KINDS, "record kind",
                         non_empty=True),
        copy=_choice(obj.get("copy"), p + "copy", vocab.COPY_KINDS, "copy kind", nullable=True),
        maintained_electronically=_bool(obj.get("maintained_electronically"),
                                        p + "maintained_electronically", nullable=True),
        delivery=_choice(obj.get("delivery"), p + "delivery", vocab.DELIVERIES, "delivery",
                         nullable=True),
        send_to=_choice(obj.get("send_to", "self"), p + "send_to", vocab.SEND_TO, "recipient"),
        prior_accountings_last_12_months=_count(obj.get("prior_accountings_last_12_months"),
                                                p + "prior_accountings_last_12_months"),
        summary_agreed=_bool(obj.get("summary_agreed", False), p + "summary_agreed"),
    )


def _representative_facts(obj: Any) -> RepresentativeFacts:
    if obj is None:
        return RepresentativeFacts()
    path = "representative_facts"
    obj = _check_keys(obj, path, set(vocab.REPRESENTATIVE_FACTS), set())
    values: dict[str, Any] = {}
    for key, raw in obj.items():
        if key == "minor_exception":
            values[key] = _choice(raw, f"{path}.{key}", vocab.MINOR_EXCEPTIONS,
                                  "minor exception", nullable=True)
        else:
            values[key] = _bool(raw, f"{path}.{key}", nullable=True)
    return RepresentativeFacts(**values)


def _notice(obj: Any, path: str) -> Notice | None:
    if obj is None:
        return None
    obj = _check_keys(obj, path, set(vocab.NOTICE_FIELDS), set())
    return Notice(**{k: _bool(v, f"{path}.{k}") for k, v in obj.items()})


def _event(obj: Any, index: int) -> Event:
    path = f"events[{index}]"
    if not isinstance(obj, dict):
        raise CaseError(path, "must be a JSON object")
    kind = _choice(obj.get("type"), f"{path}.type", tuple(vocab.EVENT_FIELDS), "event type")
    spec = vocab.EVENT_FIELDS[kind]
    _check_keys(obj, path, {"on", "type", *spec["optional"], *spec["required"]},
                {"on", *spec["required"]})
    values: dict[str, Any] = {"on": _date(obj["on"], f"{path}.on"), "type": kind, "index": index}
    for key, raw in obj.items():
        if key in ("on", "type"):
            continue
        values[key] = _event_field(key, raw, f"{path}.{key}")
    return Event(**values)


def _event_field(key: str, raw: Any, path: str) -> Any:
    readers = {
        "in_writing": lambda: _bool(raw, path),
        "reasons_given": lambda: _bool(raw, path),
        "new_date": lambda: _date(raw, path, nullable=True),
        "amount": lambda: _number(raw, path, nullable=False),
        "components": lambda: _choices(raw, path, vocab.FEE_COMPONENTS, "fee component"),
        "pages": lambda: _count(raw, path),
        "per_page_rate": lambda: _number(raw, path),
        "postage_amount": lambda: _number(raw, path),
        "disclosed_in_advance": lambda: _bool(raw, path, nullable=True),
        "grounds": lambda: _choices(raw, path, vocab.DENIAL_GROUNDS, "denial ground"),
        "scope": lambda: _choice(raw, path, vocab.DENIAL_SCOPES, "denial scope"),
        "licensed_professional_determination": lambda: _bool(raw, path),
        "notice": lambda: _notice(raw, path),
        "complete": lambda: _bool(raw, path),
        "form": lambda: _choice(raw, path, vocab.FORMS, "form", nullable=True),
        "summary_only": lambda: _bool(raw, path),
        "what": lambda: _choice(raw, path, vocab.CONDITIONS, "condition"),
        "records": lambda: _choices(raw, path, vocab.RECORD_KINDS, "record kind",
                                    non_empty=True),
    }
    return readers[key]()


def parse_case(data: Any) -> Case:
    """Validate a decoded JSON case and return it as a Case. Raises CaseError naming the field."""
    obj = _check_keys(data, "", set(vocab.CASE_FIELDS), {"format", "right", "holder", "request"})
    if obj["format"] != FORMAT:
        raise CaseError("format", f"unsupported format {obj['format']!r} (expected {FORMAT!r})")
    requester = _choice(obj.get("requester", "individual"), "requester", vocab.REQUESTERS,
                        "requester")
    representative = _choice(obj.get("representative"), "representative",
                             vocab.REPRESENTATIVE_KINDS, "representative kind", nullable=True)
    if representative and requester != "personal_representative":
        raise CaseError("representative", "only allowed when requester is personal_representative")
    if obj.get("representative_facts") is not None and requester != "personal_representative":
        raise CaseError("representative_facts",
                        "only allowed when requester is personal_representative")
    facts = _representative_facts(obj.get("representative_facts"))
    if facts.minor_exception not in (None, "none") and representative not in (
            None, "parent_of_minor", "guardian", "other"):
        raise CaseError("representative_facts.minor_exception",
                        f"applies only to a parent or guardian of a minor, not {representative}")
    state = obj.get("state")
    if state is not None and (not isinstance(state, str) or state not in vocab.USPS_CODES):
        raise CaseError("state", f"unknown state code {state!r} (expected a USPS code such as CA)")
    events = obj.get("events", [])
    if not isinstance(events, list):
        raise CaseError("events", "must be a list")
    request = _request(obj["request"])
    parsed = tuple(_event(e, i) for i, e in enumerate(events))
    for e in parsed:
        # A holder cannot answer a request it has not received yet. (A fee quote or a
        # condition may come first: a patient can be told the price or the rules in advance.)
        if e.type in RESPONSE_EVENTS and e.on < request.received_on:
            raise CaseError(f"events[{e.index}].on", f"{e.on} is before request.received_on "
                            f"{request.received_on}: a response cannot precede the request")
        if e.type in FOLLOW_UP_EVENTS and e.on < request.received_on:
            raise CaseError(f"events[{e.index}].on", f"{e.on} is before request.received_on "
                            f"{request.received_on}: a reminder cannot precede the request")
    return Case(
        right=_choice(obj["right"], "right", vocab.RIGHTS, "right"),
        holder=_holder(obj["holder"]),
        request=request,
        as_of=_date(obj.get("as_of"), "as_of", nullable=True),
        state=state,
        requester=requester,
        representative=representative,
        events=parsed,
        representative_facts=facts,
    )
