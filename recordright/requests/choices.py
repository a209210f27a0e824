"""The closed vocabularies of a request, in plain language.

Values that the rights engine also reads (records, copy, delivery, event facts)
use the engine's own names (docs/case-format.md) so the bridge in
``assessment.py`` passes them through unchanged.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Right(models.TextChoices):
    ACCESS = "access", _("Get a copy of the records, or look at them")
    AMENDMENT = "amendment", _("Correct something wrong in the records (amendment)")
    ACCOUNTING = "accounting", _("Find out who the records were shared with (accounting of "
                                 "disclosures)")


class RecordType(models.TextChoices):
    MEDICAL = "medical", _("Medical records (visits, diagnoses, medications)")
    BILLING = "billing", _("Billing and payment records")
    LAB_RESULTS = "lab_results", _("Lab results")
    IMAGING = "imaging", _("Imaging (X-rays, scans) and their reports")
    NOTES = "notes", _("Doctors' and nurses' notes")


# "notes" are clinical notes, part of the medical record; the engine has no separate kind.
ENGINE_RECORD_KIND = {"notes": "medical"}


class Copy(models.TextChoices):
    ELECTRONIC = "electronic", _("An electronic copy")
    PAPER = "paper", _("A paper copy")
    INSPECTION = "inspection", _("Look at the records in person (inspection)")


class KeptElectronically(models.TextChoices):
    """Whether the office keeps the records electronically (the engine's
    ``maintained_electronically``): it decides whether a per-page fee is allowed."""

    YES = "yes", _("Yes, electronically")
    NO = "no", _("No, on paper")
    UNKNOWN = "unknown", _("I don't know")


# The engine's ``maintained_electronically`` for each answer (None: not known).
ENGINE_KEPT_ELECTRONICALLY = {KeptElectronically.YES: True, KeptElectronically.NO: False,
                              KeptElectronically.UNKNOWN: None}


class ElectronicFormat(models.TextChoices):
    PDF = "pdf", _("PDF documents")
    CCDA = "ccda", _("C-CDA (a standard summary document other doctors' systems can read)")
    FHIR = "fhir", _("FHIR (the standard data format apps use)")
    EHI_EXPORT = "ehi_export", _("The full electronic health information export")


class Delivery(models.TextChoices):
    EMAIL = "email", _("Secure (encrypted) email")
    UNENCRYPTED_EMAIL = "unencrypted_email", _("Regular (unencrypted) email")
    PORTAL = "portal", _("The patient portal")
    MAIL = "mail", _("Mail")
    PICKUP = "pickup", _("I will pick it up")
    PORTABLE_MEDIA = "portable_media", _("A flash drive or CD")
    FAX = "fax", _("Fax")
    APP = "app", _("An app of my choice")


class SendTo(models.TextChoices):
    SELF = "self", _("To the patient (or to me, acting for the patient)")
    THIRD_PARTY = "third_party", _("Directly to someone else (a new doctor, a lawyer)")


class Status(models.TextChoices):
    """Where a request stands: the engine's status (docs/case-format.md), or not sent yet."""

    DRAFT = "draft", _("Not sent yet")
    PENDING = "pending", _("Waiting for an answer")
    EXTENDED = "extended", _("Waiting (they took more time)")
    OVERDUE = "overdue", _("Overdue")
    FULFILLED = "fulfilled", _("Records provided")
    FULFILLED_LATE = "fulfilled_late", _("Records provided late")
    PARTIALLY_FULFILLED = "partially_fulfilled", _("Only partly provided")
    DENIED = "denied", _("Refused")


def status_label(status: str) -> str:
    """The words for a status; one the app does not know yet is still shown in words."""
    try:
        return str(Status(status).label)
    except ValueError:
        return str(_("Status unknown"))


def record_types_label(values: list[str]) -> str:
    """ "medical, lab_results" as the person reads it: "Medical records (…), Lab results"."""
    labels = dict(RecordType.choices)
    return ", ".join(str(labels.get(value, _("Other records"))) for value in values)


class Urgency:
    """How soon a due step needs the user; the dashboard sorts by it (lowest first)."""

    OVERDUE = 0
    DUE_SOON = 1  # within 3 days
    TO_DO = 2
    WAITING = 3
    NOTHING_DUE = 9  # a request with nothing to do


class Channel(models.TextChoices):
    """How the request (or a letter) went to the records holder."""

    MAIL = "mail", _("Mail")
    CERTIFIED_MAIL = "certified_mail", _("Certified mail")
    EMAIL = "email", _("Email")
    FAX = "fax", _("Fax")
    PORTAL = "portal", _("Patient portal")
    IN_PERSON = "in_person", _("Handed in person")


MAIL_CHANNELS = (Channel.MAIL, Channel.CERTIFIED_MAIL)


class EventType(models.TextChoices):
    SENT = "sent", _("Request sent")
    DELIVERED = "delivered", _("Request delivered (receipt confirmed)")
    ACKNOWLEDGED = "acknowledged", _("They confirmed they have it")
    EXTENSION_NOTICE = "extension_notice", _("They said they need more time")
    FEE_QUOTE = "fee_quote", _("They asked for a fee")
    DENIAL = "denial", _("They refused (all or part)")
    RECORDS_PROVIDED = "records_provided", _("Records arrived")
    CONDITION_IMPOSED = "condition_imposed", _("They demanded something first")
    AMENDMENT_ACCEPTED = "amendment_accepted", _("They accepted the correction")
    CALL_NOTE = "call_note", _("Phone call")
    NOTE = "note", _("Note")
    LETTER_SENT = "letter_sent", _("Follow-up letter sent")
    REVIEW_REQUESTED = "review_requested", _("Review of the denial requested")
    COMPLAINT_FILED = "complaint_filed", _("Complaint filed")


# Event types the rights engine reads, with their facts (docs/case-format.md).
ENGINE_EVENT_TYPES = ("extension_notice", "fee_quote", "denial", "records_provided",
                      "condition_imposed", "amendment_accepted")


class FeeComponent(models.TextChoices):
    COPYING_LABOR = "copying_labor", _("Labor for making the copy")
    SUPPLIES = "supplies", _("Paper, CD or flash drive")
    POSTAGE = "postage", _("Postage")
    SUMMARY = "summary", _("A summary I agreed to")
    SEARCH_RETRIEVAL = "search_retrieval", _("Searching for or retrieving the records")
    VERIFICATION = "verification", _("Verifying my identity or the request")
    HANDLING = "handling", _("A handling or processing fee")
    CERTIFICATION = "certification", _("Certifying the copy")
    PER_PAGE = "per_page", _("A charge per page")
    MEDIA = "media", _("Buying a CD or flash drive from them")
    OTHER = "other", _("Something else")


class DenialGround(models.TextChoices):
    UNPAID_BILL = "unpaid_bill", _("I have an unpaid bill")
    PRIVACY_LAW = "privacy_law", _("“Privacy law” or “HIPAA” does not allow it")
    EMOTIONAL_DISTRESS = "emotional_distress", _("The records might upset me")
    RECORDS_FROM_OTHER_PROVIDER = "records_from_other_provider", _(
        "The records came from another doctor or hospital")
    CLIA_LAB_RULE = "clia_lab_rule", _("Lab rules (CLIA) do not allow it")
    RECORDS_TOO_OLD = "records_too_old", _("The records are too old")
    IN_PERSON_REQUIRED = "in_person_required", _("I must come in person")
    IDENTITY_NOT_VERIFIED = "identity_not_verified", _("They could not verify my identity")
    POLICY = "policy", _("“It is our policy”")
    RECORDS_NOT_HELD = "records_not_held", _("They do not have the records")
    PSYCHOTHERAPY_NOTES = "psychotherapy_notes", _("Psychotherapy notes")
    LITIGATION_MATERIALS = "litigation_materials", _("Prepared for a lawsuit")
    CORRECTIONAL_SAFETY = "correctional_safety", _("Safety in a correctional facility")
    RESEARCH_IN_PROGRESS = "research_in_progress", _("A research study in progress")
    PRIVACY_ACT = "privacy_act", _("The federal Privacy Act")
    CONFIDENTIAL_SOURCE = "confidential_source", _("Someone told them in confidence")
    ENDANGER_LIFE_OR_SAFETY = "endanger_life_or_safety", _(
        "A doctor decided it would endanger life or safety")
    HARM_TO_OTHER_PERSON = "harm_to_other_person", _(
        "A doctor decided it would harm someone named in the records")
    PERSONAL_REPRESENTATIVE_HARM = "personal_representative_harm", _(
        "A doctor decided access by the representative would cause harm")
    NOT_CREATED_BY_ENTITY = "not_created_by_entity", _("They did not create the record")
    NOT_IN_DESIGNATED_RECORD_SET = "not_in_designated_record_set", _(
        "It is not part of the records they keep about me")
    NOT_AVAILABLE_FOR_INSPECTION = "not_available_for_inspection", _(
        "It is not something I may see")
    ACCURATE_AND_COMPLETE = "accurate_and_complete", _("They say the record is correct")
    OTHER = "other", _("Another reason")


class DenialScope(models.TextChoices):
    FULL = "full", _("All of the records")
    PARTIAL = "partial", _("Part of the records")


class Condition(models.TextChoices):
    IN_PERSON_REQUEST = "in_person_request", _("Come in person to ask")
    PORTAL_ONLY = "portal_only", _("Use only their portal")
    MAIL_ONLY = "mail_only", _("Ask only by mail")
    BUY_MEDIA = "buy_media", _("Buy a CD or flash drive from them")
    PAY_OUTSTANDING_BILL = "pay_outstanding_bill", _("Pay an unpaid bill first")
    REASON_FOR_REQUEST = "reason_for_request", _("Say why I want the records")
    OTHER = "other", _("Something else")


class Form(models.TextChoices):
    ELECTRONIC = "electronic", _("Electronic")
    PAPER = "paper", _("Paper")
