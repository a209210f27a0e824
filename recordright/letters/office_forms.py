"""Which value goes in which field of a records office's own form.

Offices name their form fields freely ("Patient Name", "pt_name", "DOB", "Date of Birth",
"Zip"). ``match(field_name)`` normalises a name (lower case, letters and digits only, words
split at case changes and punctuation) and looks it up in ``SYNONYMS``: one table, so a new
office's spelling is one line here. ``form_values(context)`` is the one place the values come
from: the letter's own facts (``LetterContext``), so whatever the letter says about the patient,
the signer and the request, the form says too.

A field asking for a Social Security number is never filled: no law requires it for a request
for one's own records, and the letter does not give it either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.dates import us_date
from recordright.letters.context import LetterContext
from recordright.letters.present import ELECTRONIC_FORMATS, RECORD_TYPES, REPRESENTATIVE_ROLES

SSN = "ssn"

# What each key means, for the preview the user sees.
LABELS = {
    "patient_name": _lazy("Patient's full name"),
    "first_name": _lazy("Patient's first name"),
    "last_name": _lazy("Patient's last name"),
    "middle_name": _lazy("Patient's middle name"),
    "former_names": _lazy("Former names"),
    "date_of_birth": _lazy("Date of birth"),
    "address": _lazy("Street address"),
    "city": _lazy("City"),
    "state": _lazy("State"),
    "zip": _lazy("ZIP code"),
    "full_address": _lazy("Address"),
    "phone": _lazy("Phone"),
    "email": _lazy("Email"),
    "date_from": _lazy("Dates of service from"),
    "date_to": _lazy("Dates of service to"),
    "records": _lazy("Records requested"),
    "delivery": _lazy("How to deliver the copy"),
    "format": _lazy("Kind of copy"),
    "purpose": _lazy("Purpose"),
    "representative_name": _lazy("Representative's name"),
    "relationship": _lazy("Relationship to the patient"),
    "representative_address": _lazy("Representative's address"),
    "representative_phone": _lazy("Representative's phone"),
    "signature_date": _lazy("Date signed"),
    "signature_name": _lazy("Name of the person signing"),
    "recipient": _lazy("Send the records to"),
    SSN: _lazy("Social Security number"),
    # Checkboxes
    "check_all_records": _lazy("Complete record"),
    "check_medical": _lazy("Medical records"),
    "check_notes": _lazy("Clinical notes"),
    "check_lab_results": _lazy("Lab results"),
    "check_imaging": _lazy("Imaging"),
    "check_billing": _lazy("Billing records"),
    "check_electronic": _lazy("Electronic copy"),
    "check_paper": _lazy("Paper copy"),
    "check_email": _lazy("By email"),
    "check_mail": _lazy("By mail"),
    "check_pickup": _lazy("Pick up"),
    "check_portal": _lazy("Patient portal"),
    "check_fax": _lazy("By fax"),
    "check_media": _lazy("CD or flash drive"),
    "check_personal_use": _lazy("Personal use"),
}

# Normalised field names (see ``normalise``) for each key. Checked in this order: the first key
# whose synonym matches wins, so the specific names ("patient first name") come before the
# general ones ("name").
SYNONYMS: dict[str, tuple[str, ...]] = {
    SSN: ("ssn", "ss", "ss no", "ss number", "social security", "social security number",
          "social security no", "soc sec", "soc sec no", "patient ssn", "pt ssn", "last 4 ssn",
          "ssn last 4", "last four ssn", "ss num"),
    "first_name": ("first name", "first", "fname", "given name", "patient first name",
                   "pt first name", "pt fname", "patient first"),
    "last_name": ("last name", "last", "lname", "surname", "family name", "patient last name",
                  "pt last name", "pt lname", "patient last"),
    "middle_name": ("middle name", "middle initial", "mi", "patient middle name"),
    "former_names": ("former name", "former names", "maiden name", "other names",
                     "previous name", "other name used", "aka", "alias"),
    "patient_name": ("patient name", "pt name", "patient", "name", "full name",
                     "patient full name", "name of patient", "patient s name", "patients name",
                     "client name", "member name", "individual name", "print name patient"),
    "date_of_birth": ("dob", "date of birth", "birth date", "birthdate", "pt dob",
                      "patient dob", "d o b", "birthday", "patient date of birth"),
    "address": ("address", "street", "street address", "address 1", "address line 1",
                "patient address", "mailing address", "pt address", "addr", "address1"),
    "city": ("city", "town", "patient city"),
    "state": ("state", "st", "patient state"),
    "zip": ("zip", "zip code", "zipcode", "postal code", "zip postal code", "patient zip"),
    "full_address": ("city state zip", "city state zip code", "full address"),
    "phone": ("phone", "telephone", "phone number", "tel", "home phone", "cell phone",
              "daytime phone", "contact phone", "patient phone", "pt phone", "mobile"),
    "email": ("email", "e mail", "email address", "e mail address", "patient email"),
    "date_from": ("from", "from date", "date from", "start date", "dates of service from",
                  "service from", "treatment from", "dos from", "beginning date", "begin date"),
    "date_to": ("to", "to date", "date to", "end date", "dates of service to", "service to",
                "treatment to", "dos to", "ending date", "through", "thru"),
    "records": ("records requested", "records", "information requested",
                "information to be released", "records to be released", "description",
                "description of records", "type of records", "other records", "specify"),
    "delivery": ("delivery", "delivery method", "method of delivery", "send by",
                 "how to send", "deliver by"),
    "format": ("format", "copy format", "format requested"),
    "purpose": ("purpose", "purpose of request", "reason", "reason for request",
                "purpose of disclosure", "purpose of release"),
    "representative_name": ("representative name", "rep name", "personal representative",
                            "authorized representative", "legal representative",
                            "name of representative", "representative"),
    "representative_address": ("representative address", "rep address",
                               "address of representative", "requestor address",
                               "requester address"),
    "representative_phone": ("representative phone", "rep phone", "requestor phone",
                             "requester phone"),
    "relationship": ("relationship", "relationship to patient", "relation",
                     "relationship to client", "authority", "legal authority"),
    "signature_date": ("date signed", "signature date", "date of signature", "date",
                       "today s date", "todays date", "sign date"),
    "signature_name": ("signature", "printed name", "print name", "name of person signing",
                       "signer name", "signed by", "patient signature",
                       "signature of patient or representative"),
    "recipient": ("release to", "send to", "recipient", "recipient name", "released to",
                  "disclose to"),
    "check_all_records": ("entire record", "complete record", "complete medical record",
                          "entire medical record", "all records", "all"),
    "check_medical": ("medical records", "medical record", "office notes", "office visit notes"),
    "check_notes": ("progress notes", "clinical notes", "physician notes", "notes"),
    "check_lab_results": ("lab results", "labs", "lab", "laboratory", "laboratory results",
                          "lab reports", "test results"),
    "check_imaging": ("imaging", "x ray", "xray", "x rays", "radiology", "imaging reports",
                      "radiology reports"),
    "check_billing": ("billing", "billing records", "itemized bill", "billing statements"),
    "check_electronic": ("electronic", "electronic copy", "cd", "electronic format"),
    "check_paper": ("paper", "paper copy", "hard copy", "print", "printed copy"),
    "check_email": ("email delivery", "by email", "send by email", "secure email",
                    "deliver email"),
    "check_mail": ("mail", "by mail", "mail delivery", "send by mail", "us mail"),
    "check_pickup": ("pick up", "pickup", "will pick up", "pick up in person"),
    "check_portal": ("portal", "patient portal", "portal delivery"),
    "check_fax": ("fax", "by fax", "fax delivery"),
    "check_media": ("usb", "flash drive", "cd rom", "portable media", "disc"),
    "check_personal_use": ("personal use", "personal", "personal records", "at my request",
                           "patient request", "continuing care"),
}

# Text fields and checkboxes are looked up apart: a checkbox "Email" means "send by email",
# a text field "Email" asks for the address.
_TEXT_LOOKUP: dict[str, str] = {}
_BOX_LOOKUP: dict[str, str] = {}
for _key, _names in SYNONYMS.items():
    for _name in _names:
        (_BOX_LOOKUP if _key.startswith("check_") else _TEXT_LOOKUP).setdefault(_name, _key)
_BOX_LOOKUP.setdefault("email", "check_email")

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")
# Words a form adds that do not change what a field is for.
_NOISE = {"the", "of", "s", "txt", "text", "field", "fld", "tb", "cb", "chk", "check", "box",
          "checkbox", "1", "2", "3", "please", "your"}
_SSN_WORDS = re.compile(r"\b(ssn|social security|soc sec)\b")


def normalise(name: str) -> str:
    """ "PatientName", "pt_name", "Patient Name:" and "PATIENT-NAME" all become "patient name".

    A qualified name ("form1[0].page1.DOB[0]") is read by its last part.
    """
    last = re.sub(r"\[\d+\]", "", name).split(".")[-1]
    words = _NON_WORD.sub(" ", _CAMEL.sub(" ", last).lower()).split()
    return " ".join(words)


def match(field_name: str, *, checkbox: bool = False) -> str | None:
    """The key (see ``LABELS``) a field of this name asks for, or None.

    ``checkbox``: the field is a checkbox, so only the ``check_*`` keys (and SSN) apply.
    """
    text = normalise(field_name)
    if _SSN_WORDS.search(text):
        return SSN
    lookup = _BOX_LOOKUP if checkbox else _TEXT_LOOKUP
    if text in lookup:
        return lookup[text]
    kept = " ".join(word for word in text.split() if word not in _NOISE)
    return lookup.get(kept)


@dataclass(frozen=True)
class Address:
    street: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""


_CITY_LINE = re.compile(r"^(?P<city>[^,]+),\s*(?P<state>[A-Za-z]{2})\.?\s+"
                        r"(?P<zip>\d{5}(?:-\d{4})?)$")


def split_address(lines: tuple[str, ...]) -> Address:
    """ "12 Elm St" / "Springfield, IL 62701" -> street, city, state, ZIP (street only if the
    last line is not of that shape)."""
    if not lines:
        return Address()
    found = _CITY_LINE.match(lines[-1].strip())
    if not found:
        return Address(street=", ".join(lines))
    return Address(street=", ".join(lines[:-1]), city=found["city"].strip(),
                   state=found["state"].upper(), zip=found["zip"])


def _name_parts(full: str) -> tuple[str, str, str]:
    words = full.split()
    if len(words) < 2:
        return full, "", ""
    return words[0], words[-1], " ".join(words[1:-1])


def _records(context: LetterContext) -> str:
    """Short, to fit a line of a form; the letter says it in full."""
    request = context.request
    if request.all_records:
        text = _("Complete record, including medical and billing records")
    else:
        text = ", ".join(str(LABELS.get(_RECORD_BOX.get(kind, ""), "") or RECORD_TYPES.get(
            kind, kind)) for kind in request.record_types)
    if request.condition:
        text = f"{text}; " + _("concerning %(condition)s") % {"condition": request.condition}
    return text


_DELIVERY = {
    "email": _lazy("Secure email"), "unencrypted_email": _lazy("Regular email"),
    "portal": _lazy("Patient portal"), "mail": _lazy("Mail"), "pickup": _lazy("Pick up"),
    "portable_media": _lazy("Flash drive or CD"), "fax": _lazy("Fax"), "app": _lazy("App"),
}
_DELIVERY_BOX = {"email": "check_email", "unencrypted_email": "check_email",
                 "portal": "check_portal", "mail": "check_mail", "pickup": "check_pickup",
                 "portable_media": "check_media", "fax": "check_fax"}
_RECORD_BOX = {"medical": "check_medical", "notes": "check_notes",
               "lab_results": "check_lab_results", "lab": "check_lab_results",
               "imaging": "check_imaging", "billing": "check_billing"}


def _delivery(context: LetterContext) -> str:
    request = context.request
    if request.copy == "inspection":
        return _("Inspection in person")
    how = str(_DELIVERY.get(request.delivery, request.delivery))
    return f"{how}: {request.delivery_detail}" if request.delivery_detail else how


def _format(context: LetterContext) -> str:
    request = context.request
    if request.copy == "paper":
        return _("Paper copy")
    if request.copy == "inspection":
        return _("Inspection")
    fmt = ELECTRONIC_FORMATS.get(request.electronic_format)
    return _("Electronic copy (%(format)s)") % {"format": fmt} if fmt else _("Electronic copy")


def _checked(context: LetterContext) -> set[str]:
    request = context.request
    boxes = {"check_personal_use"} if request.send_to == "self" else set()
    if request.all_records:
        boxes.add("check_all_records")
    boxes.update(_RECORD_BOX[kind] for kind in request.record_types if kind in _RECORD_BOX)
    if request.copy == "paper":
        boxes.add("check_paper")
    elif request.copy == "electronic":
        boxes.add("check_electronic")
    if request.copy != "inspection" and request.delivery in _DELIVERY_BOX:
        boxes.add(_DELIVERY_BOX[request.delivery])
    return boxes


def form_values(context: LetterContext) -> dict[str, str | bool]:
    """Every value a form may ask for, by key: text, or True/False for a checkbox.

    The one function that gathers them; a fact the letter gains (the signer's address, say)
    is added here once. Empty values are left out, so the preview can say what stays blank.
    """
    patient = context.patient
    first, last, middle = _name_parts(patient.name)
    address = split_address(patient.address_lines)
    request = context.request
    rep = context.representative
    third = request.third_party if request.send_to == "third_party" else None
    values: dict[str, str | bool] = {
        "patient_name": patient.name, "first_name": first, "last_name": last,
        "middle_name": middle, "former_names": patient.former_names,
        "date_of_birth": us_date(patient.date_of_birth, "numeric"),
        "address": address.street, "city": address.city, "state": address.state,
        "zip": address.zip, "full_address": ", ".join(patient.address_lines),
        "phone": patient.phone or (rep.phone if rep else ""),
        "email": patient.email or (rep.email if rep else ""),
        "date_from": us_date(request.date_from, "numeric"),
        "date_to": us_date(request.date_to, "numeric"),
        "records": _records(context), "delivery": _delivery(context), "format": _format(context),
        "purpose": _("At the request of the individual") if request.send_to == "self"
        else _("At the patient's direction"),
        "representative_name": rep.name if rep else "",
        "representative_address": ", ".join(rep.address_lines) if rep else "",
        "representative_phone": rep.phone if rep else "",
        "relationship": (str(REPRESENTATIVE_ROLES[rep.legal_basis][0]).capitalize()
                         if rep and rep.legal_basis in REPRESENTATIVE_ROLES
                         else (_("Self") if rep is None else rep.relationship)),
        "signature_date": us_date(context.today, "numeric"),
        "signature_name": context.signer,
        "recipient": third.name if third else (rep.name if rep else patient.name),
    }
    values = {key: value for key, value in values.items() if value}
    checked = _checked(context)
    values.update({key: key in checked for key in LABELS if key.startswith("check_")})
    return values
