"""Turn a ``LetterContext`` into the flat values the letter templates print.

Templates stay simple (and translatable with ``blocktranslate``) because every
date is already formatted, every label already chosen and every block of lines
already assembled here. Nothing here decides the law: deadlines, windows and
findings come in the context from the rights engine.
"""

from __future__ import annotations

import base64
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.dates import us_date
from recordright.letters import grounds
from recordright.letters.citing import cite, clock_for, printed, template_citations
from recordright.letters.context import LetterContext, Recipient, Representative
from recordright.letters.fee_parts import fee_parts, us_money
from recordright.letters.kinds.base import LetterKind
from recordright.letters.statements import statements_for
from recordright.rules.complaints import OCR_WINDOW_DAYS

RECORD_TYPES = {
    "medical": _lazy("medical records, including office and clinical notes"),
    "notes": _lazy("clinical notes"),
    "billing": _lazy("billing and payment records"),
    "lab": _lazy("laboratory results"),
    "lab_results": _lazy("laboratory results"),
    "imaging": _lazy("imaging reports and the images themselves"),
    "medications": _lazy("medication lists and prescriptions"),
    "claims": _lazy("claims, payment and case-management records"),
    "enrollment": _lazy("enrollment records"),
}

ELECTRONIC_FORMATS = {
    "pdf": _lazy("PDF files"),
    "ccda": _lazy("C-CDA documents (the standard clinical summary format)"),
    "fhir": _lazy("FHIR resources (HL7 FHIR), for example through an API or a download"),
    "ehi_export": _lazy("the full electronic health information (EHI) export of the record"),
}

# legal basis -> (role in the signature line, rule id of the paragraph relied on)
REPRESENTATIVE_ROLES = {
    "parent_of_minor": (_lazy("parent"), "personal_representative.minor"),
    "guardian": (_lazy("guardian"), "personal_representative.adult"),
    "health_care_agent": (_lazy("health care agent"), "personal_representative.adult"),
    "executor": (_lazy("executor of the estate"), "personal_representative.deceased"),
    "authorization": (_lazy("authorized representative"), "authorization"),
}

DEFAULT_DOCUMENTS = {
    "parent_of_minor": _lazy("my child's birth certificate or the custody order"),
    "guardian": _lazy("my letters of guardianship"),
    "health_care_agent": _lazy("the health care power of attorney"),
    "executor": _lazy("the letters testamentary or of administration and the death "
                      "certificate"),
    "authorization": _lazy("the HIPAA authorization signed by the patient"),
}


# PatientAccess.kin and .relationship values -> the word a letter uses ("my son").
KIN_WORDS = {
    "son": _lazy("son"), "daughter": _lazy("daughter"), "child": _lazy("child"),
    "father": _lazy("father"), "mother": _lazy("mother"), "parent": _lazy("parent"),
    "husband": _lazy("husband"), "wife": _lazy("wife"), "spouse": _lazy("spouse"),
    "partner": _lazy("partner"), "brother": _lazy("brother"), "sister": _lazy("sister"),
    "grandfather": _lazy("grandfather"), "grandmother": _lazy("grandmother"),
    "grandchild": _lazy("grandchild"),
}


# A representative's subject line: the records are not "mine" (kind id -> title).
REPRESENTATIVE_TITLES = {
    "access_request": _lazy("Request for access to health information"),
    "amendment_request": _lazy("Request to amend a health record"),
    "fee_dispute": _lazy("Dispute of the fee for the records"),
    "remaining_records": _lazy("Request for the rest of the records"),
}


def title_of(context: LetterContext, kind: LetterKind) -> str:
    if representative_block(context) is not None and kind.id in REPRESENTATIVE_TITLES:
        return str(REPRESENTATIVE_TITLES[kind.id])
    return str(kind.title)


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def representative_block(context: LetterContext) -> dict | None:
    rep: Representative | None = context.representative
    if rep is None or rep.legal_basis not in REPRESENTATIVE_ROLES:
        return None
    role, rule_id = REPRESENTATIVE_ROLES[rep.legal_basis]
    born = context.patient.date_of_birth
    if rep.legal_basis == "guardian" and born and _age_on(born, context.today) < 18:
        rule_id = "personal_representative.minor"  # guardian of a minor: (g)(3), not (g)(2)
    role_line = (_("as %(role)s of the estate of %(patient)s") % {
        "role": _("executor"), "patient": context.patient.name}
        if rep.legal_basis == "executor"
        else _("as %(role)s of %(patient)s") % {"role": role, "patient": context.patient.name})
    return {
        "name": rep.name,
        "basis": rep.legal_basis,
        "role": str(role),
        "role_line": role_line,
        "citation": printed(cite(rule_id)),
        "document": rep.authority_document_name or str(DEFAULT_DOCUMENTS[rep.legal_basis]),
        "attached": rep.authority_attached,
        "date_of_death": us_date(context.patient.date_of_death),
    }


def sender_block(context: LetterContext) -> dict:
    rep = context.representative
    if rep is not None and representative_block(context) is not None:
        return {"name": rep.name, "on_behalf": context.patient.name,
                "lines": rep.address_lines, "phone": rep.phone, "email": rep.email}
    patient = context.patient
    return {"name": patient.name, "on_behalf": "", "lines": patient.address_lines,
            "phone": patient.phone, "email": patient.email}


def addressee(context: LetterContext, kind: LetterKind) -> Recipient:
    if context.addressee is not None:
        return context.addressee
    if kind.id == "ocr_complaint":
        from recordright.letters.kinds.ocr_complaint import OCR
        return OCR
    return context.recipient


def records_asked(context: LetterContext) -> list[str]:
    """The records asked for, one phrase per line."""
    request = context.request
    if request.all_records:
        lines = [_("All of %(phi)s in your designated record set, including medical and "
                   "billing records.") % {"phi": phi_of(context)}]
    elif request.record_types:
        lines = [str(RECORD_TYPES.get(kind, kind.replace("_", " "))).capitalize() + "."
                 for kind in request.record_types]
    else:
        lines = []
    if request.date_from and request.date_to:
        lines.append(_("Dates of service: %(start)s to %(end)s.") % {
            "start": us_date(request.date_from), "end": us_date(request.date_to)})
    elif request.date_from:
        lines.append(_("Dates of service: from %(start)s.") % {"start": us_date(request.date_from)})
    elif request.date_to:
        lines.append(_("Dates of service: up to %(end)s.") % {"end": us_date(request.date_to)})
    if request.condition:
        lines.append(_("Concerning: %(condition)s.") % {"condition": request.condition})
    return lines


def form_sentence(context: LetterContext) -> str:
    request = context.request
    if request.copy == "paper":
        return _("Please provide a paper copy.")
    if request.copy == "inspection":
        return _("I would like to inspect the records in person. Please contact me to "
                 "arrange a convenient time and place.")
    fmt = ELECTRONIC_FORMATS.get(request.electronic_format)
    if fmt:
        return _("Please provide an electronic copy as %(format)s.") % {"format": fmt}
    return _("Please provide an electronic copy.")


def delivery_sentence(context: LetterContext) -> str:
    request = context.request
    to = request.delivery_detail
    if request.copy == "inspection":
        return ""
    if request.send_to == "third_party" and request.third_party is not None:
        return _("Please send the copy directly to the person named below.")
    sentences = {
        "email": _("Please send it by secure email to %(to)s."),
        "unencrypted_email": _("Please send it by regular email to %(to)s."),
        "portal": _("Please make it available in your patient portal%(to)s."),
        "mail": _("Please mail it to %(to)s."),
        "pickup": _("I will pick it up at your office; please tell me when it is ready."),
        "portable_media": _("Please provide it on portable media (a USB flash drive or "
                            "disc)%(to)s."),
        "fax": _("Please fax it to %(to)s."),
        "app": _("Please send it to the app I use: %(to)s."),
    }
    delivery = request.delivery
    if delivery == "email" and request.unencrypted_email_accepted:
        delivery = "unencrypted_email"
    if delivery == "mail" and not to:
        if not sender_block(context)["lines"]:
            return _("Please mail it to me; I will confirm my postal address.")
        to = _("my address above")
    if delivery in ("email", "unencrypted_email") and not to:
        to = context.representative.email if context.representative else context.patient.email
    if delivery in ("portal", "portable_media"):
        to = f" ({to})" if to else ""
    template = sentences.get(delivery)
    return template % {"to": to} if template else ""


def identity_rows(context: LetterContext) -> list[tuple[str, str]]:
    """What records offices ask for to find and release records (never an SSN)."""
    patient = context.patient
    rows = [(_("Patient"), patient.name)]
    if patient.former_names:
        rows.append((_("Former names"), patient.former_names))
    rows.append((_("Date of birth"), us_date(patient.date_of_birth)))
    if patient.date_of_death:
        rows.append((_("Date of death"), us_date(patient.date_of_death)))
    if patient.address_lines:
        rows.append((_("Address"), ", ".join(patient.address_lines)))
    if patient.phone:
        rows.append((_("Phone"), patient.phone))
    if patient.email:
        rows.append((_("Email"), patient.email))
    return rows


def findings(context: LetterContext) -> list[dict]:
    """What the letter says about the engine's findings: sentences written for this letter
    (recordright.letters.statements), never the findings' own messages."""
    return statements_for(context)


def signature_data_uri(png: bytes | None) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode() if png else ""


def css_string(text: str) -> str:
    """Quote ``text`` for a CSS ``content`` value (page headers)."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,-:()/'" else f"\\{ord(ch):x} "
                      for ch in text)
    return f'"{escaped}"'


def kin_word(context: LetterContext) -> str:
    """"son", "late father" or "" (not known): what the patient is to whoever signs."""
    rep = context.representative
    if rep is None:
        return ""
    word = KIN_WORDS.get(rep.kin) or KIN_WORDS.get(rep.relationship)
    if not word:
        return ""
    if context.patient.date_of_death:
        return _("late %(kin)s") % {"kin": word}
    return str(word)


def of_whom(context: LetterContext) -> str:
    """Whose records, after "of": "my son, Mateo García", or the name with the signer's role.

    Empty when the patient writes (the letter then says "my").
    """
    rep = representative_block(context)
    if rep is None:
        return ""
    kin, name = kin_word(context), context.patient.name
    if kin:
        return _("my %(kin)s, %(patient)s") % {"kin": kin, "patient": name}
    if context.patient.date_of_death:
        return _("the late %(patient)s, for whom I act as %(role)s") % {
            "patient": name, "role": rep["role"]}
    return _("%(patient)s, for whom I act as %(role)s") % {"patient": name, "role": rep["role"]}


def whose(context: LetterContext) -> str:
    """The possessive before "records": "my", "my son Mateo García's" or "Mateo García's"."""
    if context.representative is None:
        return _("my")
    kin = kin_word(context)
    if kin:
        return _("my %(kin)s %(patient)s's") % {"kin": kin, "patient": context.patient.name}
    return _("%(patient)s's") % {"patient": context.patient.name}


def phi_of(context: LetterContext) -> str:
    """"my protected health information" or "the protected health information of my son, …,".

    A representative's phrase ends with the comma that closes "my son, Mateo García," so the
    sentence can go on ("… in your designated record set").
    """
    if context.representative is None or representative_block(context) is None:
        return _("my protected health information")
    return _("the protected health information of %(whom)s,") % {"whom": of_whom(context)}


def request_phrase(context: LetterContext) -> str:
    phrases = {
        "amendment": _("a request to amend %(whose)s health record"),
        "accounting": _("a request for an accounting of disclosures of %(whose)s health "
                        "information"),
    }
    phrase = phrases.get(context.request.right,
                         _("a request for access to %(whose)s health information"))
    return phrase % {"whose": whose(context)}


def respond_by(context: LetterContext) -> str:
    """The date a follow-up asks for an answer by: given, or ten days from the letter."""
    given = context.extra.get("respond_by")
    return us_date(given or context.today + timedelta(days=10))


def template_context(context: LetterContext, kind: LetterKind) -> dict:
    request = context.request
    clock = clock_for(request.right)
    patient = context.patient
    running = f"{patient.name}, " + _("born %(date)s") % {"date": us_date(patient.date_of_birth)}
    return {
        "c": context, "kind": kind, "title": title_of(context, kind),
        "cite": template_citations(),
        "patient_name": patient.name, "dob": us_date(patient.date_of_birth),
        "today": us_date(context.today), "sent_on": us_date(request.sent_on),
        "received_on": us_date(request.received_on), "deadline": us_date(request.deadline),
        "denial_on": us_date(context.denial_on), "knew_on": us_date(context.knew_on),
        "window_ends": us_date(context.complaint_window_ends),
        "fee": us_money(context.fee_amount), "fee_quoted_on": us_date(context.fee_quoted_on),
        "records_received_on": us_date(context.records_received_on),
        "accounting_from": us_date(request.accounting_from),
        "accounting_to": us_date(request.accounting_to),
        "days": clock.base_days, "extension_days": clock.extension_days,
        "deadline_cite": printed(cite(clock.deadline_rule)), "window_days": OCR_WINDOW_DAYS,
        "reference": request.reference,
        "sender": sender_block(context), "to": addressee(context, kind),
        "rep": representative_block(context), "records": records_asked(context),
        "form_sentence": form_sentence(context), "delivery_sentence": delivery_sentence(context),
        "identity": identity_rows(context), "findings": findings(context),
        "reasons": [grounds.reason(ground) for ground in context.denial_grounds],
        "fee_parts": fee_parts(context.fee_components),
        "denial_reasons": grounds.reasons(context.denial_grounds),
        "signer": context.signer, "signature_src": signature_data_uri(context.signature_png),
        "running_header": css_string(running),
        "whose": whose(context), "request_phrase": request_phrase(context),
        "phi_of": phi_of(context), "of_whom": of_whom(context),
        "respond_by": respond_by(context), "right": request.right,
        "timeline": [(us_date(item.on), item.text) for item in context.timeline],
    }
