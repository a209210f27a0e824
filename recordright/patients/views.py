"""Patient pages. Every view resolves the patient through patients.access."""

from __future__ import annotations

from allauth.account.internal.flows.email_verification import (
    send_verification_email_to_address,
)
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from recordright.accounts.adapter import RETURN_AFTER_CONFIRMING
from recordright.audit.export import write_access_log_csv
from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.mail import email_is_configured
from recordright.patients import services
from recordright.patients.access import Need, get_access_for_user
from recordright.patients.audit_words import describe
from recordright.patients.forms import ActingForm, InviteForm, KinForm, PatientForm
from recordright.patients.models import Invitation, LegalBasis, PatientAccess
from recordright.patients.search import search_key
from recordright.web.once import claimed, once_only, refuse_if_used

PATIENTS_PER_PAGE = 50


@login_required
def patient_list(request):
    """All the patients a user acts for; advocates with hundreds can search and page."""
    query = request.GET.get("q", "").strip()
    archived = request.GET.get("archived") == "1"
    mine = PatientAccess.objects.filter(user=request.user)
    links = (mine.filter(patient__archived_at__isnull=not archived).select_related("patient")
             .order_by("patient__full_name", "patient_id"))
    if query:
        links = links.filter(patient__search_name__contains=search_key(query))
    page = Paginator(links, PATIENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "patients/list.html", {
        "page": page, "links": page.object_list, "query": query, "archived": archived,
        "archived_count": 0 if archived else mine.filter(
            patient__archived_at__isnull=False).count()})


@login_required
@once_only
def patient_add(request):
    patient_form = PatientForm(request.POST or None, prefix="patient")
    acting_form = ActingForm(request.POST or None, request.FILES or None, prefix="acting")
    existing = None
    if request.method == "POST":
        refuse_if_used(request)
    if request.method == "POST" and patient_form.is_valid() and acting_form.is_valid():
        acting_form.check_against(patient_form.cleaned_data)
        data = patient_form.cleaned_data
        existing = (None if request.POST.get("same_name") == "another"
                    else services.same_person(request.user, data["full_name"],
                                              data["date_of_birth"]))
        if acting_form.is_valid() and existing is None:
            with claimed(request) as claim:
                link = services.add_patient(
                    request.user, patient_form.save(commit=False),
                    relationship=acting_form.cleaned_data["relationship"],
                    legal_basis=acting_form.cleaned_data["legal_basis"],
                    document=acting_form.cleaned_data.get("authority_document"),
                    kin=acting_form.cleaned_data.get("kin", ""))
                claim.leads_to(reverse("patients:detail", args=[link.patient.pk]))
            messages.success(request, _("%(name)s is added.") % {"name": link.patient})
            return redirect("patients:detail", link.patient.pk)
    return render(request, "patients/add.html",
                  {"patient_form": patient_form, "acting_form": acting_form,
                   "existing": existing,
                   "document_dropped": existing is not None and bool(request.FILES)})


@login_required
def patient_detail(request, patient_id: int):
    link = get_access_for_user(request.user, patient_id)
    patient = link.patient
    record(request.user, patient, AuditEntry.Action.VIEW, "patient details", patient)
    people = patient.access.select_related("user").order_by("role", "user__email")
    return render(request, "patients/detail.html",
                  {"patient": patient, "link": link, "people": people,
                   "kept_files": patient.kept_files.all()})


@login_required
def patient_edit(request, patient_id: int):
    link = get_access_for_user(request.user, patient_id, Need.EDIT)
    form = PatientForm(request.POST or None, instance=link.patient)
    kin_form = KinForm(request.POST or None, instance=link, prefix="you")
    if request.method != "POST":  # the form shows the stored details
        record(request.user, link.patient, AuditEntry.Action.VIEW, "patient details",
               link.patient)
    if request.method == "POST" and form.is_valid() and kin_form.is_valid():
        form.save()
        kin_form.save()
        record(request.user, link.patient, AuditEntry.Action.UPDATE, "patient details",
               link.patient)
        messages.success(request, _("Saved."))
        return redirect("patients:detail", link.patient.pk)
    return render(request, "patients/edit.html", {"form": form, "patient": link.patient,
                                                  "kin_form": kin_form, "link": link})


@login_required
@once_only
def patient_invite(request, patient_id: int):
    link = get_access_for_user(request.user, patient_id, Need.MANAGE)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with claimed(request) as claim:
            details = form.cleaned_data
            invite_link, emailed = services.invite(inviter=request.user, patient=link.patient,
                                                   **details)
            claim.leads_to(reverse("patients:detail", args=[link.patient.pk]))
        if emailed:
            messages.success(request, _(
                "Invitation sent to %(email)s. If the email does not arrive, give them this "
                "link: %(link)s") % {"email": form.cleaned_data["email"], "link": invite_link})
        elif email_is_configured():
            messages.warning(request, _(
                "The invitation for %(email)s is ready, but the email could not be sent (the "
                "mail server did not accept it). Give them this link yourself: %(link)s")
                % {"email": form.cleaned_data["email"], "link": invite_link})
        else:
            messages.warning(request, _(
                "The invitation for %(email)s is ready, but this site cannot send email (no "
                "mail server is set up), so no email went out. Give them this link "
                "yourself: %(link)s") % {"email": form.cleaned_data["email"],
                                         "link": invite_link})
        return redirect("patients:detail", link.patient.pk)
    return render(request, "patients/invite.html", {"form": form, "patient": link.patient})


@login_required
@require_POST
def access_remove(request, patient_id: int, access_id: int):
    own = get_access_for_user(request.user, patient_id, Need.MANAGE)
    target = get_object_or_404(PatientAccess, pk=access_id, patient=own.patient)
    try:
        services.remove_access(request.user, target)
    except services.LastOwnerError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(email)s no longer has access.") % {
            "email": target.user.email})
    return redirect("patients:detail", own.patient.pk)


@login_required
def invitation_accept(request, token: str):
    invitation = Invitation.find_open(token)
    if invitation is None:
        raise Http404
    address = services.invited_address(invitation, request.user)
    if address is None:
        # A forwarded or leaked link must not open a patient's records to someone else, nor
        # tell them whom it was meant for.
        return render(request, "patients/accept_wrong_account.html", status=403)
    if not address.verified:
        # Anyone can add an address to their account; only its mailbox's owner can confirm
        # it. Until then the page names no patient.
        return _ask_to_confirm(request, address)
    if request.method == "POST":
        basis = request.POST.get("legal_basis", LegalBasis.NONE)
        if basis not in LegalBasis.values:
            basis = LegalBasis.NONE
        link = services.accept(invitation, request.user, legal_basis=basis)
        messages.success(request, _("You can now help with %(name)s's records.") % {
            "name": link.patient})
        return redirect("patients:detail", link.patient.pk)
    # The page names the patient to whoever holds the link, before they have access.
    record(request.user, invitation.patient, AuditEntry.Action.VIEW, "invitation", invitation)
    return render(request, "patients/accept.html",
                  {"invitation": invitation, "bases": LegalBasis.choices})


def _ask_to_confirm(request, address):
    """Send the confirmation email now (allauth limits how often), and say what to do."""
    sent = False
    if email_is_configured():
        sent = send_verification_email_to_address(request, address)
        # After the link in that email is opened, come back here to accept.
        request.session[RETURN_AFTER_CONFIRMING] = request.path
    return render(request, "patients/accept_confirm_email.html",
                  {"address": address.email, "sent": sent,
                   "email_configured": email_is_configured()}, status=403)


@login_required
def audit_log(request, patient_id: int):
    link = get_access_for_user(request.user, patient_id)
    record(request.user, link.patient, AuditEntry.Action.VIEW, "access log", link.patient)
    entries = list(link.patient.audit_entries.all()[:500])
    for entry in entries:
        entry.what_words = describe(entry.what)
    return render(request, "patients/audit.html", {"patient": link.patient, "entries": entries})


@login_required
def audit_log_csv(request, patient_id: int):
    """The access log as a spreadsheet, for the patient's people (any role)."""
    link = get_access_for_user(request.user, patient_id)
    record(request.user, link.patient, AuditEntry.Action.EXPORT, "access log", link.patient)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="access-log-patient-{link.patient.pk}.csv"')
    write_access_log_csv(response, link.patient.audit_entries.order_by("seq"),
                         describe=describe)
    return response


@login_required
def authority_document(request, patient_id: int, access_id: int):
    own = get_access_for_user(request.user, patient_id)
    target = get_object_or_404(PatientAccess, pk=access_id, patient=own.patient)
    if not target.authority_document:
        raise Http404
    record(request.user, own.patient, AuditEntry.Action.DOWNLOAD, "authority document", target)
    return FileResponse(target.authority_document.open("rb"), as_attachment=True,
                        filename=target.authority_document_name or "authority-document")

