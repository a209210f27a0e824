"""Synthetic patients for the demo account. Every name here is made up."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from recordright.patients.models import LegalBasis, Patient, PatientAccess, Relationship, Role

DEMO_PATIENTS = [
    # (name, age in years or None, died years ago, relationship, legal basis)
    ("Dana Demo", 44, None, Relationship.SELF, LegalBasis.SELF),
    ("Milo Demo", 9, None, Relationship.CHILD, LegalBasis.PARENT_OF_MINOR),
    ("Walter Demo", 79, 1, Relationship.PARENT, LegalBasis.EXECUTOR),
]


def build(user) -> list[Patient]:
    today = timezone.localdate()
    patients = []
    for name, age, died_years_ago, relationship, basis in DEMO_PATIENTS:
        born = date(today.year - age, 3, 14)
        patient = Patient.objects.create(
            full_name=name, date_of_birth=born, is_demo=True, state="IL",
            date_of_death=(today - relativedelta(years=died_years_ago)) if died_years_ago else None,
            address="100 Example Street\nSpringfield, IL 62701", phone="(555) 010-0100",
            email="dana@demo.invalid",
            former_names="Dana Sample" if basis == LegalBasis.SELF else "")
        PatientAccess.objects.create(patient=patient, user=user, role=Role.OWNER,
                                     relationship=relationship, legal_basis=basis)
        patients.append(patient)
    return patients
