"""A wrongly recorded timeline entry can be undone, restored or deleted; the clock follows
(issue 14, item 6)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from recordright.audit.log import verify
from recordright.audit.models import AuditEntry
from recordright.filestore import store
from recordright.filestore.checks import orphan_files, stored_files
from recordright.patients.models import KeptFile
from recordright.requests.agenda import due_items_for_user
from recordright.requests.models import RecordsRequest, RequestEvent
from recordright.requests.timeline import add_event
from tests.undo.conftest import assert_each_not_found, note_with_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailed(req, owner):
    """The request mailed 40 days ago: overdue."""
    on = timezone.localdate() - timedelta(days=40)
    return add_event(req, type="sent", on=on, user=owner, channel="mail")


def _status(req) -> str:
    return RecordsRequest.objects.get(pk=req.pk).status


def test_undoing_records_arrived_recomputes_the_clock(owner_client, req, mailed, owner):
    owner_client.get(req.get_absolute_url())
    assert _status(req) == "overdue"
    arrived = add_event(req, type="records_provided", on=timezone.localdate(), user=owner,
                        facts={"complete": True, "form": None, "summary_only": False})
    owner_client.get(req.get_absolute_url())
    assert _status(req) != "overdue"

    page = owner_client.get(reverse("requests:event-remove", args=[req.pk, arrived.pk]))
    assert page.status_code == 200
    assert "The entry leaves the timeline and the deadline is worked out again" in (
        page.content.decode())
    response = owner_client.post(reverse("requests:event-undo", args=[req.pk, arrived.pk]))
    assert response.status_code == 302
    # Recomputed at once: the stored answer the dashboard reads is overdue again.
    assert _status(req) == "overdue"
    assert RequestEvent.with_undone.get(pk=arrived.pk).undone_at is not None
    assert list(req.events.all()) == [mailed]
    assert AuditEntry.objects.filter(action="update", what="timeline entry undone",
                                     object_id=str(arrived.pk)).exists()
    detail = owner_client.get(req.get_absolute_url()).content.decode()
    assert "Undone entries" in detail

    owner_client.post(reverse("requests:event-restore", args=[req.pk, arrived.pk]))
    assert _status(req) != "overdue"
    assert AuditEntry.objects.filter(what="timeline entry restored").exists()
    assert verify() == []


def test_undoing_the_sent_letter_takes_it_off_the_dashboard(owner_client, owner, req, mailed):
    today = timezone.localdate()
    assert any(item.action != "send" for item in due_items_for_user(owner, today))
    owner_client.post(reverse("requests:event-undo", args=[req.pk, mailed.pk]))
    actions = [item.action for item in due_items_for_user(owner, today)]
    assert actions == ["send"]  # a draft again: the letter still has to go


def test_deleting_an_entry_can_keep_its_file(owner_client, req, owner, patient,
                                             django_capture_on_commit_callbacks):
    event = note_with_file(req, owner, "receipt.pdf", b"%PDF synthetic receipt")
    name = event.evidence.name
    page = owner_client.get(reverse("requests:event-remove", args=[req.pk, event.pk]))
    assert "Keep it: it stays with the patient" in page.content.decode()
    assert "receipt.pdf" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(reverse("requests:event-delete", args=[req.pk, event.pk]),
                          {"confirm": "yes", "files": "keep"})
    assert not RequestEvent.with_undone.filter(pk=event.pk).exists()
    kept = KeptFile.objects.get(patient=patient)
    assert kept.file.name == name and store.exists(name)
    assert kept.name == "receipt.pdf"
    with kept.file.open("rb") as handle:
        assert handle.read() == b"%PDF synthetic receipt"
    assert orphan_files().problems == [] and stored_files().problems == []
    download = owner_client.get(reverse("patients:kept-file", args=[patient.pk, kept.pk]))
    assert b"".join(download.streaming_content) == b"%PDF synthetic receipt"
    assert AuditEntry.objects.filter(action="delete", what="timeline entry").exists()


def test_deleting_an_entry_can_remove_its_file(owner_client, req, owner,
                                               django_capture_on_commit_callbacks):
    event = note_with_file(req, owner, "receipt.pdf", b"%PDF synthetic receipt")
    name = event.evidence.name
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(reverse("requests:event-delete", args=[req.pk, event.pk]),
                          {"confirm": "yes", "files": "remove"})
    assert not store.exists(name)
    assert not KeptFile.objects.exists()
    assert orphan_files().problems == []


def test_nothing_is_deleted_without_the_box_ticked(owner_client, req, mailed):
    owner_client.post(reverse("requests:event-delete", args=[req.pk, mailed.pk]), {})
    assert RequestEvent.objects.filter(pk=mailed.pk).exists()


def test_an_undone_entrys_file_is_still_named_for_the_check(owner_client, req, owner):
    event = note_with_file(req, owner, "scan.pdf", b"%PDF synthetic scan")
    owner_client.post(reverse("requests:event-undo", args=[req.pk, event.pk]))
    assert orphan_files().problems == []
    download = owner_client.get(reverse("requests:evidence", args=[req.pk, event.pk]))
    assert download.status_code == 200


def test_a_viewer_cannot_undo(viewer_client, req, mailed):
    assert_each_not_found(viewer_client, [
        reverse(f"requests:{name}", args=[req.pk, mailed.pk])
        for name in ("event-remove", "event-undo", "event-delete")])
    assert RequestEvent.objects.filter(pk=mailed.pk).exists()
    page = viewer_client.get(req.get_absolute_url()).content.decode()
    assert reverse("requests:event-remove", args=[req.pk, mailed.pk]) not in page
