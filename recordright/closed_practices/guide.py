"""When a practice has closed: where did the records go?

Given a deactivated NPI or what the user knows (name, old address), find
1. the same doctor with a replacement NPI or at a newer address (same last and first
   name and credential, active, most recently updated first);
2. organizations at the old practice address (a successor practice or group);
3. hospitals near the old practice (same city or ZIP3), where the doctor may have had
   privileges;
then lay out the steps in order, each tracked with a status, call notes and a letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from recordright.closed_practices.models import ClosedPracticeSearch, ClosedPracticeStep
from recordright.dates import us_date
from recordright.directory.models import NpiLocation, NpiRecord
from recordright.directory.search import Result, display_name, format_zip, to_result

ABBREVIATIONS = {"STREET": "ST", "AVENUE": "AVE", "ROAD": "RD", "DRIVE": "DR",
                 "BOULEVARD": "BLVD", "LANE": "LN", "COURT": "CT", "PLACE": "PL",
                 "PARKWAY": "PKWY", "HIGHWAY": "HWY", "SUITE": "STE", "NORTH": "N",
                 "SOUTH": "S", "EAST": "E", "WEST": "W", "CIRCLE": "CIR", "SQUARE": "SQ"}
MAX_EACH = 3


def normalize_address(line: str) -> str:
    """'100 Main Street.' and '100 MAIN ST' compare equal."""
    words = re.sub(r"[^A-Z0-9 ]", " ", (line or "").upper()).split()
    return " ".join(ABBREVIATIONS.get(word, word) for word in words)


def normalize_credential(value: str) -> str:
    return re.sub(r"[^A-Z]", "", (value or "").upper())


def _zip_range(prefix: str) -> Q:
    """A prefix as a range, so the B-tree index on zip is used (LIKE may not be)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return Q(zip__gte=prefix, zip__lt=upper)


@dataclass
class Findings:
    doctor: NpiRecord | None
    same_doctor: list[Result] = field(default_factory=list)
    at_old_address: list[Result] = field(default_factory=list)
    hospitals: list[Result] = field(default_factory=list)


def _name_variants(name: str) -> list[str]:
    return sorted({name, name.upper(), name.title()})


def same_doctor(last: str, first: str, credential: str, *, exclude: int | None = None,
                replacement_npi: str = "", old_address: str = "", old_zip: str = ""
                ) -> list[Result]:
    """The replacement NPI, then the same name and credential elsewhere (not at the old
    address), most recently updated first."""
    old = (normalize_address(old_address), re.sub(r"\D", "", old_zip)[:5])
    found: list[NpiRecord] = []
    if replacement_npi.isdigit():
        found += list(NpiRecord.objects.filter(npi=int(replacement_npi)))
    if last and first:
        wanted = normalize_credential(credential)
        people = (NpiRecord.objects.filter(last_name__in=_name_variants(last),
                                           first_name__in=_name_variants(first), active=True)
                  .exclude(npi=exclude or 0).order_by("-updated_on")[:20])
        found += [person for person in people
                  if (not wanted or not person.credential
                      or normalize_credential(person.credential) == wanted)
                  and (normalize_address(person.address1), person.zip[:5]) != old]
    unique = {record.npi: record for record in found}
    return [to_result(record) for record in list(unique.values())[:MAX_EACH]]


def organizations_at(address1: str, zip_code: str, *, exclude: int | None = None
                     ) -> list[Result]:
    """Active organizations whose main or secondary location is the same address + ZIP5."""
    zip5 = re.sub(r"\D", "", zip_code or "")[:5]
    wanted = normalize_address(address1)
    if len(zip5) < 5 or not wanted:
        return []
    npis = [record.npi for record in NpiRecord.objects.filter(_zip_range(zip5))
            .only("npi", "address1") if normalize_address(record.address1) == wanted]
    npis += [location.npi for location in NpiLocation.objects.filter(_zip_range(zip5))
             if normalize_address(location.address1) == wanted]
    records = (NpiRecord.objects.filter(npi__in=set(npis), entity_type=2, active=True)
               .exclude(npi=exclude or 0).order_by("-updated_on")[:MAX_EACH])
    return [to_result(record) for record in records]


def hospitals_near(city: str, state: str, zip_code: str) -> list[Result]:
    zip3 = re.sub(r"\D", "", zip_code or "")[:3]
    near = Q(state=state.upper(), city=city.upper()) if city and state else Q()
    if len(zip3) == 3:
        near = near | _zip_range(zip3) if near else _zip_range(zip3)
    if not near:
        return []
    records = (NpiRecord.objects.filter(near, entity_type=2, active=True,
                                        primary_taxonomy__startswith="28")
               .order_by("org_name")[:MAX_EACH])
    return [to_result(record) for record in records]


def findings_for(*, npi: str = "", last: str = "", first: str = "", credential: str = "",
                 address1: str = "", city: str = "", state: str = "", zip_code: str = ""
                 ) -> Findings:
    doctor = NpiRecord.objects.filter(npi=int(npi)).first() if npi.isdigit() else None
    if doctor:
        last, first = doctor.last_name or last, doctor.first_name or first
        credential = doctor.credential or credential
        address1, city = doctor.address1 or address1, doctor.city or city
        state, zip_code = doctor.state or state, doctor.zip or zip_code
    exclude = doctor.npi if doctor else None
    return Findings(
        doctor=doctor,
        same_doctor=same_doctor(last, first, credential, exclude=exclude,
                                replacement_npi=doctor.replacement_npi if doctor else "",
                                old_address=address1, old_zip=zip_code),
        at_old_address=organizations_at(address1, zip_code, exclude=exclude),
        hospitals=hospitals_near(city, state, zip_code))


def _split_name(name: str) -> tuple[str, str]:
    words = re.sub(r"^(dr\.?|doctor)\s+", "", name.strip(), flags=re.I).split(",")[0].split()
    return (words[0], words[-1]) if len(words) >= 2 else ("", words[0] if words else "")


def _step(kind: str, title: str, result: Result | None = None) -> ClosedPracticeStep:
    if result is None:
        return ClosedPracticeStep(kind=kind, title=title)
    address = ", ".join(part for part in (result.address, result.city,
                                          f"{result.state} {result.zip}".strip()) if part)
    return ClosedPracticeStep(kind=kind, title=title, npi=result.npi, contact_name=result.name,
                              address=address[:300], phone=result.phone, fax=result.fax)


def plan_steps(search: ClosedPracticeSearch, findings: Findings) -> list[ClosedPracticeStep]:
    """The steps in order: same doctor, successor, local society, state, hospitals."""
    kinds = ClosedPracticeStep.Kind
    steps = [_step(kinds.SAME_DOCTOR, _("Ask %(name)s at the newer address") %
                   {"name": result.name}, result) for result in findings.same_doctor]
    steps += [_step(kinds.SUCCESSOR, _("Ask %(name)s, now at the old practice address") %
                    {"name": result.name}, result) for result in findings.at_old_address]
    if not findings.at_old_address:
        steps.append(_step(kinds.SUCCESSOR, _(
            "Find the practice's successor or buyer: call the old number, ask the building, "
            "look for a closing notice in the local paper")))
    place = ", ".join(part for part in (search.city.title(), search.state) if part)
    steps.append(_step(kinds.LOCAL_SOCIETY, _(
        "Ask the county or local medical society for %(place)s who keeps the records")
        % {"place": place or _("the practice's area")}))
    steps.append(_step(kinds.STATE_SOCIETY, _(
        "Ask the state medical society or the state medical board of %(state)s (many keep "
        "records-custodian notices for closed practices)")
        % {"state": search.state or _("the practice's state")}))
    steps += [_step(kinds.HOSPITAL, _("Ask %(name)s, where the doctor may have had "
                                      "privileges") % {"name": result.name}, result)
              for result in findings.hospitals]
    for order, step in enumerate(steps, start=1):
        step.search, step.order = search, order
    return steps


@transaction.atomic
def start_search(user, patient, *, npi: str = "", doctor_name: str = "", credential: str = "",
                 practice_address: str = "", city: str = "", state: str = "",
                 zip_code: str = "", reason: str = "", last_seen: str = "",
                 records_request=None) -> ClosedPracticeSearch:
    """A new search with its steps; ``records_request`` (the same patient's) gets the notes."""
    if records_request is not None and records_request.patient_id != patient.pk:
        raise ValueError("The request belongs to another patient.")
    doctor = NpiRecord.objects.filter(npi=int(npi)).first() if npi.isdigit() else None
    if doctor:
        doctor_name = doctor_name or display_name(doctor)
        credential = credential or doctor.credential
        practice_address = practice_address or doctor.address1
        city, state = city or doctor.city, state or doctor.state[:2]
        zip_code = zip_code or format_zip(doctor.zip)[:10]
        if not reason and not doctor.active:
            reason = ClosedPracticeSearch.Reason.DEACTIVATED
        if not last_seen and doctor.deactivated_on:
            last_seen = us_date(doctor.deactivated_on)
    search = ClosedPracticeSearch.objects.create(
        patient=patient, created_by=user, npi=npi, doctor_name=doctor_name[:200],
        credential=credential[:100], practice_address=practice_address[:300], city=city,
        state=state.upper()[:2], zip_code=zip_code[:10],
        reason=reason or ClosedPracticeSearch.Reason.UNKNOWN, last_seen=last_seen[:40],
        records_request=records_request)
    first, last = _split_name(doctor_name) if not doctor else (doctor.first_name,
                                                               doctor.last_name)
    findings = findings_for(npi=npi, last=last, first=first, credential=credential,
                            address1=practice_address, city=city, state=state,
                            zip_code=zip_code)
    ClosedPracticeStep.objects.bulk_create(plan_steps(search, findings))
    return search


def closed_practice_letter_context(search: ClosedPracticeSearch,
                                   step: ClosedPracticeStep) -> dict:
    """Plain values for the records_location_inquiry letter
    (``recordright.closed_practices.letter`` makes the letters app's context of them)."""
    patient = search.patient
    doctor = search.doctor_name
    if search.credential and search.credential not in doctor:
        doctor = f"{doctor}, {search.credential}"
    practice = ", ".join(part for part in (search.practice_address, search.city.title(),
                                           f"{search.state} {search.zip_code}".strip())
                         if part)
    return {
        "kind": "records_location_inquiry",
        "recipient_name": step.contact_name or str(step.get_kind_display()),
        "recipient_address": step.address,
        "recipient_fax": step.fax,
        "recipient_phone": step.phone,
        "recipient_npi": step.npi,
        "doctor": doctor,
        "npi": search.npi,
        "practice_address": practice,
        "until": search.last_seen,
        "reason": search.get_reason_display(),
        "patient_name": patient.full_name,
        "patient_former_names": patient.former_names,
        "patient_date_of_birth": patient.date_of_birth,
        "patient_date_of_death": patient.date_of_death,
        "patient_address": patient.address,
        "patient_phone": patient.phone,
        "patient_email": patient.email,
    }
