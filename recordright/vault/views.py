"""The vault's pages: the documents list (with each one's status) and the upload page.
Part 2 builds the reading pages (timeline, entries, search) around them."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.patients.access import Need, get_access_for_user
from recordright.vault.forms import UploadForm
from recordright.vault.models import Document
from recordright.vault.uploads import receive_uploads
from recordright.web.upload_spool import EncryptedSpool
from recordright.web.uploads import accepts_uploads


@login_required
def documents(request, patient_id: int):
    link = get_access_for_user(request.user, patient_id)
    patient = link.patient
    record(request.user, patient, AuditEntry.Action.VIEW, "vault documents", patient)
    rows = (Document.objects.filter(patient=patient, parent__isnull=True)
            .select_related("request__provider").order_by("-created_at", "-id")[:500])
    return render(request, "vault/documents.html", {
        "patient": patient, "link": link, "documents": rows,
        "processing": any(row.status == "processing" for row in rows)})


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_http_methods(["GET", "POST"])
@accepts_uploads(max_bytes=settings.RECORDRIGHT_VAULT_MAX_UPLOAD_BYTES, spool=EncryptedSpool)
def upload(request, patient_id: int):
    link = get_access_for_user(request.user, patient_id, Need.EDIT)
    patient = link.patient
    form = UploadForm(request.POST or None, request.FILES or None, patient=patient,
                      initial={"records_request": request.GET.get("request")})
    if request.method == "POST" and form.is_valid():
        results = receive_uploads(patient, form.cleaned_data["files"], user=request.user,
                                  records_request=form.cleaned_data["records_request"])
        record(request.user, patient, AuditEntry.Action.CREATE, "vault upload", patient)
        if _wants_json(request):
            return JsonResponse({"files": [result.as_json() for result in results]})
        for result in results:
            level = messages.error if result.status == "failed" else messages.success
            level(request, f"{result.name}: {result.message}")
        return redirect("vault:documents", patient_id=patient.pk)
    if request.method == "POST" and _wants_json(request):
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    record(request.user, patient, AuditEntry.Action.VIEW, "vault upload page", patient)
    return render(request, "vault/upload.html", {
        "patient": patient, "link": link, "form": form,
        "limit_mb": settings.RECORDRIGHT_VAULT_MAX_UPLOAD_BYTES // 2**20,
        "title": _("Add records")}, status=400 if request.method == "POST" else 200)
