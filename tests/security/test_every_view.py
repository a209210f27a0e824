"""Every URL that names an object is checked against every persona.

The table ``ROUTES`` lists each URL name that takes an object id, how to build it for an
object of a fully populated synthetic patient, and who may do what there. The tests then
assert, for every route:

- anonymous: GET and POST redirect to the login page (nothing changes);
- stranger (logged in, no link): 404 for GET and POST (405 for GET on a POST-only URL,
  the same for every id), the patient's name never appears, nothing changes;
- a stranger mixing one of their own ids with the owner's other ids: 404;
- caregiver (editor): allowed wherever editing is allowed, 404 where only the owner may act;
- viewer: may look, every POST is refused (404) or is a read, and nothing changes;
- every GET of a page with patient data by an authorised user writes an AuditEntry.

``test_it_covers_every_url_with_an_id`` fails when a URL with a parameter is added
without an entry here or in the commented allow-list ``NOT_OBJECT_ROUTES``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from pypdf import PdfWriter

from recordright.audit.models import AuditEntry
from recordright.closed_practices.models import ClosedPracticeSearch, ClosedPracticeStep
from recordright.filestore import store
from recordright.letters.models import Signature
from recordright.patients.models import (
    Invitation,
    KeptFile,
    LegalBasis,
    Patient,
    PatientAccess,
    Relationship,
    Role,
)
from recordright.providers.models import OfficeForm, Provider
from recordright.reminders.models import CalendarFeed, ReminderSettings
from recordright.requests.models import RecordsRequest, RequestEvent
from recordright.requests.timeline import add_event
from recordright.sharing import links as share_links
from recordright.sharing.models import ShareLink, SummaryEdit, SummaryReview
from recordright.vault.models import Document, Entry, EntrySource
from tests.letters.office_form_pdfs import fillable_form, scanned_form

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "stranger", "viewer", "caregiver", "owner")


def _tiny_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@dataclass
class Graph:
    """One user's synthetic patient with something behind every URL."""

    patient: Patient
    owner_link: PatientAccess
    viewer_link: PatientAccess | None
    provider: Provider
    request: RecordsRequest
    evidence_event: RequestEvent
    search: ClosedPracticeSearch
    step: ClosedPracticeStep
    feed_token: str
    invitation_token: str
    share_link: ShareLink | None = None
    office_form: OfficeForm | None = None


def build_graph(owner, *, name: str, editor=None, viewer=None) -> Graph:
    patient = Patient.objects.create(full_name=name, date_of_birth=date(2016, 5, 4),
                                     address="1 Test Lane\nSpringfield, IL 62701", state="IL",
                                     email="family@example.org")
    owner_link = PatientAccess.objects.create(
        patient=patient, user=owner, role=Role.OWNER, relationship=Relationship.CHILD,
        legal_basis=LegalBasis.PARENT_OF_MINOR, authority_document_name="birth-cert.pdf")
    owner_link.authority_document.save("birth-cert.pdf", ContentFile(_tiny_pdf()))
    if editor is not None:
        PatientAccess.objects.create(patient=patient, user=editor, role=Role.EDITOR)
    viewer_link = (PatientAccess.objects.create(patient=patient, user=viewer, role=Role.VIEWER)
                   if viewer is not None else None)
    provider = Provider.objects.create(
        owner=owner, name=f"Clinic of {owner.email}", address="200 Main Street",
        city="Springfield", state="IL", zip_code="62701", email="records@clinic.example.org")
    provider.patients.add(patient)
    req = RecordsRequest.objects.create(patient=patient, provider=provider, created_by=owner,
                                        requester_basis=LegalBasis.PARENT_OF_MINOR)
    today = timezone.localdate()
    add_event(req, type="sent", on=today, user=owner, channel="mail")
    evidence = add_event(req, type="note", on=today, user=owner, text="called them",
                         evidence=SimpleUploadedFile("scan.pdf", _tiny_pdf()))
    search = ClosedPracticeSearch.objects.create(
        patient=patient, created_by=owner, doctor_name="Dr. Closed Practice",
        practice_address="9 Old Road", city="Springfield", state="IL", zip_code="62704",
        records_request=req)
    step = ClosedPracticeStep.objects.create(search=search, order=1, kind="local_society",
                                             title="County medical society",
                                             contact_name="County Medical Society",
                                             address="1 Society Lane, Springfield, IL 62701")
    Signature.objects.create(user=owner, typed_name=owner.display_name or "Owner")
    _feed, feed_token = CalendarFeed.issue(owner)
    _invitation, invitation_token = Invitation.issue(
        patient=patient, email="invitee@example.org", role=Role.VIEWER, invited_by=owner)
    share = share_links.make(patient, user=owner).link
    office_form = OfficeForm(provider=provider, name="release-form.pdf", field_count=23,
                             uploaded_by=owner)
    office_form.document.save("office-form.pdf", ContentFile(fillable_form()))
    return Graph(patient, owner_link, viewer_link, provider, req, evidence, search, step,
                 feed_token, invitation_token, share, office_form)


# --- The table of every URL with an object id -----------------------------------------

@dataclass(frozen=True)
class Route:
    kwargs: Callable[[Graph], dict]
    need: str  # "view", "edit", "manage" (patient roles) or "provider" (the provider's owner)
    get: bool = True  # False: POST only (GET answers 405 to everyone, whatever the id)
    post: Callable[[Graph], dict] | None = None  # valid data for the state change, if any
    post_need: str | None = None  # when POST needs more than GET (default: ``need``)
    audited: bool = False  # a GET shows patient data, so it must write an AuditEntry


def _patient(g: Graph) -> dict:
    return {"patient_id": g.patient.pk}


def _request(g: Graph) -> dict:
    return {"request_id": g.request.pk}


def _search(g: Graph) -> dict:
    return {"patient_id": g.patient.pk, "search_id": g.search.pk}


def _step(g: Graph) -> dict:
    return {**_search(g), "step_id": g.step.pk}


def _vault(g: Graph) -> dict:
    """A PDF in the vault answering the request, with one lab result read from it (made the
    first time a route needs them)."""
    if not hasattr(g, "vault_ids"):
        stored = store.save_stream(io.BytesIO(_tiny_pdf()), "vault-routes")
        document = Document.objects.create(
            patient=g.patient, provider=g.provider, request=g.request, received_on=date.today(),
            arrival="upload", kind="pdf", original_name="labs.pdf",
            stored_name=stored.name, sha256=stored.sha256, size=stored.size, status="ready",
            text="Hemoglobin A1c 6.8 %")
        entry = Entry.objects.create(patient=g.patient, document=document, category="results",
                                     title="Hemoglobin A1c", date=date(2024, 3, 1),
                                     value_text="6.8", value_number=6.8, unit="%",
                                     fingerprint=f"routes-{document.pk}")
        EntrySource.objects.create(entry=entry, document=document)
        g.vault_ids = {"patient_id": g.patient.pk, "document_id": document.pk,
                       "entry_id": entry.pk}
    return g.vault_ids


def _document(g: Graph) -> dict:
    ids = _vault(g)
    return {"patient_id": ids["patient_id"], "document_id": ids["document_id"]}


def _entry(g: Graph) -> dict:
    ids = _vault(g)
    return {"patient_id": ids["patient_id"], "entry_id": ids["entry_id"]}


def _office_form(g: Graph) -> dict:
    return {"provider_id": g.provider.pk, "form_id": g.office_form.pk}


def _kept(g: Graph) -> dict:
    """A file kept from a deleted timeline entry (made the first time a route needs it)."""
    if not hasattr(g, "kept_id"):
        kept = KeptFile(patient=g.patient, name="receipt.pdf", came_from="Note, 1/2/2026")
        kept.file.save("receipt.pdf", ContentFile(_tiny_pdf()), save=False)
        kept.save()
        g.kept_id = kept.pk
    return {**_patient(g), "kept_id": g.kept_id}


def _event(g: Graph) -> dict:
    return {**_request(g), "event_id": g.evidence_event.pk}


def _provider(g: Graph) -> dict:
    return {"provider_id": g.provider.pk}


def _today() -> str:
    return timezone.localdate().isoformat()


ROUTES: dict[str, Route] = {
    "patients:detail": Route(_patient, "view", audited=True),
    "patients:edit": Route(_patient, "edit", audited=True, post=lambda g: {
        "full_name": g.patient.full_name, "date_of_birth": "2016-05-04", "state": "IL",
        "address": "2 New Street", "phone": "555-0100"}),
    # Shows only the patient's name (like the patient list), so no audit entry.
    "patients:invite": Route(_patient, "manage", post=lambda g: {
        "email": "new-helper@example.org", "role": "viewer", "relationship": "other"}),
    "patients:access-remove": Route(
        lambda g: {**_patient(g), "access_id": g.viewer_link.pk}, "manage", get=False,
        post=lambda g: {}),
    "patients:authority-document": Route(
        lambda g: {**_patient(g), "access_id": g.owner_link.pk}, "view", audited=True),
    "patients:audit": Route(_patient, "view", audited=True),
    "patients:audit-csv": Route(_patient, "view", audited=True),
    # Undo and archive (issue 14 item 6). The confirmation pages show patient data; a
    # restore of something not archived, and deleting a provider that requests use (PROTECT),
    # change nothing, so they are listed as reads.
    "patients:remove": Route(_patient, "edit", audited=True),
    "patients:archive": Route(_patient, "edit", get=False, post=lambda g: {}),
    "patients:restore": Route(_patient, "edit", get=False),
    "patients:delete": Route(_patient, "manage", get=False, post=lambda g: {"confirm": "yes"}),
    "patients:kept-file": Route(_kept, "view", audited=True),
    "patients:kept-delete": Route(_kept, "edit", audited=True,
                                  post=lambda g: {"confirm": "yes"}),
    "requests:remove": Route(_request, "edit", audited=True),
    "requests:archive": Route(_request, "edit", get=False, post=lambda g: {}),
    "requests:restore": Route(_request, "edit", get=False),
    "requests:delete": Route(_request, "edit", get=False,
                             post=lambda g: {"confirm": "yes", "files": "remove"}),
    "requests:event-remove": Route(_event, "edit", audited=True),
    "requests:event-undo": Route(_event, "edit", get=False, post=lambda g: {}),
    "requests:event-restore": Route(_event, "edit", get=False),
    "requests:event-delete": Route(_event, "edit", get=False,
                                   post=lambda g: {"confirm": "yes", "files": "keep"}),
    "providers:remove": Route(_provider, "provider"),
    "providers:archive": Route(_provider, "provider", get=False, post=lambda g: {}),
    "providers:restore": Route(_provider, "provider", get=False),
    "providers:delete": Route(_provider, "provider", get=False),
    "requests:new": Route(_patient, "edit", audited=True, post=lambda g: {
        "providers": [g.provider.pk], "right": "access", "all_records": "True", "copy": "paper",
        "delivery": "mail", "send_to": "self"}),
    "requests:detail": Route(_request, "view", audited=True),
    "requests:event-add": Route(_request, "edit", post=lambda g: {
        "type": "note", "on": _today(), "text": "phoned the records office"}),
    "requests:evidence": Route(lambda g: {**_request(g), "event_id": g.evidence_event.pk},
                               "view", audited=True),
    "requests:records-checked": Route(_request, "edit", get=False, post=lambda g: {}),
    "requests:kept-electronically": Route(_request, "edit", get=False,
                                          post=lambda g: {"kept_electronically": "yes"}),
    "requests:letter": Route(lambda g: {**_request(g), "kind": "first"}, "view", audited=True),
    "requests:letter-pdf": Route(lambda g: {**_request(g), "kind": "access_request"}, "view",
                                 audited=True),
    "requests:letter-send": Route(
        lambda g: {**_request(g), "kind": "access_request"}, "edit", get=False,
        post=lambda g: {"how": "mail", "mailed_on": _today(), "certified": "on"}),
    "closed_practices:list": Route(_patient, "view", audited=True, post_need="edit",
                                   post=lambda g: {"doctor_name": "Dr. Gone", "reason": "retired",
                                                   "state": "IL"}),
    "closed_practices:detail": Route(_search, "view", audited=True),
    "closed_practices:step": Route(_step, "edit", get=False, post=lambda g: {
        f"step{g.step.pk}-status": "done", f"step{g.step.pk}-notes": "they have them",
        f"step{g.step.pk}-done_on": _today()}),
    "closed_practices:letter": Route(_step, "view", audited=True),
    # GET: the PDF; POST (editors): note the download on the linked request, then the GET.
    "closed_practices:letter-pdf": Route(_step, "view", audited=True, post_need="edit",
                                         post=lambda g: {}),
    "closed_practices:recipient": Route(_step, "edit", get=False, post=lambda g: {
        "contact_name": "Sangamon County Medical Society", "address": "2 Society Lane"}),
    "closed_practices:found": Route(_step, "edit", get=False, post=lambda g: {
        f"found{g.step.pk}-name": "Records Keepers Inc.", f"found{g.step.pk}-state": "IL"}),
    "closed_practices:from-request": Route(_request, "edit", audited=True, post=lambda g: {
        "doctor_name": "Dr. Gone", "reason": "retired", "state": "IL"}),
    "vault:documents": Route(_patient, "view", audited=True),
    "vault:upload": Route(_patient, "edit", audited=True, post=lambda g: {
        "files": SimpleUploadedFile("visit-note.txt", b"Seen today for a cough.")}),
    "vault:timeline": Route(_patient, "view", audited=True),
    "vault:category": Route(lambda g: {**_patient(g), "category": "results"}, "view",
                            audited=True),
    "vault:labs": Route(_patient, "view", audited=True),
    "vault:search": Route(_patient, "view", audited=True),
    "vault:entry": Route(_entry, "view", audited=True),
    "vault:amend": Route(_entry, "edit", audited=True, post=lambda g: {
        "provider": g.provider.pk, "what": "The A1c of March 1, 2024 reads 6.8 %.",
        "right": "That test was never done; it belongs to another patient."}),
    "vault:document": Route(_document, "view", audited=True),
    "vault:document-file": Route(_document, "view", audited=True),
    "vault:request-records": Route(_request, "view", audited=True),
    "providers:edit": Route(lambda g: {"provider_id": g.provider.pk}, "provider",
                            post=lambda g: {"name": "Renamed Clinic", "holder_type": "provider",
                                            "state": "", "zip_code": ""}),
    "sharing:summary": Route(_patient, "view", audited=True, post_need="edit", post=lambda g: {
        "action": "add", "section": "contacts", "title": "Pat Neighbour", "detail": "555-0101"}),
    # GET and POST alike: the PDF (a POST may name a share link for the QR code).
    "sharing:summary-pdf": Route(_patient, "view", audited=True),
    "sharing:ips": Route(_patient, "view", audited=True),
    # POST: the packet or ZIP made with the chosen documents (a read).
    "sharing:packet": Route(_patient, "view", audited=True),
    "sharing:links": Route(_patient, "view", audited=True, post_need="edit", post=lambda g: {
        "what": "summary", "days": "7"}),
    "sharing:revoke": Route(lambda g: {**_patient(g), "link_id": g.share_link.pk}, "edit",
                            get=False, post=lambda g: {}),
    # The office's own forms belong to the provider, so to the provider's owner.
    "providers:office-forms": Route(lambda g: {"provider_id": g.provider.pk}, "provider",
                                    post=lambda g: {"document": SimpleUploadedFile(
                                        "form.pdf", scanned_form(), "application/pdf")}),
    "providers:office-form-file": Route(_office_form, "provider"),
    "providers:office-form-remove": Route(_office_form, "provider", get=False,
                                          post=lambda g: {}),
    # Refreshing from the directory changes nothing here (the NPI is not in it).
    "directory:refresh": Route(lambda g: {"provider_id": g.provider.pk}, "provider", get=False,
                               post=lambda g: {}),
}

# URLs with parameters that name no object of a patient or user, each with why.
NOT_OBJECT_ROUTES = {
    # Public token URLs: the token is the credential (checked in the tests at the end).
    "reminders:feed": "calendar feed, no login; only a hash of the token is stored",
    "patients:accept": "invitation, login required; only a hash of the token is stored",
    # allauth's own email-confirmation and password-reset keys.
    "account_confirm_email": "allauth email confirmation key",
    "account_reset_password_from_key": "allauth password reset key",
    # Letter samples are built from synthetic data only (letters.samples).
    "letters:sample_pdf": "synthetic sample letter, the id is a letter kind",
    "letters:sample_html": "synthetic sample letter, the id is a letter kind",
    # Share links: the secret in the path is the credential, only its hash is stored; an
    # unknown, expired or revoked one answers 404 (tests/sharing/test_links.py).
    "sharing:open": "share link page for its recipient, no login",
    "sharing:file": "share link download for its recipient, no login",
    "sharing:manifest": "SMART Health Links manifest (POST by health apps), no login",
}
# Django's admin: staff only (see test_it_keeps_the_admin_to_staff).
ALLOWED_NAMESPACES = {"admin"}


def url_patterns(resolver=None, namespace=()):
    """(full name or None, namespace, parameter names) of every URL pattern, recursively."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespace, pattern.namespace) if pattern.namespace else namespace
            yield from url_patterns(pattern, inner)
        else:
            name = ":".join((*namespace, pattern.name)) if pattern.name else None
            yield name, namespace, sorted(pattern.pattern.regex.groupindex)


def test_it_covers_every_url_with_an_id():
    uncovered = []
    for name, namespace, params in url_patterns():
        if not params or (namespace and namespace[0] in ALLOWED_NAMESPACES):
            continue
        if name is None or (name not in ROUTES and name not in NOT_OBJECT_ROUTES):
            uncovered.append((name, params))
    assert not uncovered, ("URLs with parameters need an entry in ROUTES (or, if they name "
                           f"no patient's or user's object, in NOT_OBJECT_ROUTES): {uncovered}")
    names = {name for name, _ns, _params in url_patterns()}
    assert not (set(ROUTES) | set(NOT_OBJECT_ROUTES)) - names, "stale entries in the tables"


# --- Personas and the state they must not change ---------------------------------------

@pytest.fixture
def viewer(make_user):
    return make_user("dana@example.org", display_name="Dana Viewer")


@pytest.fixture
def graph(owner, caregiver, viewer) -> Graph:
    return build_graph(owner, name="Sam Synthetic", editor=caregiver, viewer=viewer)


@pytest.fixture
def clients(owner, caregiver, viewer, stranger) -> dict[str, Client]:
    made = {"anonymous": Client()}
    for persona, user in (("owner", owner), ("caregiver", caregiver), ("viewer", viewer),
                          ("stranger", stranger)):
        made[persona] = Client()
        made[persona].force_login(user)
    return made


# Caches the engine refreshes on any read, and timestamps; everything else is state.
VOLATILE = {"updated_at", "assessment", "assessment_hash", "assessed_on", "agenda_items",
            "agenda_urgency", "agenda_due", "last_fetched_at"}
STATEFUL = (Patient, PatientAccess, Invitation, Provider, Provider.patients.through,
            RecordsRequest, RequestEvent, ClosedPracticeSearch, ClosedPracticeStep, Signature,
            CalendarFeed, ReminderSettings, Document, ShareLink, SummaryEdit, SummaryReview,
            OfficeForm, KeptFile)


def snapshot() -> dict:
    return {model.__name__: sorted(
        (sorted((k, str(v)) for k, v in row.items() if k not in VOLATILE)
         for row in model.objects.values()), key=str) for model in STATEFUL}


def allowed(persona: str, need: str) -> bool:
    return {"view": persona in ("owner", "caregiver", "viewer"),
            "edit": persona in ("owner", "caregiver"),
            "manage": persona == "owner",
            "provider": persona == "owner"}[need]


def _login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        reverse(settings.LOGIN_URL))


CASES = [(name, persona) for name in ROUTES for persona in PERSONAS]


@pytest.mark.parametrize(("name", "persona"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_it_lets_only_the_right_people_in(name, persona, graph, clients, mailoutbox):
    route = ROUTES[name]
    url = reverse(name, kwargs=route.kwargs(graph))
    client = clients[persona]
    data = route.post(graph) if route.post else {}
    post_need = route.post_need or route.need
    before = snapshot()

    got = client.get(url)
    if persona == "anonymous":
        assert _login_redirect(got), got.status_code
    elif not route.get:
        assert got.status_code == 405
    elif allowed(persona, route.need):
        assert got.status_code in (200, 302), got.status_code
    else:
        assert got.status_code == 404
    assert snapshot() == before, "a GET changed stored data"

    posted = client.post(url, data)
    if persona == "anonymous":
        assert _login_redirect(posted)
    elif route.post is None:  # a read-only URL: POST is a read too, or refused
        expected = (200, 302, 405) if allowed(persona, route.need) else (404,)
        assert posted.status_code in expected, posted.status_code
    elif allowed(persona, post_need):
        assert posted.status_code == 302, (posted.status_code, posted.content[:500])
    else:
        assert posted.status_code == 404, posted.status_code
    if route.post is None or not allowed(persona, post_need):
        assert snapshot() == before, "a refused or read-only POST changed stored data"
    elif name != "directory:refresh":
        assert snapshot() != before, "an allowed POST changed nothing"

    if not allowed(persona, "view"):
        for response in (got, posted):
            assert graph.patient.full_name.encode() not in response.content
        assert not any(graph.patient.full_name in m.body for m in mailoutbox)


MIXED = [name for name, route in ROUTES.items() if route.kwargs.__name__ != "_patient"]


@pytest.mark.parametrize("name", MIXED)
def test_it_refuses_a_stranger_mixing_their_own_ids_with_others(name, graph, stranger, clients,
                                                                make_user):
    """The stranger has a full patient of their own: swapping any one id for one of theirs
    must not reach the owner's objects (every lookup is scoped to the checked parent)."""
    route = ROUTES[name]
    theirs = build_graph(stranger, name="Other Synthetic",
                         viewer=make_user("erin@example.org"))
    victim, own = route.kwargs(graph), route.kwargs(theirs)
    client = clients["stranger"]
    before = snapshot()
    for key in victim:
        if victim[key] == own[key]:  # a slug such as the letter kind
            continue
        mixed = {**victim, key: own[key]}
        if mixed == own:  # the stranger's own object: theirs to see
            continue
        url = reverse(name, kwargs=mixed)
        for response in (client.get(url) if route.get else None,
                         client.post(url, route.post(graph) if route.post else {})):
            if response is not None:
                assert response.status_code == 404, (key, response.status_code)
                assert graph.patient.full_name.encode() not in response.content
    assert snapshot() == before


AUDITED = [(name, persona) for name, route in ROUTES.items() if route.audited
           for persona in ("owner", "caregiver", "viewer") if allowed(persona, route.need)]


@pytest.mark.parametrize(("name", "persona"), AUDITED, ids=[f"{n}-{p}" for n, p in AUDITED])
def test_it_audits_every_view_of_patient_data(name, persona, graph, clients):
    route = ROUTES[name]
    before = AuditEntry.objects.filter(patient=graph.patient).count()
    response = clients[persona].get(reverse(name, kwargs=route.kwargs(graph)))
    assert response.status_code == 200
    assert AuditEntry.objects.filter(patient=graph.patient).count() > before


def test_it_redirects_anonymous_users_from_every_page_to_the_login(clients):
    """Every app page without parameters asks for a login (the home page is public)."""
    public = {"home"}
    for name, namespace, params in url_patterns():
        if params or name is None or name in public or not namespace:
            continue
        if namespace[0] in ALLOWED_NAMESPACES:
            continue
        assert _login_redirect(clients["anonymous"].get(reverse(name))), name


def test_it_shows_a_stranger_no_patient_anywhere(graph, clients):
    for name, namespace, params in url_patterns():
        if params or name is None or (namespace and namespace[0] in ALLOWED_NAMESPACES):
            continue
        response = clients["stranger"].get(reverse(name), follow=True)
        assert graph.patient.full_name.encode() not in response.content, name


# --- The public token URLs and the admin ---------------------------------------------

def test_it_serves_the_calendar_feed_only_for_a_live_token(graph, owner, clients):
    url = reverse("reminders:feed", args=[graph.feed_token])
    assert clients["anonymous"].get(url).status_code == 200
    assert clients["anonymous"].post(url).status_code == 405
    wrong = graph.feed_token[:-1] + ("A" if graph.feed_token[-1] != "A" else "B")
    assert clients["anonymous"].get(reverse("reminders:feed", args=[wrong])).status_code == 404
    CalendarFeed.revoke_all(owner)
    assert clients["anonymous"].get(url).status_code == 404
    assert not CalendarFeed.objects.filter(token_hash=graph.feed_token).exists()


def test_it_asks_for_a_login_and_a_live_token_to_accept_an_invitation(graph, clients):
    url = reverse("patients:accept", args=[graph.invitation_token])
    assert _login_redirect(clients["anonymous"].get(url))
    assert _login_redirect(clients["anonymous"].post(url, {"legal_basis": "none"}))
    bad = reverse("patients:accept", args=["x" * 43])
    assert clients["stranger"].get(bad).status_code == 404
    assert clients["stranger"].post(bad, {"legal_basis": "none"}).status_code == 404
    assert not Invitation.objects.filter(token_hash=graph.invitation_token).exists()


def test_it_keeps_the_admin_to_staff(graph, clients):
    for name in ("admin:requests_recordsrequest_change", "admin:providers_provider_change"):
        obj = graph.request if "request" in name else graph.provider
        url = reverse(name, args=[obj.pk])
        for persona in ("anonymous", "stranger", "owner"):
            response = clients[persona].get(url)
            assert response.status_code == 302 and "/admin/login/" in response["Location"]
