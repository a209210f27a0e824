"""Reading the vault: the timeline, a page per category, lab trends, one entry, one
document (and its original file), search, and what arrived for a request.

Every view resolves the patient through patients/access.py and writes an audit entry."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.filestore import store
from recordright.patients.access import Need, get_access_for_user
from recordright.requests.access import get_request_for_user
from recordright.vault import amend, ccda_html, charts, gaps, timeline
from recordright.vault.choices import Category, Kind, Status
from recordright.vault.errors import UnreadableDocument
from recordright.vault.models import Document, Entry
from recordright.vault.search import MARK_END, MARK_START
from recordright.vault.search import search as run_search
from recordright.web.once import claimed, once_only

VIEW = AuditEntry.Action.VIEW
INLINE_TYPES = {Kind.PDF: "application/pdf"}
SEARCH_LIMIT = 50


def _patient(request, patient_id: int, need: Need = Need.VIEW, what: str = "", obj=None):
    link = get_access_for_user(request.user, patient_id, need)
    if what:
        record(request.user, link.patient, VIEW, what, obj or link.patient)
    return link, link.patient


@login_required
def timeline_view(request, patient_id: int):
    link, patient = _patient(request, patient_id, what="vault timeline")
    form = timeline.TimelineFilter(request.GET or None, patient_id=patient.pk)
    page = timeline.page_of(patient.pk, form, request.GET.get("page"))
    return render(request, "vault/read/timeline.html", {
        "patient": patient, "link": link, "form": form, "page": page,
        "categories": timeline.category_counts(patient.pk), "query": _query_without_page(request),
        "title": _("Timeline")})


@login_required
def category_view(request, patient_id: int, category: str):
    labels = dict(Category.choices)
    if category not in labels:
        raise Http404
    link, patient = _patient(request, patient_id, what=f"vault {category}")
    form = timeline.TimelineFilter(request.GET or None, patient_id=patient.pk,
                                   with_category=False)
    page = timeline.page_of(patient.pk, form, request.GET.get("page"), category=category)
    return render(request, "vault/read/timeline.html", {
        "patient": patient, "link": link, "form": form, "page": page, "category": category,
        "categories": timeline.category_counts(patient.pk), "query": _query_without_page(request),
        "title": str(labels[category])})


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def labs_view(request, patient_id: int):
    link, patient = _patient(request, patient_id, what="vault lab trends")
    return render(request, "vault/read/labs.html", {
        "patient": patient, "link": link, "series": charts.lab_series(patient.pk),
        "title": _("Lab results and vital signs over time")})


@login_required
def entry_view(request, patient_id: int, entry_id: int):
    link, patient = _patient(request, patient_id)
    entry = get_object_or_404(Entry.objects.select_related("document"), pk=entry_id,
                              patient=patient)
    record(request.user, patient, VIEW, "vault entry", entry)
    sources = (Document.objects.filter(entry_sources__entry=entry).order_by("received_on", "id")
               .only("id", "original_name", "title", "kind", "date", "received_on"))
    return render(request, "vault/read/entry.html", {
        "patient": patient, "link": link, "entry": entry, "sources": sources,
        "title": entry.title})


def _document(request, patient_id: int, document_id: int, what: str, action=VIEW):
    link, patient = _patient(request, patient_id)
    document = get_object_or_404(Document.objects.select_related("provider", "request__provider"),
                                 pk=document_id, patient=patient)
    record(request.user, patient, action, what, document)
    return link, patient, document


@login_required
def document_view(request, patient_id: int, document_id: int):
    link, patient, document = _document(request, patient_id, document_id, "vault document")
    sections, problem = [], ""
    if document.kind == Kind.CCDA and document.status == Status.READY and document.stored_name:
        try:
            _title, sections = ccda_html.render(document)
        except UnreadableDocument as exc:
            problem = str(exc)
    entries = document.entries.order_by("category", "-date", "id")[:200]
    return render(request, "vault/read/document.html", {
        "patient": patient, "link": link, "document": document, "sections": sections,
        "problem": problem, "entries": entries,
        "children": document.children.order_by("id"),
        "inline": document.kind in INLINE_TYPES, "title": document.title or
        document.original_name})


@login_required
def document_file(request, patient_id: int, document_id: int):
    """The original, verbatim: a PDF opens in the browser, anything else downloads. No public
    URL: it is served only here, after the access check, and each opening is audited."""
    _link, _patient_obj, document = _document(request, patient_id, document_id,
                                              "vault original file", AuditEntry.Action.DOWNLOAD)
    if not document.stored_name:
        raise Http404
    inline = document.kind in INLINE_TYPES and request.GET.get("download") != "1"
    response = FileResponse(store.open_plain(document.stored_name), as_attachment=not inline,
                            filename=document.original_name,
                            content_type=INLINE_TYPES.get(document.kind,
                                                          "application/octet-stream"))
    response["Cache-Control"] = "no-store, private"
    # A PDF shown in the browser runs no script of its own and loads nothing.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def highlighted(snippet: str):
    return mark_safe(escape(snippet).replace(MARK_START, "<mark>")  # noqa: S308 - escaped first
                     .replace(MARK_END, "</mark>"))


@login_required
def search_view(request, patient_id: int):
    link, patient = _patient(request, patient_id, what="vault search")
    query = request.GET.get("q", "").strip()[:200]
    hits = run_search(patient.pk, query, limit=SEARCH_LIMIT) if query else []
    for hit in hits:
        hit.html = highlighted(hit.snippet)
    return render(request, "vault/read/search.html", {
        "patient": patient, "link": link, "query": query, "hits": hits,
        "title": _("Search the records")})


@login_required
@require_http_methods(["GET", "POST"])
@once_only
def amend_view(request, patient_id: int, entry_id: int):
    link, patient = _patient(request, patient_id, Need.EDIT)
    entry = get_object_or_404(Entry.objects.select_related("document__provider",
                                                           "document__request__provider"),
                              pk=entry_id, patient=patient)
    provider = amend.source_provider(entry)
    form = amend.AmendForm(request.POST or None, patient=patient, initial={
        "what": amend.describe(entry), "provider": provider.pk if provider else None})
    if request.method == "POST" and form.is_valid():
        with claimed(request) as claim:
            req = amend.create_request(entry, form.cleaned_data, request.user,
                                       link.legal_basis)
            record(request.user, patient, AuditEntry.Action.CREATE, "records request", req)
            claim.leads_to(req.get_absolute_url())
        return redirect(req.get_absolute_url())
    record(request.user, patient, VIEW, "vault amendment form", entry)
    return render(request, "vault/read/amend.html", {
        "patient": patient, "link": link, "entry": entry, "form": form,
        "no_provider": not form.fields["provider"].queryset.exists(),
        "title": _("Ask to correct this entry")}, status=400 if request.method == "POST" else 200)


@login_required
def request_records_view(request, request_id: int):
    """What arrived for one request, and what is missing from it. The patient confirms
    having looked with the request page's "I checked the records" (a POST, so a page
    view never changes anything)."""
    req, link = get_request_for_user(request.user, request_id)
    record(request.user, req.patient, VIEW, "records of a request", req)
    arrived = gaps.check(req)
    to_check = any(item["action"] == "check_records" for item in req.agenda_items)
    return render(request, "vault/read/request_records.html", {
        "req": req, "patient": req.patient, "link": link, "arrived": arrived,
        "to_check": to_check, "title": _("Records that arrived")})
