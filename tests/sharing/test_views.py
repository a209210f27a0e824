"""The patient's sharing pages: review and correct the summary, the advocate's stale flag,
and the links page (a new link shown once, then only listed)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from recordright.sharing.models import ShareLink, SummaryEdit, SummaryReview
from recordright.vault.models import Entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_records(patient, import_files, tmp_path):
    from tests.fixtures.vault import sample_files
    ccd = next(p for p in sample_files("ccda") if "CCD_1" in p.name)
    import_files(patient, ccd)
    return patient


def test_review_remove_correct_add(with_records, owner_client):
    patient = with_records
    url = reverse("sharing:summary", kwargs={"patient_id": patient.pk})
    page = owner_client.get(url).content.decode()
    allergy = Entry.objects.filter(patient=patient, category="allergies").first()
    assert allergy.title in page and "Leave out" in page and "Ask the provider to amend" in page
    assert "?right=amendment" in page
    assert owner_client.post(url, {"action": "remove", "entry": allergy.pk}).status_code == 302
    page = owner_client.get(url).content.decode()
    assert f'name="entry" value="{allergy.pk}"' not in page
    problem = Entry.objects.filter(patient=patient, category="problems",
                                   end_date__isnull=True).exclude(status__iexact="resolved").first()
    if problem is not None:
        owner_client.post(url, {"action": "correct", "entry": problem.pk,
                                "title": "Asthma, mild", "detail": ""})
        assert "corrected by the patient" in owner_client.get(url).content.decode()
    owner_client.post(url, {"action": "add", "section": "contacts", "title": "Jo Example",
                            "detail": "555-0100"})
    page = owner_client.get(url).content.decode()
    assert "Jo Example" in page and "Reported by the patient" in page
    edit = SummaryEdit.objects.get(patient=patient, action="add")
    owner_client.post(url, {"action": "undo", "edit": edit.pk})
    assert "Jo Example" not in owner_client.get(url).content.decode()


def test_amendment_link_prefills_the_request_wizard(with_records, owner_client):
    response = owner_client.get(reverse("requests:new", kwargs={
        "patient_id": with_records.pk}) + "?right=amendment")
    assert response.status_code == 200
    assert 'value="amendment" checked' in response.content.decode().replace(
        'checked\n', 'checked') or 'value="amendment"' in response.content.decode()


def test_a_stranger_cannot_edit_anothers_entries(with_records, owner_client, stranger_client):
    entry = Entry.objects.filter(patient=with_records).first()
    url = reverse("sharing:summary", kwargs={"patient_id": with_records.pk})
    assert stranger_client.post(url, {"action": "remove", "entry": entry.pk}).status_code == 404
    assert not SummaryEdit.objects.exists()


def test_stale_summary_shows_on_the_patient_list(with_records, owner_client):
    listing = owner_client.get(reverse("patients:list")).content.decode()
    assert "No summary yet" in listing
    SummaryReview.objects.create(patient=with_records,
                                 reviewed_at=timezone.now() - timedelta(days=1))
    assert "Summary out of date" in owner_client.get(reverse("patients:list")).content.decode()
    SummaryReview.objects.filter(patient=with_records).update(reviewed_at=timezone.now())
    assert "Summary reviewed" in owner_client.get(reverse("patients:list")).content.decode()


def test_patient_page_offers_the_sharing_pages(patient, owner_client):
    page = owner_client.get(reverse("patients:detail", kwargs={"patient_id": patient.pk}))
    text = page.content.decode()
    for words in ("Emergency summary", "Share with a new provider", "Active share links"):
        assert words in text


def test_new_link_is_shown_once(patient, owner_client):
    url = reverse("sharing:links", kwargs={"patient_id": patient.pk})
    response = owner_client.post(url, {"what": "summary", "days": "3", "passcode": "4321"})
    assert response.status_code == 302
    page = owner_client.get(url).content.decode()
    assert "shlink:/" in page and "/share/s/" in page and "not reachable" not in page
    assert "other people cannot reach" in page  # tests run at 127.0.0.1
    assert "shlink:/" not in owner_client.get(url).content.decode()
    link = ShareLink.objects.get(patient=patient)
    assert link.has_passcode and link.passcode_hash != "4321"
    assert link.expires_at - timezone.now() < timedelta(days=3, minutes=1)


def test_documents_link_needs_documents(patient, owner_client):
    url = reverse("sharing:links", kwargs={"patient_id": patient.pk})
    assert owner_client.post(url, {"what": "documents", "days": "3"}).status_code == 400
    assert not ShareLink.objects.exists()
