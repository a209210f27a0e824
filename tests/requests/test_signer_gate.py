"""Issue 14, item 2, through the pages: before the first letter the signer gives a full name
and postal address (and phone); the letter page leads to that form and back; the letter then
prints them. The patient's relation word is asked when the patient is added and edited."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from django.urls import reverse
from pypdf import PdfReader

from recordright.patients.models import LegalBasis, Patient, PatientAccess, Relationship, Role

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def new_parent(make_user, patient):
    """A parent who signed up with an email address only (no name, no address)."""
    user = make_user("maria.garcia@example.com")
    PatientAccess.objects.filter(patient=patient).update(role=Role.VIEWER)
    PatientAccess.objects.create(patient=patient, user=user, role=Role.OWNER,
                                 relationship=Relationship.CHILD, kin="son",
                                 legal_basis=LegalBasis.PARENT_OF_MINOR)
    return user


def test_the_letter_leads_to_the_signer_form_and_back(client, new_parent, make_request):
    req = make_request()
    client.force_login(new_parent)
    letter = reverse("requests:letter", args=[req.pk, "access_request"])
    response = client.get(letter)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:signer"))
    form_url = response["Location"]
    page = client.get(form_url).content.decode()
    assert "Your full name" in page and "Your postal address" in page
    # The PDF and sending are held back too.
    pdf = client.get(reverse("requests:letter-pdf", args=[req.pk, "access_request"]))
    assert pdf.status_code == 302 and pdf["Location"].startswith(reverse("accounts:signer"))

    bad = client.post(form_url, {"display_name": "  ", "postal_address": "", "phone": "",
                                 "next": letter})
    assert bad.status_code == 400 and "Type your full name." in bad.content.decode()
    done = client.post(form_url, {"display_name": "María José García-Núñez",
                                  "postal_address": "7 Calle Ñandú\r\n\r\nSanta Fe, NM 87501",
                                  "phone": "(505) 555-0177", "next": letter})
    assert done.status_code == 302 and done["Location"] == letter
    new_parent.refresh_from_db()
    assert new_parent.postal_address == "7 Calle Ñandú\nSanta Fe, NM 87501"

    assert client.get(letter).status_code == 200
    text = _text(client.get(reverse("requests:letter-pdf",
                                    args=[req.pk, "access_request"])).content)
    assert "María José García-Núñez" in text and "7 Calle Ñandú" in text
    assert "(505) 555-0177" in text
    assert "maria.garcia@example.com, as parent" not in text
    assert "María José García-Núñez, as parent of Sam Synthetic" in text
    assert "records of my son" in text or "information of my son, Sam Synthetic," in text


def test_the_signer_form_never_sends_the_user_elsewhere(client, new_parent):
    client.force_login(new_parent)
    response = client.post(reverse("accounts:signer") + "?next=https://evil.example/",
                           {"display_name": "María García", "postal_address": "1 A St",
                            "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:settings")


def test_a_helper_without_authority_is_not_asked_to_sign(caregiver_client, make_request):
    """Bob helps without legal authority: the letter is the patient's, with the patient's
    address, so no signer form."""
    req = make_request()
    assert caregiver_client.get(reverse("requests:letter",
                                        args=[req.pk, "access_request"])).status_code == 200


def test_a_patient_writing_for_themselves_signs_with_their_own_address(client, make_user,
                                                                       provider):
    from recordright.requests.models import RecordsRequest

    me = make_user("lee@example.org", display_name="Lee Self")
    patient = Patient.objects.create(full_name="Lee Self", date_of_birth="1980-01-02")
    PatientAccess.objects.create(patient=patient, user=me, role=Role.OWNER,
                                 relationship=Relationship.SELF, legal_basis=LegalBasis.SELF)
    provider.patients.add(patient)
    req = RecordsRequest.objects.create(patient=patient, provider=provider, created_by=me,
                                        delivery="mail")
    client.force_login(me)
    letter = reverse("requests:letter", args=[req.pk, "access_request"])
    assert client.get(letter)["Location"].startswith(reverse("accounts:signer"))
    client.post(reverse("accounts:signer"), {"display_name": "Lee Self",
                                             "postal_address": "9 Own Road\nAustin, TX 78701",
                                             "next": letter})
    text = _text(client.get(reverse("requests:letter-pdf",
                                    args=[req.pk, "access_request"])).content)
    assert "9 Own Road" in text and "Please mail it to my address above." in text


def test_account_settings_edit_the_address_and_phone(owner_client, owner):
    page = owner_client.get(reverse("accounts:settings")).content.decode()
    assert "1 Test Lane" in page and "(217) 555-0150" in page
    owner_client.post(reverse("accounts:settings"), {
        "display_name": "Alice Parent", "postal_address": "2 New Street\nPeoria, IL 61602",
        "phone": "", "kind": "personal", "organization": ""})
    owner.refresh_from_db()
    assert owner.address_lines == ("2 New Street", "Peoria, IL 61602")


def test_the_kin_word_is_asked_when_the_patient_is_added_and_edited(owner_client, owner):
    response = owner_client.post(reverse("patients:add"), {
        "patient-full_name": "José García", "patient-date_of_birth": "1950-02-03",
        "patient-date_of_death": "2026-05-01", "acting-relationship": Relationship.PARENT,
        "acting-legal_basis": LegalBasis.EXECUTOR, "acting-kin": "father"})
    assert response.status_code == 302, response.content.decode()[:2000]
    link = PatientAccess.objects.get(user=owner, patient__full_name="José García")
    assert link.kin == "father"
    edit = reverse("patients:edit", args=[link.patient_id])
    assert "In your letters, the patient is your" in owner_client.get(edit).content.decode()
    owner_client.post(edit, {"full_name": "José García", "date_of_birth": "1950-02-03",
                             "date_of_death": "2026-05-01", "you-kin": ""})
    link.refresh_from_db()
    assert link.kin == ""


def test_an_invited_representatives_relationship_is_not_turned_into_my(owner, make_user,
                                                                        patient):
    """The inviter said who the invitee is to the patient; "my child" would be backwards."""
    from recordright.letters.present import of_whom
    from recordright.letters.samples import sample_context
    from recordright.requests.letters import representative_for

    invited = make_user("dad@example.org", display_name="Dan Synthetic",
                        postal_address="3 Road\nSpringfield, IL 62701")
    link = PatientAccess.objects.create(patient=patient, user=invited, role=Role.EDITOR,
                                        relationship=Relationship.CHILD, invited_by=owner,
                                        legal_basis=LegalBasis.PARENT_OF_MINOR)
    rep = representative_for(link)
    context = sample_context("access_request")
    context = replace(context, representative=rep,
                      patient=replace(context.patient, name="Sam Synthetic"))
    assert of_whom(context) == "Sam Synthetic, for whom I act as parent"
    link.kin = "son"
    assert of_whom(replace(context, representative=representative_for(link))) == \
        "my son, Sam Synthetic"
