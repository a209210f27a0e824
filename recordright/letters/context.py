"""What a letter needs to know, as plain data.

The requests app (and the directory's closed-practice guide) fill a
``LetterContext`` from their models; ``recordright.letters.render`` turns it into
a PDF. Nothing here touches the database, so letters can be rendered and tested
from plain values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Person:
    name: str
    former_names: str = ""
    date_of_birth: date | None = None
    date_of_death: date | None = None
    address_lines: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Recipient:
    """The records holder (or whoever the letter goes to)."""

    name: str
    records_office: str = ""
    address_lines: tuple[str, ...] = ()
    fax: str = ""
    email: str = ""
    phone: str = ""
    state: str = ""
    holder_type: str = "provider"  # the rights engine's holder.type values
    npi: str = ""


@dataclass(frozen=True)
class Representative:
    """Someone acting for the patient (45 CFR 164.502(g)), with the document that shows it."""

    name: str
    legal_basis: str  # patients.models.LegalBasis value
    relationship: str = ""  # what the patient is to the signer: patients.models.Relationship
    kin: str = ""  # the word letters use for the patient: patients.models.Kin ("son"), or ""
    address_lines: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    authority_document_name: str = ""  # e.g. "health care power of attorney"
    authority_attached: bool = False


@dataclass(frozen=True)
class ThirdParty:
    name: str
    address_lines: tuple[str, ...] = ()
    email: str = ""


@dataclass(frozen=True)
class RequestDetails:
    right: str = "access"  # access | amendment | accounting
    all_records: bool = True  # everything in the designated record set
    record_types: tuple[str, ...] = ()  # the rights engine's records values
    date_from: date | None = None
    date_to: date | None = None
    condition: str = ""  # "the broken ankle in 2014"
    copy: str = "electronic"  # electronic | paper | inspection
    electronic_format: str = ""  # pdf | ccda | fhir | ehi_export
    delivery: str = "email"  # the rights engine's delivery values
    delivery_detail: str = ""  # the address, portal, app or fax number to deliver to
    unencrypted_email_accepted: bool = False
    send_to: str = "self"  # self | third_party
    third_party: ThirdParty | None = None
    sent_on: date | None = None
    received_on: date | None = None
    deadline: date | None = None
    reference: str = ""
    # Amendment
    amendment_what: str = ""
    amendment_why: str = ""
    # Accounting of disclosures
    accounting_from: date | None = None
    accounting_to: date | None = None


@dataclass(frozen=True)
class TimelineItem:
    on: date
    text: str


@dataclass(frozen=True)
class LetterContext:
    kind: str
    today: date
    patient: Person
    recipient: Recipient
    request: RequestDetails = field(default_factory=RequestDetails)
    representative: Representative | None = None
    signer_name: str = ""  # typed signature; defaults to the patient or representative
    signature_png: bytes | None = None  # a drawn signature, if the user made one
    # From the rights engine's result for this request:
    findings: tuple[dict, ...] = ()
    next_steps: tuple[dict, ...] = ()
    status: str = ""
    # Facts some letters quote:
    fee_amount: float | None = None
    fee_components: tuple[str, ...] = ()
    denial_on: date | None = None
    denial_grounds: tuple[str, ...] = ()
    missing_records: str = ""
    statement_of_disagreement: str = ""
    timeline: tuple[TimelineItem, ...] = ()
    evidence: tuple[str, ...] = ()  # names of the documents kept as evidence
    state_complaint_route: str = ""
    extra: dict = field(default_factory=dict)  # kind-specific values
    # Added for the letters themselves (all optional):
    addressee: Recipient | None = None  # who a complaint goes to (OCR, a state board)
    knew_on: date | None = None  # when the patient knew of the act or omission complained of
    complaint_window_ends: date | None = None  # the engine's 45 CFR 160.306(b)(3) date
    fee_quoted_on: date | None = None
    records_received_on: date | None = None  # when part of the records arrived
    id_copy_attached: bool = False  # a copy of the signer's photo ID follows the letter

    @property
    def signer(self) -> str:
        if self.signer_name:
            return self.signer_name
        return self.representative.name if self.representative else self.patient.name
