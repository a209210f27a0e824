"""Long unbroken text wraps instead of widening the page (issue 14, item 7): a 300-character
word in a patient's name, a provider's name and a note keeps every page within a 390 px
phone screen, and the pages still pass axe."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from recordright.patients.models import LegalBasis, Patient, PatientAccess, Relationship, Role
from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest
from recordright.requests.timeline import add_event
from tests.browser_support import assert_accessible

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

WORD = ("Wolfeschlegelsteinhausenbergerdorff" * 9)[:300]  # 300 characters, no break
NAME_WORD = WORD[:190]  # names hold 200 characters (PostgreSQL enforces it)


def test_a_300_character_word_wraps_on_a_phone(new_page, owner):
    patient = Patient.objects.create(full_name=f"Sam {NAME_WORD}", date_of_birth=date(2016, 5, 4),
                                     former_names=WORD[:290], address=f"1 {WORD} Lane", state="IL")
    PatientAccess.objects.create(patient=patient, user=owner, role=Role.OWNER,
                                 relationship=Relationship.CHILD,
                                 legal_basis=LegalBasis.PARENT_OF_MINOR)
    provider = Provider.objects.create(owner=owner, name=f"Clinic {NAME_WORD}", address=WORD,
                                       city="Springfield", state="IL", zip_code="62701",
                                       email="records@clinic.example.org")
    provider.patients.add(patient)
    req = RecordsRequest.objects.create(patient=patient, provider=provider, created_by=owner,
                                        condition=WORD)
    add_event(req, type="sent", on=timezone.localdate(), user=owner, channel="mail")
    add_event(req, type="note", on=timezone.localdate(), user=owner, text=f"Called: {WORD}")

    page = new_page(user=owner)
    for url in ("/today/", "/patients/", f"/patients/{patient.pk}/",
                f"/patients/{patient.pk}/log/", "/providers/", f"/providers/{provider.pk}/edit/",
                f"/requests/{req.pk}/", f"/requests/new/{patient.pk}/",
                f"/patients/{patient.pk}/edit/"):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{url} is {width} px wide on a 390 px screen"
        assert_accessible(page, f"long-word{url.replace('/', '-')}")
