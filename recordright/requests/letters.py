"""The one place a request becomes a ``LetterContext``; which letter fits which step is the
letters registry's answer (``recordright.letters.registry``).

The letters app renders; the engine's result supplies status, findings and next
steps; this module only gathers facts from the request, its timeline and the acting
user's access link.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.letters import office_form_packet, registry, render
from recordright.letters.attachments import problem_with
from recordright.letters.context import (
    LetterContext,
    Person,
    Recipient,
    Representative,
    RequestDetails,
    ThirdParty,
    TimelineItem,
)
from recordright.letters.form_filling import FormError
from recordright.letters.kinds.base import LetterKind
from recordright.letters.signatures import id_copy_for
from recordright.patients.models import (
    AUTHORITY_DOCUMENT_NAMES,
    LegalBasis,
    PatientAccess,
    Relationship,
)
from recordright.requests import choices
from recordright.requests.assessment import Assessment, first_sent
from recordright.requests.models import RecordsRequest, RequestEvent, in_timeline_order

# Who acts for the patient with a document to show (a representative, or with authorization).
_ACTING_BASES = LegalBasis.personal_representative_bases() | {LegalBasis.AUTHORIZATION}


def finding_codes(result: Assessment) -> tuple[str, ...]:
    return tuple(f["code"] for f in result.findings)


def kind_for_action(action: str, result: Assessment) -> str | None:
    """The letter for one of the engine's next steps (None: no letter), from the registry."""
    return registry.kind_for_step({"action": action}, status=result.status,
                                  finding_codes=finding_codes(result))


def offered_kinds(req: RecordsRequest, result: Assessment) -> list[str]:
    return registry.kinds_to_offer(req.right, result.status, result.next_steps,
                                   finding_codes(result))


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _patient(req: RecordsRequest, link: PatientAccess | None) -> Person:
    p = req.patient
    lines, phone = _lines(p.address), p.phone
    if link is not None and link.relationship == Relationship.SELF:
        # The patient signs: the address they gave for letters, if the patient record has none.
        lines, phone = lines or link.user.address_lines, phone or link.user.phone
    return Person(name=p.full_name, former_names=p.former_names, date_of_birth=p.date_of_birth,
                  date_of_death=p.date_of_death, address_lines=lines,
                  phone=phone, email=p.email)


def signs_letters(link: PatientAccess | None) -> bool:
    """Whether the user of ``link`` signs letters: the patient, or someone with authority."""
    return link is not None and (link.relationship == Relationship.SELF
                                 or representative_for(link) is not None)


def needs_signer_details(link: PatientAccess | None) -> bool:
    """The signer's full name or postal address is missing: ask before showing a letter."""
    if not signs_letters(link):
        return False
    if representative_for(link) is not None:
        return not link.user.can_sign_letters
    return not (link.patient.address.strip() or link.user.address_lines)


def _recipient(req: RecordsRequest) -> Recipient:
    provider = req.provider
    return Recipient(name=provider.name, records_office=provider.records_office,
                     address_lines=tuple(provider.mailing_lines[1 + bool(provider.records_office):])
                     if provider.has_address else (),
                     fax=provider.fax, email=provider.email, phone=provider.phone,
                     state=provider.state, holder_type=provider.holder_type, npi=provider.npi)


def representative_for(link: PatientAccess | None) -> Representative | None:
    if link is None or link.legal_basis not in _ACTING_BASES:
        return None
    user = link.user
    # An invitation's relationship was chosen by the inviter ("who are they to the patient?"),
    # the other way round from the user's own answer: letters do not word it as "my …".
    relationship = "" if link.invited_by_id else link.relationship
    return Representative(
        name=user.name_for_letters, legal_basis=link.legal_basis,
        relationship=relationship, kin=link.kin, email=user.email,
        address_lines=user.address_lines, phone=user.phone,
        authority_document_name=str(link.authority_document_name
                                    or AUTHORITY_DOCUMENT_NAMES.get(link.legal_basis, "")),
        authority_attached=bool(link.authority_document) and authority_problem(link) is None)


def _details(req: RecordsRequest, events: list[RequestEvent], result: Assessment) -> RequestDetails:
    sent = first_sent(events)
    third = (ThirdParty(name=req.third_party_name, address_lines=_lines(req.third_party_address),
                        email=req.third_party_email) if req.is_third_party else None)
    return RequestDetails(
        right=req.right, all_records=req.all_records, record_types=tuple(req.record_types),
        date_from=req.date_from, date_to=req.date_to, condition=req.condition, copy=req.copy,
        electronic_format=req.electronic_format, delivery=req.delivery,
        delivery_detail=req.delivery_detail,
        unencrypted_email_accepted=req.unencrypted_email_accepted, send_to=req.send_to,
        third_party=third, sent_on=sent.on if sent else None,
        received_on=result.receipt.on if result.receipt else None, deadline=result.deadline,
        reference=req.reference, amendment_what=req.amendment_what,
        amendment_why=req.amendment_why, accounting_from=req.accounting_from,
        accounting_to=req.accounting_to)


def _latest(events: list[RequestEvent], kind: str) -> RequestEvent | None:
    found = [e for e in events if e.type == kind]
    return found[-1] if found else None


# How a letter's timeline names each event: told to an office or an agency, so "the office"
# rather than the app's "They ..." (which speaks to the user).
LETTER_EVENT_LABELS = {
    choices.EventType.SENT: _lazy("Request sent"),
    choices.EventType.DELIVERED: _lazy("Request delivered (receipt confirmed)"),
    choices.EventType.ACKNOWLEDGED: _lazy("The office confirmed receipt"),
    choices.EventType.EXTENSION_NOTICE: _lazy("The office said it needs more time"),
    choices.EventType.FEE_QUOTE: _lazy("The office asked for a fee"),
    choices.EventType.DENIAL: _lazy("The office refused all or part of the request"),
    choices.EventType.RECORDS_PROVIDED: _lazy("Records received"),
    choices.EventType.CONDITION_IMPOSED: _lazy("The office set a condition before giving "
                                              "access"),
    choices.EventType.AMENDMENT_ACCEPTED: _lazy("The office accepted the amendment"),
    choices.EventType.CALL_NOTE: _lazy("Phone call"),
    choices.EventType.NOTE: _lazy("Note"),
    choices.EventType.LETTER_SENT: _lazy("Follow-up letter sent"),
    choices.EventType.REVIEW_REQUESTED: _lazy("Review of the denial requested"),
    choices.EventType.COMPLAINT_FILED: _lazy("Complaint filed"),
}


def _timeline(events: list[RequestEvent]) -> tuple[TimelineItem, ...]:
    items = []
    for event in events:
        text = str(LETTER_EVENT_LABELS.get(event.type) or event.get_type_display())
        if event.text:
            text = f"{text}: {event.text}"
        items.append(TimelineItem(on=event.on, text=text))
    return tuple(items)


def _route_clause(state_step: dict | None) -> str:
    """Why the state complaint goes to this agency, as the letter says it ("I write to you
    because ..."): from the route's citation, never the next step's advice to the patient."""
    if state_step is None:
        return ""
    law = state_step.get("citation") or ""
    if not law:
        return str(_("a provider's failure to give patients their records may be reported "
                     "to you"))
    return str(_("a provider's failure to give patients their records under %(law)s may be "
                 "reported to you") % {"law": law})


def _event_facts(events: list[RequestEvent], result: Assessment) -> dict:
    fee = _latest(events, choices.EventType.FEE_QUOTE)
    denial = _latest(events, choices.EventType.DENIAL)
    arrived = _latest(events, choices.EventType.RECORDS_PROVIDED)
    window = next((f for f in result.findings if f["code"] == "complaint_deadline"), None)
    state_step = next((s for s in result.next_steps if s["action"] == "file_state_complaint"),
                      None)
    knew = window.get("knew_on") if window else None
    return {
        "fee_amount": fee.facts.get("amount") if fee else None,
        "fee_components": tuple(fee.facts.get("components", ())) if fee else (),
        "fee_quoted_on": fee.on if fee else None,
        "denial_on": denial.on if denial else None,
        "denial_grounds": tuple(denial.facts.get("grounds", ())) if denial else (),
        "missing_records": arrived.text if arrived and not arrived.facts.get("complete", True)
        else "",
        "records_received_on": arrived.on if arrived else None,
        "complaint_window_ends": date.fromisoformat(window["due"])
        if window and window.get("due") else None,
        "knew_on": date.fromisoformat(knew) if knew else None,
        "state_complaint_route": _route_clause(state_step),
        "evidence": tuple(e.evidence_name for e in events if e.evidence),
    }


def build_context(req: RecordsRequest, events: list[RequestEvent], link: PatientAccess | None,
                  result: Assessment, kind: str, today: date, *,
                  signer_name: str = "", signature_png: bytes | None = None,
                  id_copy_attached: bool = False) -> LetterContext:
    """Everything letter ``kind`` needs about ``req``, as plain data."""
    events = in_timeline_order(events)
    values = {
        "kind": kind, "today": today, "patient": _patient(req, link),
        "recipient": _recipient(req), "id_copy_attached": id_copy_attached,
        "request": _details(req, events, result), "representative": representative_for(link),
        "signer_name": signer_name, "signature_png": signature_png,
        "findings": tuple(result.findings), "next_steps": tuple(result.next_steps),
        "status": result.status, "timeline": _timeline(events), **_event_facts(events, result),
    }
    return LetterContext(**values)


def authority_attachment(link: PatientAccess | None) -> list[bytes]:
    """The representative's authority document, to attach after the letter (if it can be)."""
    rep = representative_for(link)
    if rep is None or not rep.authority_attached:
        return []
    with link.authority_document.open("rb") as handle:
        return [handle.read()]


def id_copy_attachment(link: PatientAccess | None, kind: str) -> list[bytes]:
    """The signer's photo ID copy, after an access request the signer signs (or nothing)."""
    if kind != "access_request" or not signs_letters(link):
        return []
    data = id_copy_for(link.user)
    return [data] if data and problem_with(data) is None else []


def attachments_for(link: PatientAccess | None, id_copy: list[bytes]) -> list[bytes]:
    """Every document that follows the letter: the authority, then the ID copy
    (``id_copy_attachment``, already read for the letter's context)."""
    return authority_attachment(link) + id_copy


def authority_problem(link: PatientAccess | None) -> str | None:
    """Why the stored authority document cannot be attached (None if it can, or if none).

    Uploads are checked since issue 9.5; documents stored before may still be unreadable,
    and then letters go out without them and the letter page says why.
    """
    if link is None or not link.authority_document:
        return None
    document = link.authority_document
    return _stored_document_problem(document.storage, document.name, get_language() or "en")


@lru_cache(maxsize=256)
def _stored_document_problem(storage, name: str, _language: str) -> str | None:
    with storage.open(name, "rb") as handle:  # stored names are unique and never reused
        return problem_with(handle.read())


def office_forms_for(req: RecordsRequest, context: LetterContext, *, filled: bool = True
                     ) -> list[office_form_packet.PreparedForm]:
    """The provider's own forms, planned from this letter's facts: only with the letter that
    makes the request (follow-ups refer to it). With ``filled``, each form's PDF is filled in
    now (for the letter's PDF); the letter page shows only what each field gets, so it asks
    for ``filled=False`` and no form is filled on a page view."""
    if context.kind != registry.initial_kind(req.right):
        return []
    prepared = []
    for office_form in req.provider.office_forms.all():
        try:
            form = office_form_packet.prepare(context, office_form.name, office_form.read(),
                                              office_form.pk)
            if filled:
                form.pdf  # noqa: B018 -- filled here, so a form that cannot be is left out
        except FormError:  # checked when uploaded; a form that no longer opens is left out
            continue
        prepared.append(form)
    return prepared


def render_pdf(context: LetterContext, attachments: list[bytes],
               office_forms: list[office_form_packet.PreparedForm] | None = None) -> bytes:
    """The letter's PDF, then the office's own forms (each after its cover page), then the
    attachments. Raises LetterNotPossible."""
    attachments = office_form_packet.packet_parts(context, office_forms or []) + attachments
    if attachments:
        return render.render_pdf_with_attachments(context, attachments)
    return render.render_pdf(context)


def kind_info(kind: str) -> LetterKind | None:
    """The letters registry's entry for ``kind`` (title, when, missing()), or None."""
    try:
        return registry.get_kind(kind)
    except registry.UnknownKind:
        return None
