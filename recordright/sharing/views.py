"""The patient's sharing pages: review the emergency summary, print it, export the IPS,
make a packet, make and revoke share links. Every page resolves the patient through
``patients.access`` and writes an audit entry."""

from __future__ import annotations

import json
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.patients.access import Need, get_access_for_user
from recordright.providers.models import Provider
from recordright.sharing import ips, links, packet
from recordright.sharing import render as paper
from recordright.sharing.forms import AddItemForm, CorrectItemForm, PacketForm, ShareForm
from recordright.sharing.models import ShareLink, SummaryEdit, SummaryReview
from recordright.sharing.summary import build as build_summary
from recordright.vault.models import Document, Entry
from recordright.web.once import claimed, once_only

MADE_KEY = "sharing-made-link"  # the new link's secret, shown once after the redirect


def _download(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def amendment_url(patient_id: int, entry_id: int) -> str:
    """vault-read's amendment-from-entry page when it exists, else the request wizard."""
    try:
        return reverse("vault:amendment-from-entry",
                       kwargs={"patient_id": patient_id, "entry_id": entry_id})
    except NoReverseMatch:
        return reverse("requests:new", kwargs={"patient_id": patient_id}) + "?right=amendment"


@login_required
@require_http_methods(["GET", "POST"])
@once_only
def summary(request, patient_id: int):
    link = get_access_for_user(request.user, patient_id,
                               Need.EDIT if request.method == "POST" else Need.VIEW)
    patient = link.patient
    if request.method == "POST":
        _apply_edit(request, patient)
        return redirect("sharing:summary", patient_id=patient.pk)
    record(request.user, patient, AuditEntry.Action.VIEW, "emergency summary", patient)
    built = build_summary(patient)
    return render(request, "sharing/summary.html", {
        "patient": patient, "link": link, "summary": built, "add_form": AddItemForm(),
        "public": links.site_is_public(), "amendment": amendment_url(patient.pk, 0)})


def _apply_edit(request, patient) -> None:
    action = request.POST.get("action")
    if action == "remove":
        entry = get_object_or_404(Entry, pk=request.POST.get("entry"), patient=patient)
        SummaryEdit.objects.create(patient=patient, entry=entry, action="remove",
                                   section=entry.category[:20], created_by=request.user)
        messages.success(request, _("Left out of the summary. The record itself is kept."))
    elif action == "correct":
        form = CorrectItemForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Write what it should say."))
            return
        entry = get_object_or_404(Entry, pk=form.cleaned_data["entry"], patient=patient)
        SummaryEdit.objects.filter(patient=patient, entry=entry, action="correct").delete()
        SummaryEdit.objects.create(patient=patient, entry=entry, action="correct",
                                   section=entry.category[:20], created_by=request.user,
                                   title=form.cleaned_data["title"],
                                   detail=form.cleaned_data["detail"])
        messages.success(request, _("Corrected on the summary. If the record itself is "
                                    "wrong, you can ask the provider to amend it."))
    elif action == "add":
        form = AddItemForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a section and write what to add."))
            return
        details = form.cleaned_data
        with claimed(request) as claim:
            SummaryEdit.objects.create(patient=patient, action="add", created_by=request.user,
                                       **details)
            claim.leads_to(reverse("sharing:summary", args=[patient.pk]))
        messages.success(request, _("Added to the summary, marked as reported by you."))
    elif action == "undo":
        SummaryEdit.objects.filter(patient=patient, pk=request.POST.get("edit")).delete()
        messages.success(request, _("Your change was undone."))
    elif action == "reviewed":
        SummaryReview.objects.update_or_create(patient=patient, defaults={
            "reviewed_at": timezone.now(), "reviewed_by": request.user})
        messages.success(request, _("Marked as reviewed today."))
    else:
        messages.error(request, _("Nothing was changed."))
        return
    record(request.user, patient, AuditEntry.Action.UPDATE, "emergency summary", patient)


@login_required
@require_http_methods(["GET", "POST"])
def summary_pdf(request, patient_id: int):
    """The one-page summary or (``card=1``) the wallet card. The QR code holds the essentials
    as text, or, when the POST names an active summary link of this patient (just made on
    the links page, whose secret only its maker has), that link."""
    patient = get_access_for_user(request.user, patient_id).patient
    params = request.POST if request.method == "POST" else request.GET
    share_url = None
    token = params.get("token", "")
    found = links.find(token) if token else None
    if found is not None and found.patient_id == patient.pk and found.what == "summary":
        share_url = links.Made(found, token).url
    card = params.get("card") == "1"
    record(request.user, patient, AuditEntry.Action.DOWNLOAD,
           "wallet card" if card else "emergency summary PDF", patient)
    built = build_summary(patient)
    data = (paper.card_pdf if card else paper.summary_pdf)(built, share_url)
    return _download(data, "application/pdf",
                     "wallet-card.pdf" if card else "emergency-summary.pdf")


@login_required
def ips_json(request, patient_id: int):
    patient = get_access_for_user(request.user, patient_id).patient
    record(request.user, patient, AuditEntry.Action.EXPORT, "patient summary (IPS)", patient)
    data = json.dumps(ips.build(patient), indent=1).encode("utf-8")
    return _download(data, "application/fhir+json", "patient-summary-ips.json")


@login_required
@require_http_methods(["GET", "POST"])
def packet_view(request, patient_id: int):
    link = get_access_for_user(request.user, patient_id)
    patient = link.patient
    providers = Provider.objects.filter(vault_documents__patient=patient).distinct()
    form = PacketForm(request.POST if request.method == "POST" else None, providers=providers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data["format"] = data["format"] or "pdf"
        choice = packet.Choice(provider_ids=tuple(data["providers"]), kinds=tuple(data["kinds"]),
                               date_from=data["date_from"], date_to=data["date_to"])
        record(request.user, patient, AuditEntry.Action.EXPORT, f"packet ({data['format']})",
               patient)
        if data["format"] == "zip":
            return _download(packet.originals_zip(patient, choice), "application/zip",
                             "records.zip")
        pdf, _parts = packet.packet_pdf(patient, choice)
        return _download(pdf, "application/pdf", "records-packet.pdf")
    record(request.user, patient, AuditEntry.Action.VIEW, "packet page", patient)
    documents = packet.chosen_documents(patient)
    return render(request, "sharing/packet.html", {
        "patient": patient, "link": link, "form": form, "documents": documents},
        status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
@once_only
def share_links(request, patient_id: int):
    link = get_access_for_user(request.user, patient_id,
                               Need.EDIT if request.method == "POST" else Need.VIEW)
    patient = link.patient
    documents = list(Document.objects.filter(patient=patient, status="ready",
                                             parent__isnull=True)[:200])
    form = ShareForm(request.POST or None, documents=documents,
                     initial={"what": request.GET.get("what", "summary"),
                              "days": request.GET.get("days", 7)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with claimed(request) as claim:
            made = links.make(patient, what=data["what"], user=request.user,
                              expires=timedelta(days=data["days"]), passcode=data["passcode"],
                              label=data["label"], document_ids=data["documents"])
            claim.leads_to(reverse("sharing:links", args=[patient.pk]))
        request.session[MADE_KEY] = [made.link.pk, made.secret]
        return redirect("sharing:links", patient_id=patient.pk)
    made = None
    shown = request.session.pop(MADE_KEY, None) if request.method == "GET" else None
    if shown:
        row = ShareLink.objects.filter(pk=shown[0], patient=patient).first()
        made = links.Made(row, shown[1]) if row is not None else None
    record(request.user, patient, AuditEntry.Action.VIEW, "share links", patient)
    rows = ShareLink.objects.filter(patient=patient)[:100]
    return render(request, "sharing/links.html", {
        "patient": patient, "link": link, "form": form, "made": made, "rows": rows,
        "now": timezone.now(), "public": links.site_is_public(),
        "qr": paper.qr_data_uri(made.url) if made else ""},
        status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def revoke(request, patient_id: int, link_id: int):
    patient = get_access_for_user(request.user, patient_id, Need.EDIT).patient
    share = ShareLink.objects.filter(patient=patient, pk=link_id).first()
    if share is None:
        raise Http404
    links.revoke(share, request.user)
    messages.success(request, _("The link no longer works."))
    return redirect("sharing:links", patient_id=patient.pk)
