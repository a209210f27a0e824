"""Synthetic example contexts, one per letter kind, for previews, docs and tests.

Everyone here is made up: 555-01xx phone numbers, example.org addresses, no real
provider. The request was received on November 22, 2026, so the 30-day deadline
the engine would compute is December 22, 2026.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from recordright.letters.context import (
    LetterContext,
    Person,
    Recipient,
    Representative,
    RequestDetails,
    TimelineItem,
)
from recordright.rules import assess

SENT = date(2026, 11, 19)
RECEIVED = date(2026, 11, 22)
DEADLINE = date(2026, 12, 22)

PATIENT = Person(
    name="Jordan Q. Sample", former_names="Jordan Q. Example", date_of_birth=date(1984, 3, 14),
    address_lines=("12 Example Street", "Springfield, IL 62704"), phone="(217) 555-0142",
    email="jordan.sample@example.org")

CLINIC = Recipient(
    name="Springfield Example Clinic", records_office="Health Information Management",
    address_lines=("400 Sample Avenue, Suite 200", "Springfield, IL 62701"),
    fax="(217) 555-0199", phone="(217) 555-0100", state="IL")

STATE_BOARD = Recipient(
    name="Illinois Department of Financial and Professional Regulation",
    records_office="Complaint Intake Unit",
    address_lines=("555 West Monroe Street, 5th Floor", "Chicago, IL 60661"))

# legal basis -> a synthetic representative with that authority
REPRESENTATIVES = {
    "health_care_agent": Representative(
        name="Casey R. Sample", legal_basis="health_care_agent", relationship="spouse",
        kin="spouse",
        address_lines=("12 Example Street", "Springfield, IL 62704"), phone="(217) 555-0143",
        email="casey.sample@example.org",
        authority_document_name="the health care power of attorney dated June 1, 2020",
        authority_attached=True),
    "parent_of_minor": Representative(
        name="Alex Sample", legal_basis="parent_of_minor", relationship="child", kin="daughter",
        address_lines=("12 Example Street", "Springfield, IL 62704"), phone="(217) 555-0144",
        authority_attached=True),
    "executor": Representative(
        name="Morgan Sample", legal_basis="executor", relationship="parent", kin="father",
        address_lines=("8 Placeholder Road", "Peoria, IL 61602"), phone="(309) 555-0145",
        authority_attached=True),
}

BASE_REQUEST = RequestDetails(
    right="access", all_records=True, copy="electronic", electronic_format="pdf",
    delivery="email", delivery_detail="jordan.sample@example.org", sent_on=SENT,
    received_on=RECEIVED, deadline=DEADLINE, reference="ROI-2026-0417")

TIMELINE = (
    TimelineItem(SENT, "Request for access sent by fax to (217) 555-0199."),
    TimelineItem(RECEIVED, "Fax confirmation: request received by the records office."),
    TimelineItem(date(2026, 12, 10), "Reminder sent; no answer."),
    TimelineItem(DEADLINE, "30-day deadline passed without the records or a written denial."),
    TimelineItem(date(2027, 1, 5), "Late notice sent by certified mail."),
)

EVIDENCE = ("Request for access of November 19, 2026 (PDF)",
            "Fax transmission confirmation of November 22, 2026",
            "Late notice of January 5, 2027 and certified-mail receipt")


def engine_findings(today: date, **request) -> tuple[dict, ...]:
    """What the rights engine finds for the sample request (received November 22, 2026)
    with ``request`` facts and events, so examples state real findings as letters do."""
    events = request.pop("events", [])
    case = {"format": "recordright-case/1", "right": "access",
            "holder": {"type": "provider", "name": CLINIC.name}, "requester": "individual",
            "request": {"received_on": RECEIVED.isoformat(), **request}, "events": events}
    return tuple(assess(case, today=today)["findings"])


def _kind_values(kind_id: str) -> dict:
    """What each kind's example adds to the common synthetic request."""
    request = BASE_REQUEST
    values: dict = {
        "access_request": {"today": SENT, "request": replace(
            request, record_types=("medical", "lab", "imaging"), all_records=False,
            date_from=date(2014, 1, 1), date_to=date(2016, 12, 31),
            condition="the broken ankle in 2014", received_on=None, deadline=None,
            sent_on=None, reference="")},
        "reminder": {"today": date(2026, 12, 10)},
        "late_notice": {"today": date(2027, 1, 5)},
        "fee_dispute": {"today": date(2026, 12, 4), "fee_amount": 187.5,
                        "fee_quoted_on": date(2026, 12, 2), "fee_components": (
                            "Search and retrieval fee: $25.00",
                            "412 pages at $0.40 per page (records kept electronically): "
                            "$164.80", "Postage: $0.00 (electronic delivery)"),
                        "findings": engine_findings(
                            date(2026, 12, 4), copy="electronic", delivery="email",
                            maintained_electronically=True, events=[{
                                "on": "2026-12-02", "type": "fee_quote", "amount": 187.5,
                                "components": ["search_retrieval", "per_page"], "pages": 412,
                                "disclosed_in_advance": True}])},
        "format_request": {"today": date(2026, 12, 1), "request": replace(
            request, electronic_format="ccda"), "extra": {"offered": "a paper copy by mail"}},
        "remaining_records": {"today": date(2026, 12, 18),
                              "records_received_on": date(2026, 12, 15),
                              "missing_records": "Imaging reports and the images of the "
                              "left ankle from March 2014.\nBilling records for 2015."},
        "review_request": {"today": date(2026, 12, 20), "denial_on": date(2026, 12, 16),
                           "denial_grounds": ("endanger_life_or_safety",)},
        "denial_reply": {"today": date(2026, 12, 20), "denial_on": date(2026, 12, 16),
                         "denial_grounds": ("unpaid_bill",),
                         "findings": engine_findings(date(2026, 12, 20), events=[{
                             "on": "2026-12-16", "type": "denial", "grounds": ["unpaid_bill"],
                             "in_writing": True, "notice": {"basis": True}}])},
        "amendment_request": {"today": SENT, "request": replace(
            request, right="amendment", sent_on=None, received_on=None, deadline=None,
            amendment_what="The allergy list of the visit of March 3, 2025 records an "
                           "allergy to penicillin.",
            amendment_why="I have no penicillin allergy; the entry belongs to another "
                          "patient. It should read \u201cNo known drug allergies\u201d."),
            "extra": {"notify": ("Springfield Example Pharmacy, 20 Sample Plaza, "
                                 "Springfield, IL 62701",)}},
        "statement_of_disagreement": {
            "today": date(2027, 2, 1), "denial_on": date(2027, 1, 20),
            "request": replace(request, right="amendment", amendment_what="Allergy list."),
            "statement_of_disagreement": "The record lists a penicillin allergy. I have "
            "taken amoxicillin twice since 2019 without any reaction (see the attached "
            "pharmacy history). The entry is wrong and endangers my care."},
        "accounting_request": {"today": SENT, "request": replace(
            request, right="accounting", sent_on=None, received_on=None, deadline=None,
            accounting_from=date(2023, 1, 1), accounting_to=date(2026, 10, 31))},
        "ocr_complaint": {"today": date(2027, 1, 20), "timeline": TIMELINE,
                          "evidence": EVIDENCE, "knew_on": date(2026, 12, 23),
                          "complaint_window_ends": date(2027, 6, 21),
                          "findings": engine_findings(date(2027, 1, 20))},
        "records_location_inquiry": {"today": date(2026, 10, 2), "request": RequestDetails(),
                                     "extra": {
            "doctor": "Harold Example, MD", "npi": "1234567893",
            "practice_address": "100 Main Street, Springfield, IL 62704",
            "until": "March 1, 2026", "what_happened": "the doctor retired"}},
        "state_complaint": {"today": date(2027, 1, 20), "timeline": TIMELINE,
                            "evidence": EVIDENCE, "addressee": STATE_BOARD,
                            "findings": engine_findings(date(2027, 1, 20)),
                            "state_complaint_route": "the Department licenses the "
                            "physicians of the clinic and takes complaints about them"},
    }
    return values[kind_id]


def sample_context(kind_id: str, *, representative: str | None = None,
                   signature_png: bytes | None = None) -> LetterContext:
    """A complete, synthetic context for ``kind_id`` (a registry id).

    ``representative`` is a legal basis from ``REPRESENTATIVES`` to have the letter
    written by a personal representative instead of the patient.
    """
    values = {"kind": kind_id, "today": SENT, "patient": PATIENT, "recipient": CLINIC,
              "request": BASE_REQUEST, "signature_png": signature_png}
    values.update(_kind_values(kind_id))
    if representative:
        values["representative"] = REPRESENTATIVES[representative]
        if representative == "parent_of_minor":
            values["patient"] = replace(PATIENT, name="Riley Sample", former_names="",
                                        date_of_birth=date(2015, 8, 9), email="")
        elif representative == "executor":
            values["patient"] = replace(PATIENT, date_of_death=date(2026, 6, 30))
    return LetterContext(**values)
