"""Issue 9.1: an invitation opens only for an address its holder proved is theirs."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from recordright.audit.models import AuditEntry
from recordright.cli import main as cli
from recordright.patients.models import Invitation, PatientAccess

pytestmark = pytest.mark.django_db

INVITED = "dana@example.org"
PASSWORD = "correct-horse-battery"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def token(patient, owner):
    _invitation, token = Invitation.issue(patient=patient, email=INVITED, role="editor",
                                          invited_by=owner)
    return token


def _holder_of_a_leaked_link(verified_user):
    """Mallory got the link: she adds the invited address to her account and makes it
    primary (allauth allows an unconfirmed primary while no address is confirmed)."""
    mallory = verified_user("mallory@example.org")
    EmailAddress.objects.filter(user=mallory).update(verified=False, primary=False)
    EmailAddress.objects.create(user=mallory, email=INVITED, primary=True, verified=False)
    mallory.email = INVITED
    mallory.save(update_fields=["email"])
    return mallory


def test_a_leaked_link_does_not_open_for_an_unconfirmed_address(patient, token,
                                                                 verified_user):
    mallory = _holder_of_a_leaked_link(verified_user)
    client = _client(mallory)
    url = reverse("patients:accept", args=[token])
    page = client.get(url)
    assert page.status_code == 403
    body = page.content.decode()
    assert "Confirm your email address first" in body and "Sam Synthetic" not in body
    client.post(url, {"legal_basis": "none"})
    assert not PatientAccess.objects.filter(user=mallory, patient=patient).exists()
    # The confirmation link went to the invited mailbox, which Mallory cannot read.
    assert [message.to for message in mail.outbox] == [[INVITED]]


def test_signing_up_with_the_invited_address_is_not_enough(client, patient, token):
    client.post(reverse("account_signup"), {"email": INVITED, "password1": PASSWORD,
                                            "password2": PASSWORD})
    response = client.post(reverse("patients:accept", args=[token]), {"legal_basis": "none"})
    assert response.status_code == 403
    assert not PatientAccess.objects.filter(patient=patient, user__email=INVITED).exists()


def test_confirming_the_address_brings_the_invited_person_back_to_accept(patient, token,
                                                                         make_user):
    dana = make_user(INVITED)  # an account made before, with an unconfirmed address
    client = _client(dana)
    url = reverse("patients:accept", args=[token])
    assert client.get(url).status_code == 403
    link = re.search(r"https?://[^/]+(/accounts/confirm-email/\S+)", mail.outbox[0].body)
    response = client.post(link.group(1))
    assert response.status_code == 302 and response["Location"] == url
    assert "Sam Synthetic" in client.get(url).content.decode()
    client.post(url, {"legal_basis": "none"})
    assert PatientAccess.objects.filter(user=dana, patient=patient).exists()


def test_without_a_mail_server_the_page_says_so_and_an_administrator_confirms(
        settings, patient, token, make_user, capsys):
    settings.EMAIL_BACKEND = "recordright.mail.NoMailServerBackend"
    dana = make_user(INVITED)
    client = _client(dana)
    url = reverse("patients:accept", args=[token])
    body = client.get(url).content.decode()
    assert "cannot send email" in body and f"recordright accounts verify-email {INVITED}" in body
    assert cli(["accounts", "verify-email", "nobody@example.org"]) == 2
    assert cli(["accounts", "verify-email", INVITED.upper()]) == 0
    assert "is now confirmed" in capsys.readouterr().out
    assert EmailAddress.objects.get(user=dana, email=INVITED).verified
    client.post(url, {"legal_basis": "none"})
    assert PatientAccess.objects.filter(user=dana, patient=patient).exists()
    assert AuditEntry.objects.filter(user=dana, action="email",
                                     what__contains="by an administrator").exists()


def test_the_wrong_account_page_does_not_reveal_the_invited_address(stranger_client, token):
    response = stranger_client.get(reverse("patients:accept", args=[token]))
    assert response.status_code == 403
    body = response.content.decode()
    assert INVITED not in body and "dana" not in body.lower()


def test_the_password_is_asked_again_before_the_primary_email_changes(verified_user):
    dana = verified_user(INVITED)
    EmailAddress.objects.create(user=dana, email="dana.new@example.org", verified=True)
    client = _client(dana)  # a session that did not just type the password
    make_primary = {"email": "dana.new@example.org", "action_primary": ""}
    response = client.post(reverse("account_email"), make_primary)
    assert response.status_code == 302 and reverse("account_reauthenticate") in response[
        "Location"]
    dana.refresh_from_db()
    assert dana.email == INVITED
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.post(reverse("account_email"), make_primary)
    dana.refresh_from_db()
    assert dana.email == "dana.new@example.org"
    assert AuditEntry.objects.filter(user=dana, action="email",
                                     what=f"primary email changed, was {INVITED}").exists()


def test_audit_entries_keep_the_account_id_and_the_email_of_the_time(patient, token,
                                                                     verified_user):
    dana = verified_user(INVITED)
    client = _client(dana)
    client.post(reverse("patients:accept", args=[token]), {"legal_basis": "none"})
    client.get(reverse("patients:detail", args=[patient.pk]))
    dana.email = "dana.renamed@example.org"
    dana.save()
    account_id = dana.pk
    PatientAccess.objects.filter(user=dana).delete()
    dana.delete()
    entries = AuditEntry.objects.filter(patient=patient, action__in=["share", "view"],
                                        user_id=account_id)
    assert entries.count() == 2
    assert {entry.user_label for entry in entries} == {INVITED}
