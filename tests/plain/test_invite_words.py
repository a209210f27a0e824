"""The invite form speaks about the invited person (issue 14, item 8)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from recordright.patients.models import Invitation, PatientAccess, Relationship, Role

pytestmark = pytest.mark.django_db


def test_the_invite_form_asks_about_the_invited_person(owner_client, patient):
    page = owner_client.get(reverse("patients:invite", args=[patient.pk])).content.decode()
    for words in ("This is me", "My child", "My parent", "Owner"):
        assert words not in page
    for words in ("Can view:", "Can view and edit:", "The patient&#x27;s parent or guardian",
                  "The patient&#x27;s son or daughter", "Who are they to the patient?"):
        assert words in page


def test_the_relationship_is_kept_from_the_invited_persons_side(owner_client, patient, mailoutbox):
    owner_client.post(reverse("patients:invite", args=[patient.pk]), {
        "email": "grandpa@example.org", "role": "editor", "relationship": Relationship.PARENT})
    invitation = Invitation.objects.get(email="grandpa@example.org")
    # "The patient's son or daughter": the patient is their parent.
    assert (invitation.role, invitation.relationship) == (Role.EDITOR, Relationship.PARENT)


def test_the_access_table_shows_whole_role_names(owner_client, patient):
    page = owner_client.get(reverse("patients:detail", args=[patient.pk])).content.decode()
    assert "Owner …" not in page and "Can view and edit" in page
    assert PatientAccess.objects.filter(patient=patient).count() == 2
