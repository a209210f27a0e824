"""Share links: the SHL payload and JWE, expiry, revocation, passcodes (refused and
rate-limited), every opening in the access log, and nothing for a guessed link."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from recordright.audit.models import AuditEntry
from recordright.patients.models import Patient
from recordright.sharing import links, shl
from recordright.sharing.models import Section, ShareLink, ShareOpening, SummaryEdit

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_patient():
    patient = Patient.objects.create(full_name="Robin Sharewell", date_of_birth=date(1980, 3, 4))
    SummaryEdit.objects.create(patient=patient, action="add", section=Section.ALLERGIES,
                               title="Penicillin", detail="hives")
    return patient


def _path(made: links.Made) -> str:
    return reverse("sharing:open", kwargs={"token": made.secret})


def test_the_link_opens_a_plain_page_and_is_logged_with_its_address(shared_patient):
    made = links.make(shared_patient)
    response = Client(REMOTE_ADDR="203.0.113.9").get(_path(made))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Penicillin" in page and "hives" in page and "Robin Sharewell" in page
    assert "Log out" not in page and "/patients/" not in page  # nothing of the account
    assert response["Cache-Control"].startswith("no-store") or "no-store" in response[
        "Cache-Control"]
    opening = ShareOpening.objects.get(link=made.link)
    assert opening.outcome == "opened" and opening.address == "203.0.113.9"
    entry = AuditEntry.objects.filter(patient=shared_patient, object_id=str(made.link.pk),
                                      what="share link: opened").get()
    assert "203.0.113.9" in entry.user_label and entry.at is not None


def test_only_the_hash_of_the_secret_is_stored(shared_patient):
    made = links.make(shared_patient)
    row = ShareLink.objects.get(pk=made.link.pk)
    assert made.secret not in json.dumps([row.token_hash, row.label, row.passcode_hash])
    assert row.token_hash == links.hash_secret(made.secret)


def test_a_guessed_or_altered_link_gets_nothing(shared_patient):
    made = links.make(shared_patient)
    client = Client()
    for token in ("1", str(made.link.pk), made.secret[:-1] + ("A" if made.secret[-1] != "A"
                                                              else "B"), "x" * 43):
        assert client.get(reverse("sharing:open", kwargs={"token": token})).status_code == 404
        assert client.get(reverse("sharing:file", kwargs={
            "token": token, "name": "ips.json"})).status_code == 404
        assert client.post(reverse("sharing:manifest", kwargs={"token": token}),
                           data='{"recipient": "x"}',
                           content_type="application/json").status_code == 404
    assert not ShareOpening.objects.exists()


def test_an_expired_link_stops_working(shared_patient):
    made = links.make(shared_patient, expires=timedelta(hours=1))
    assert Client().get(_path(made)).status_code == 200
    ShareLink.objects.filter(pk=made.link.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get(_path(made)).status_code == 404


def test_a_revoked_link_stops_working(shared_patient, owner, owner_client):
    from recordright.patients.models import PatientAccess, Role
    PatientAccess.objects.create(patient=shared_patient, user=owner, role=Role.OWNER)
    made = links.make(shared_patient)
    assert Client().get(_path(made)).status_code == 200
    response = owner_client.post(reverse("sharing:revoke", kwargs={
        "patient_id": shared_patient.pk, "link_id": made.link.pk}))
    assert response.status_code == 302
    assert Client().get(_path(made)).status_code == 404
    assert AuditEntry.objects.filter(patient=shared_patient, action="revoke").exists()


def test_wrong_passcodes_are_refused_then_rate_limited(shared_patient):
    made = links.make(shared_patient, passcode="blue-heron-42")
    client = Client(REMOTE_ADDR="198.51.100.7")
    page = client.get(_path(made))
    assert page.status_code == 200 and "Penicillin" not in page.content.decode()
    for _attempt in range(links.MAX_TRIES - 1):
        response = client.post(_path(made), {"passcode": "wrong"})
        assert response.status_code == 403 and "Penicillin" not in response.content.decode()
    response = client.post(_path(made), {"passcode": "wrong"})
    assert response.status_code == 429
    # Locked: even the right passcode waits.
    response = client.post(_path(made), {"passcode": "blue-heron-42"})
    assert response.status_code == 429 and "Penicillin" not in response.content.decode()
    ShareLink.objects.filter(pk=made.link.pk).update(
        locked_until=timezone.now() - timedelta(seconds=1))
    response = client.post(_path(made), {"passcode": "blue-heron-42"})
    assert response.status_code == 302
    assert "Penicillin" in client.get(_path(made)).content.decode()
    outcomes = list(ShareOpening.objects.filter(link=made.link).values_list("outcome",
                                                                           flat=True))
    assert outcomes.count("wrong passcode") == links.MAX_TRIES
    assert "locked" in outcomes and "opened" in outcomes
    assert AuditEntry.objects.filter(patient=shared_patient,
                                     what="share link: wrong passcode").count() == 5


def test_smart_health_link_payload_and_manifest(shared_patient):
    made = links.make(shared_patient, passcode="1234", label="For Dr. Example")
    payload = shl.parse_shlink(made.shlink)
    assert made.shlink.startswith("shlink:/")
    assert payload["flag"] == "P" and payload["label"] == "For Dr. Example"
    assert len(shl.unb64url(payload["key"])) == 32
    assert payload["exp"] == int(made.link.expires_at.timestamp())
    path = payload["url"].split("://", 1)[1].split("/", 1)[1]
    client = Client()
    refused = client.post("/" + path, data=json.dumps({"recipient": "ER", "passcode": "no"}),
                          content_type="application/json")
    assert refused.status_code == 401 and refused.json() == {"remainingAttempts": 4}
    response = client.post("/" + path, data=json.dumps({"recipient": "ER", "passcode": "1234"}),
                           content_type="application/json")
    assert response.status_code == 200
    files = response.json()["files"]
    assert files[0]["contentType"] == "application/fhir+json"
    header, plain = shl.decrypt(files[0]["embedded"], shl.unb64url(payload["key"]))
    assert header == {"alg": "dir", "enc": "A256GCM", "cty": "application/fhir+json"}
    bundle = json.loads(plain)
    assert bundle["resourceType"] == "Bundle" and "Penicillin" in plain.decode()
    assert ShareOpening.objects.filter(link=made.link, outcome__startswith="manifest").exists()


def test_jwe_is_compact_and_tamper_evident():
    key = bytes(range(32))
    token = shl.encrypt(b"hello", key, "text/plain")
    assert token.count(".") == 4 and token.split(".")[1] == ""
    assert shl.decrypt(token, key)[1] == b"hello"
    parts = token.split(".")
    parts[3] = shl.b64url(bytes([shl.unb64url(parts[3])[0] ^ 1]) + shl.unb64url(parts[3])[1:])
    with pytest.raises(Exception):  # noqa: B017 - cryptography's InvalidTag
        shl.decrypt(".".join(parts), key)


@pytest.mark.parametrize(("url", "public"), [
    ("http://127.0.0.1:8000", False), ("http://localhost:8000", False),
    ("http://192.168.1.20", False), ("http://10.0.0.5:8000", False),
    ("http://nas.local", False), ("http://[::1]:8000", False), ("http://fd00::1", False),
    ("https://records.example.org", True), ("https://203.0.114.10", True),
])
def test_site_is_public(url, public):
    assert links.site_is_public(url) is public


def test_expiry_parsing():
    assert links.parse_expiry("7d") == timedelta(days=7)
    assert links.parse_expiry("12h") == timedelta(hours=12)
    assert links.parse_expiry("2w") == timedelta(days=14)
    for bad in ("", "7", "d", "0d", "900d", "-1d", "7x"):
        with pytest.raises(ValueError):
            links.parse_expiry(bad)
