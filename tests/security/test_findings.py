"""Regression tests for the findings of the security review (one test per finding)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest

pytestmark = pytest.mark.django_db

INJECTED = '"><b id="injected">bold</b><iframe src="https://evil.example/">'


@pytest.fixture
def provider(owner, patient):
    clinic = Provider.objects.create(owner=owner, name="Springfield Test Clinic",
                                     address="200 Main Street", city="Springfield", state="IL",
                                     zip_code="62701", email="records@clinic.example.org")
    clinic.patients.add(patient)
    return clinic


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_it_keeps_the_letter_preview_inside_its_sandboxed_iframe(owner_client, owner, patient,
                                                                 provider):
    req = RecordsRequest.objects.create(patient=patient, provider=provider, created_by=owner,
                                        condition=INJECTED)
    page = owner_client.get(reverse("requests:letter", args=[req.pk, "first"])).content.decode()
    outer = _tags(page)
    assert [tag for tag, _attrs in outer].count("html") == 1, "the letter leaked into the page"
    assert not any(attrs.get("id") == "injected" for _tag, attrs in outer)
    frames = [attrs for tag, attrs in outer if tag == "iframe"]
    assert len(frames) == 1 and "sandbox" in frames[0]
    inner = _tags(frames[0]["srcdoc"])  # what the sandboxed frame renders
    assert ("html", {"lang": "en"}) in inner
    assert not any(attrs.get("id") == "injected" for _tag, attrs in inner)
    assert not any(tag == "iframe" for tag, _attrs in inner)


def test_it_keeps_messages_naming_a_patient_out_of_cookies(owner_client):
    """Messages such as "Riley Synthetic is added." name the patient: a signed cookie is
    readable by anyone with the browser, so they live in the (encrypted) session instead."""
    response = owner_client.post(reverse("patients:add"), {
        "patient-full_name": "Riley Synthetic", "patient-date_of_birth": "2015-02-03",
        "acting-relationship": "child", "acting-legal_basis": "parent_of_minor"})
    assert response.status_code == 302
    assert not response.cookies.get("messages") or not response.cookies["messages"].value
    page = owner_client.get(response["Location"])
    assert "Riley Synthetic is added." in page.content.decode()


CLINIC = {"name": "Viewer's Clinic", "holder_type": "provider",
          "email": "attacker@evil.example"}


def test_it_lets_only_editors_add_a_provider_to_a_patient(patient, make_user):
    """A viewer must not put their own provider (with an address they choose) on the
    patient's list, where "request from all of this patient's providers" would mail it the
    patient's letter and the representative's authority document."""
    from django.test import Client

    from recordright.patients.models import PatientAccess, Role

    viewer = make_user("dana@example.org")
    PatientAccess.objects.create(patient=patient, user=viewer, role=Role.VIEWER)
    client = Client()
    client.force_login(viewer)
    response = client.post(reverse("providers:add"), {**CLINIC, "patients": [patient.pk]})
    assert response.status_code == 200  # the choice is refused, the input kept
    assert not Provider.objects.filter(patients=patient, owner=viewer).exists()


def test_it_keeps_links_to_patients_the_editor_cannot_change(owner_client, owner, patient,
                                                             make_user):
    """Saving a provider keeps its links to patients the user may not edit (or no longer
    sees): they are not the user's to remove."""
    from recordright.patients.models import Patient, PatientAccess, Role

    other = Patient.objects.create(full_name="Other Synthetic", date_of_birth="2010-01-01")
    PatientAccess.objects.create(patient=other, user=make_user("x@example.org"), role=Role.OWNER)
    PatientAccess.objects.create(patient=other, user=owner, role=Role.VIEWER)
    clinic = Provider.objects.create(owner=owner, name="Shared Clinic")
    clinic.patients.add(patient, other)
    response = owner_client.post(reverse("providers:edit", args=[clinic.pk]),
                                 {"name": "Renamed Clinic", "holder_type": "provider",
                                  "patients": [patient.pk]})
    assert response.status_code == 302
    assert set(clinic.patients.all()) == {patient, other}
    owner_client.post(reverse("providers:edit", args=[clinic.pk]),
                      {"name": "Renamed Clinic", "holder_type": "provider"})
    assert set(clinic.patients.all()) == {other}  # unticking an editable patient still works


def test_it_audits_who_saw_the_patient_on_an_invitation_page(patient, owner, verified_user):
    """The page names the patient to the invited person (before they accept)."""
    from django.test import Client

    from recordright.audit.models import AuditEntry
    from recordright.patients.models import Invitation

    invited = verified_user("x@example.org")
    client = Client()
    client.force_login(invited)
    _invitation, token = Invitation.issue(patient=patient, email="x@example.org",
                                          role="viewer", invited_by=owner)
    page = client.get(reverse("patients:accept", args=[token]))
    assert patient.full_name in page.content.decode()
    assert AuditEntry.objects.filter(patient=patient, user=invited, action="view").exists()


def test_it_never_spools_an_accepted_upload_to_an_unencrypted_temporary_file(
        owner_client, owner, patient, provider, monkeypatch):
    """Django writes uploads above FILE_UPLOAD_MAX_MEMORY_SIZE to a plain temporary file
    before any view sees them; evidence up to MAX_UPLOAD_BYTES must stay in memory until
    the encrypted storage writes it."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.files.uploadhandler import TemporaryFileUploadHandler
    from django.utils import timezone

    from recordright.requests.models import RequestEvent

    def spooled(*args, **kwargs):
        raise AssertionError("an accepted upload was written to a plain temporary file")

    monkeypatch.setattr(TemporaryFileUploadHandler, "new_file", spooled)
    req = RecordsRequest.objects.create(patient=patient, provider=provider, created_by=owner)
    scan = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 synthetic " + b"0" * 6 * 1024 * 1024)
    response = owner_client.post(reverse("requests:event-add", args=[req.pk]), {
        "type": "note", "on": timezone.localdate().isoformat(), "evidence": scan})
    assert response.status_code == 302
    assert RequestEvent.objects.get(request=req).evidence


def test_it_removes_a_helper_with_a_long_email_address(owner_client, patient, make_user):
    """The audit label holds the address, but at most 100 characters (PostgreSQL refused
    the removal, with a server error, for an address longer than 90)."""
    from recordright.audit.models import AuditEntry
    from recordright.patients.models import PatientAccess, Role

    helper = make_user(("h" * 80) + "@long-domain.example.org")
    link = PatientAccess.objects.create(patient=patient, user=helper, role=Role.VIEWER)
    response = owner_client.post(reverse("patients:access-remove", args=[patient.pk, link.pk]))
    assert response.status_code == 302
    assert not PatientAccess.objects.filter(pk=link.pk).exists()
    assert AuditEntry.objects.filter(patient=patient, action="revoke").exists()


def test_it_shows_no_patient_in_the_admin(patient, provider, make_user):
    """Administrators run the instance; they see providers, not whose records are asked."""
    from django.test import Client

    admin = make_user("admin@example.org", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    for url in (reverse("admin:providers_provider_change", args=[provider.pk]),
                reverse("admin:providers_provider_changelist")):
        response = client.get(url)
        assert response.status_code == 200
        assert patient.full_name not in response.content.decode()
