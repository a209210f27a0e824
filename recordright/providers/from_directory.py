"""Filling a user's provider record from the directory, and refreshing it later by NPI."""

from __future__ import annotations

from recordright.directory.models import NpiRecord
from recordright.directory.search import display_name, format_phone, format_zip
from recordright.providers.models import HolderType, Provider

HOSPITAL_PREFIX = "28"  # NUCC 28xxxxxxxX: hospitals
LAB_CODES = {"291U00000X"}
PHARMACY_PREFIX = "3336"  # 333600000X and its specializations


def holder_type_for(record: NpiRecord) -> str:
    """The rights engine's holder type, from the primary taxonomy code and entity type."""
    code = record.primary_taxonomy or ""
    if record.entity_type == NpiRecord.Entity.ORGANIZATION or not record.last_name:
        if code.startswith(HOSPITAL_PREFIX):
            return HolderType.HOSPITAL
        if code in LAB_CODES:
            return HolderType.CLINICAL_LAB
        if code.startswith(PHARMACY_PREFIX):
            return HolderType.PHARMACY
    return HolderType.PROVIDER


def _address_fields(record: NpiRecord) -> dict[str, str]:
    lines = [line for line in (record.address1, record.address2) if line]
    return {"address": "\n".join(lines), "city": record.city, "state": record.state[:2],
            "zip_code": format_zip(record.zip)[:10], "phone": format_phone(record.phone),
            "fax": format_phone(record.fax)}


def provider_from_record(record: NpiRecord, owner, *, records_holder: Provider | None = None
                         ) -> Provider:
    """A new Provider owned by ``owner`` with the directory's name, address, phone, fax, NPI."""
    name = display_name(record)
    if record.credential and record.entity_type == NpiRecord.Entity.INDIVIDUAL:
        name = f"{name}, {record.credential}"
    return Provider.objects.create(
        owner=owner, name=name[:200], holder_type=holder_type_for(record), npi=str(record.npi),
        records_holder=records_holder, **_address_fields(record))


def refresh_provider_from_directory(provider: Provider) -> bool:
    """Update address, phone and fax from the NPI record; keep what the user entered about
    the records office (contact, email, portal). Returns False if the NPI is not found."""
    if not provider.npi.isdigit():
        return False
    record = NpiRecord.objects.filter(npi=int(provider.npi)).first()
    if record is None or not (record.address1 or record.phone):
        return False
    for field, value in _address_fields(record).items():
        setattr(provider, field, value)
    provider.save(update_fields=[*_address_fields(record), "updated_at"])
    return True
