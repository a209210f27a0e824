"""A rich, demo-like account: every request status, every event type, every letter kind,
every audit action and every role, so a walk over the pages meets every value a person can
see. All synthetic."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.commands.demo import create_demo
from recordright.patients.models import Invitation, PatientAccess, Relationship, Role
from recordright.requests.choices import EventType
from recordright.requests.models import RecordsRequest
from recordright.requests.stored_assessments import refresh_stale
from recordright.requests.timeline import add_event
from tests.security.test_every_view import build_graph

# Facts the engine reads, for the event types that carry them.
FACTS = {
    "extension_notice": {"in_writing": True, "reasons_given": True},
    "fee_quote": {"amount": 40.0, "components": ["copying_labor", "search_retrieval"],
                  "disclosed_in_advance": True},
    "denial": {"grounds": ["privacy_law"], "scope": "partial", "in_writing": True},
    "records_provided": {"complete": False, "form": "paper", "summary_only": False},
    "condition_imposed": {"what": "buy_media"},
}


def build(make_user):
    """The owner (a demo account with more added) and the graph of test_every_view."""
    owner = create_demo("demo-password-123")
    editor = make_user("helper@example.org", display_name="Hana Helper")
    viewer = make_user("viewer@example.org", display_name="Vic Viewer")
    graph = build_graph(owner, name="Sam Synthetic", editor=editor, viewer=viewer)
    today = timezone.localdate()
    req = graph.request
    req.record_types = ["medical", "lab_results", "notes"]
    req.all_records = False
    req.electronic_format = "ehi_export"
    req.delivery = "unencrypted_email"
    req.save()
    for number, (event_type, _label) in enumerate(EventType.choices):
        add_event(req, type=event_type, on=today - timedelta(days=30 - number), user=owner,
                  facts=FACTS.get(event_type), channel="certified_mail", letter_kind=(
                      "reminder" if event_type == EventType.LETTER_SENT else ""),
                  text=f"Synthetic note number {number}")
    # Late and partial deliveries (fulfilled_late, partially_fulfilled) on the demo patient.
    sam = graph.patient
    late = RecordsRequest.objects.create(patient=sam, provider=graph.provider, created_by=owner,
                                         requester_basis="parent_of_minor", state="IL")
    add_event(late, type="sent", on=today - timedelta(days=80), user=owner, channel="mail")
    add_event(late, type="records_provided", on=today - timedelta(days=5), user=owner,
              facts={"complete": True, "form": "electronic", "summary_only": False})
    for right in ("amendment", "accounting"):
        other = RecordsRequest.objects.create(
            patient=sam, provider=graph.provider, created_by=owner, right=right,
            requester_basis="parent_of_minor", amendment_what="The allergy list",
            amendment_why="It is wrong", copy="paper", delivery="mail")
        add_event(other, type="sent", on=today - timedelta(days=70), user=owner, channel="mail")
    # Every role and relationship, as links and as open invitations.
    for number, (relationship, _label) in enumerate(Relationship.choices):
        person = make_user(f"person{number}@example.org", display_name=f"Person {number}")
        PatientAccess.objects.create(patient=sam, user=person, relationship=relationship,
                                     role=(Role.EDITOR, Role.VIEWER)[number % 2])
        Invitation.issue(patient=sam, email=f"invited{number}@example.org",
                         role=(Role.EDITOR, Role.VIEWER)[number % 2], invited_by=owner,
                         relationship=relationship)
    # Every audit action, with the "what" labels the app writes.
    for action, _label in AuditEntry.Action.choices:
        record(owner, sam, action, "letter access_request", req)
    record(owner, sam, AuditEntry.Action.SHARE, "invitation (viewer)")
    record(owner, sam, AuditEntry.Action.SHARE, "share link (summary)")
    record(None, sam, AuditEntry.Action.VIEW, "share link: opened")
    record(owner, sam, AuditEntry.Action.EXPORT, "packet (zip)")
    record(None, sam, AuditEntry.Action.EXPORT, "export (fhir)")
    record(owner, None, AuditEntry.Action.REFUSED, "patient (edit)", patient_id=sam.pk)
    refresh_stale(RecordsRequest.objects.all(), today)
    return owner, graph
