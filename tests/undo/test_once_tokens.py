"""A resubmitted create form (back button, double click) creates nothing the second time and
leads to what the first submission created (issue 14, item 6)."""

from __future__ import annotations

import threading
import time

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from recordright.patients.models import Invitation, Patient
from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest, RequestEvent
from recordright.web.models import UsedFormToken
from recordright.web.once import AlreadySubmitted, claimed

pytestmark = pytest.mark.django_db

AGAIN = "This page was already sent, so nothing new was made."


def _token(response) -> str:
    """The one-time token of the form on a page, as the browser would send it back."""
    html = response.content.decode()
    marker = 'name="once_token" value="'
    assert marker in html, "the form carries no one-time token"
    return html.split(marker, 1)[1].split('"', 1)[0]


def _twice(client, url, data, **extra):
    token = _token(client.get(url))
    first = client.post(url, {**data, "once_token": token}, **extra)
    second = client.post(url, {**data, "once_token": token}, **extra)
    return first, second


def _said(response, text: str) -> bool:
    return any(text in str(m) for m in get_messages(response.wsgi_request))


def test_adding_a_patient_twice_adds_one(owner_client):
    data = {"patient-full_name": "Riley Synthetic", "patient-date_of_birth": "2015-02-03",
            "acting-relationship": "child", "acting-legal_basis": "parent_of_minor"}
    first, second = _twice(owner_client, reverse("patients:add"), data)
    assert Patient.objects.filter(full_name="Riley Synthetic").count() == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert _said(second, AGAIN)


def test_a_resubmitted_request_wizard_creates_one_request(owner_client, patient, provider):
    data = {"providers": [provider.pk], "right": "access", "all_records": "True",
            "copy": "paper", "delivery": "mail", "send_to": "self"}
    first, second = _twice(owner_client, reverse("requests:new", args=[patient.pk]), data)
    assert RecordsRequest.objects.filter(patient=patient).count() == 1
    made = RecordsRequest.objects.get()
    assert second["Location"] == first["Location"] == made.get_absolute_url()


def test_a_resubmitted_batch_of_requests_creates_the_batch_once(owner_client, owner, patient,
                                                               provider):
    other = Provider.objects.create(owner=owner, name="Second Synthetic Lab")
    data = {"providers": [provider.pk, other.pk], "right": "access", "all_records": "True",
            "copy": "paper", "delivery": "mail", "send_to": "self"}
    first, second = _twice(owner_client, reverse("requests:new", args=[patient.pk]), data)
    assert RecordsRequest.objects.filter(patient=patient).count() == 2
    assert second["Location"] == first["Location"] == reverse("patients:detail",
                                                              args=[patient.pk])


def test_a_resubmitted_event_form_records_one_event(owner_client, req):
    """The false "Follow-up letter sent" of the issue: one event however often it is sent."""
    token = _token(owner_client.get(req.get_absolute_url()))
    url = reverse("requests:event-add", args=[req.pk])
    data = {"type": "sent", "on": timezone.localdate().isoformat(), "channel": "mail",
            "once_token": token}
    first = owner_client.post(url, data)
    second = owner_client.post(url, data)
    assert RequestEvent.objects.filter(request=req).count() == 1
    assert second["Location"] == first["Location"] == req.get_absolute_url()
    assert _said(second, AGAIN)


def test_letter_mailed_twice_is_recorded_once(owner_client, req):
    url = reverse("requests:letter", args=[req.pk, "access_request"])
    token = _token(owner_client.get(url))
    data = {"how": "mail", "mailed_on": timezone.localdate().isoformat(), "certified": "on",
            "once_token": token}
    send = reverse("requests:letter-send", args=[req.pk, "access_request"])
    first = owner_client.post(send, data)
    second = owner_client.post(send, data)
    assert first.status_code == 302, first.content[:400]
    assert RequestEvent.objects.filter(request=req).count() == 1
    assert second["Location"] == req.get_absolute_url()
    assert _said(second, AGAIN)


def test_a_provider_added_twice_is_added_once(owner_client):
    data = {"name": "Synthetic Family Practice", "holder_type": "provider", "state": ""}
    _twice(owner_client, reverse("providers:add"), data)
    assert Provider.objects.filter(name="Synthetic Family Practice").count() == 1


def test_an_invitation_sent_twice_is_sent_once(owner_client, patient):
    data = {"email": "helper@example.org", "role": "viewer", "relationship": "other"}
    _twice(owner_client, reverse("patients:invite", args=[patient.pk]), data)
    assert Invitation.objects.filter(patient=patient).count() == 1


def test_a_form_with_errors_keeps_its_token_and_can_be_corrected(owner_client):
    url = reverse("patients:add")
    token = _token(owner_client.get(url))
    refused = owner_client.post(url, {"patient-full_name": "", "once_token": token})
    assert refused.status_code == 200 and _token(refused) == token
    data = {"patient-full_name": "Riley Synthetic", "patient-date_of_birth": "2015-02-03",
            "acting-relationship": "child", "acting-legal_basis": "parent_of_minor",
            "once_token": token}
    assert owner_client.post(url, data).status_code == 302
    assert Patient.objects.filter(full_name="Riley Synthetic").count() == 1


def test_another_account_reusing_a_token_learns_nothing(owner_client, stranger, patient,
                                                        provider):
    data = {"providers": [provider.pk], "right": "access", "all_records": "True",
            "copy": "paper", "delivery": "mail", "send_to": "self"}
    url = reverse("requests:new", args=[patient.pk])
    token = _token(owner_client.get(url))
    owner_client.post(url, {**data, "once_token": token})
    other = Client()
    other.force_login(stranger)
    response = other.post(reverse("patients:add"), {
        "patient-full_name": "Other Synthetic", "patient-date_of_birth": "2000-01-01",
        "acting-relationship": "self", "acting-legal_basis": "self", "once_token": token})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert not Patient.objects.filter(full_name="Other Synthetic").exists()


def test_a_token_inserted_by_a_concurrent_twin_stops_the_creation(owner, patient, provider,
                                                                   rf):
    """What the second of two simultaneous submissions meets: the token row its twin wrote
    (no check ran before it found it): the insert fails and nothing is created."""
    request = rf.post("/", {"once_token": "same-page-token"})
    request.user = owner
    UsedFormToken.objects.create(token="same-page-token", user_id=owner.pk, result_url="/first/")
    with pytest.raises(AlreadySubmitted) as done, claimed(request):
        RecordsRequest.objects.create(patient=patient, provider=provider, created_by=owner)
    assert done.value.url == "/first/"
    assert not RecordsRequest.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_create_one_thing(owner, patient, provider, rf):
    """The unique constraint decides, not a check before the insert: the second submission
    waits for the first's transaction, then finds the token used. Needs a database that
    threads share as separate connections: PostgreSQL here (the test SQLCipher database
    lives in memory, where SQLite's shared cache refuses instead of waiting)."""
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory test database cannot be shared by two connections")
    started = threading.Event()
    outcome: dict[str, object] = {}

    def submit(name: str, pause: float) -> None:
        request = rf.post("/", {"once_token": "same-page-token"})
        request.user = owner
        try:
            with claimed(request) as claim:
                started.set()
                time.sleep(pause)
                made = RecordsRequest.objects.create(patient=patient, provider=provider,
                                                     created_by=owner)
                claim.leads_to(made.get_absolute_url())
            outcome[name] = "created"
        except AlreadySubmitted as done:
            outcome[name] = done.url
        finally:
            connection.close()

    first = threading.Thread(target=submit, args=("first", 0.5))
    first.start()
    assert started.wait(5)
    second = threading.Thread(target=submit, args=("second", 0))
    second.start()
    first.join(10)
    second.join(10)
    assert outcome["first"] == "created"
    assert outcome["second"] == RecordsRequest.objects.get().get_absolute_url()
    assert RecordsRequest.objects.count() == 1
    assert UsedFormToken.objects.count() == 1


def test_a_share_link_and_a_closed_practice_search_are_made_once(owner_client, patient):
    from recordright.closed_practices.models import ClosedPracticeSearch
    from recordright.sharing.models import ShareLink

    _twice(owner_client, reverse("sharing:links", args=[patient.pk]),
           {"what": "summary", "days": "7"})
    assert ShareLink.objects.filter(patient=patient).count() == 1
    first, second = _twice(owner_client, reverse("closed_practices:list", args=[patient.pk]),
                           {"doctor_name": "Dr. Gone", "reason": "retired", "state": "IL"})
    assert ClosedPracticeSearch.objects.filter(patient=patient).count() == 1
    assert second["Location"] == first["Location"]


def test_use_this_provider_clicked_twice_adds_it_once(owner_client, owner):
    from recordright.directory.models import NpiRecord

    record = NpiRecord.objects.create(npi=1234567893, entity_type=NpiRecord.Entity.ORGANIZATION,
                                      org_name="Synthetic Records Hospital", state="IL")
    data = {"npi": str(record.npi), "once_token": "results-page-token"}
    owner_client.post(reverse("directory:use"), data)
    second = owner_client.post(reverse("directory:use"), data)
    assert Provider.objects.filter(owner=owner, npi="1234567893").count() == 1
    assert _said(second, AGAIN)


def test_an_item_added_to_the_emergency_summary_twice_is_added_once(owner_client, patient):
    from recordright.sharing.models import SummaryEdit

    _twice(owner_client, reverse("sharing:summary", args=[patient.pk]),
           {"action": "add", "section": "contacts", "title": "Pat Neighbour",
            "detail": "555-0101"})
    assert SummaryEdit.objects.filter(patient=patient, action="add").count() == 1


def test_the_daily_job_forgets_tokens_no_page_could_send_again(owner):
    from datetime import timedelta

    from django.conf import settings
    from django.utils.module_loading import import_string

    from recordright.web.tasks import forget_before, forget_old_form_tokens

    assert forget_old_form_tokens in [import_string(path)
                                      for path in settings.RECORDRIGHT_DAILY_TASKS]
    old = UsedFormToken.objects.create(token="old", user_id=owner.pk,
                                       used_at=forget_before() - timedelta(minutes=1))
    recent = UsedFormToken.objects.create(token="recent", user_id=owner.pk,
                                          used_at=timezone.now() - timedelta(hours=1))
    assert forget_old_form_tokens.enqueue().return_value == 1
    assert not UsedFormToken.objects.filter(pk=old.pk).exists()
    assert UsedFormToken.objects.filter(pk=recent.pk).exists()
