"""The closed-practice guide's pages: start a search (alone or from a request), follow its
steps, write the letter for a step (preview and PDF), and turn the holder found into the
provider of a new request.

Searches belong to a patient: every page resolves the patient through patients.access
(stranger -> 404) and writes an audit entry. Notes on a linked request's timeline come
from ``tracking``; the letter's context from ``letter``; rendering from letters.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.closed_practices import guide as closed
from recordright.closed_practices import letter as inquiry
from recordright.closed_practices import tracking
from recordright.closed_practices.forms import (
    ClosedPracticeForm,
    FoundHolderForm,
    RecipientForm,
    StepForm,
)
from recordright.closed_practices.models import ClosedPracticeSearch, ClosedPracticeStep
from recordright.directory.models import NpiRecord
from recordright.letters.registry import get_kind
from recordright.letters.render import render_html, render_pdf
from recordright.patients.access import Need, get_access_for_user, patients_for_user
from recordright.requests.access import get_request_for_user
from recordright.web.csp import csp_nonce
from recordright.web.once import claimed, once_only

Action = AuditEntry.Action


@login_required
@once_only
def closed_new(request):
    """Start a search for any patient the user may edit (from a deactivated NPI, or not)."""
    npi = request.GET.get("npi", "")
    doctor = NpiRecord.objects.filter(npi=int(npi)).first() if npi.isdigit() else None
    initial = {"npi": npi}
    if doctor:
        initial.update(doctor_name=str(closed.display_name(doctor)),
                       practice_address=doctor.address1, city=doctor.city,
                       state=doctor.state[:2], zip_code=doctor.zip[:5])
    form = ClosedPracticeForm(request.POST or None, initial=initial,
                              patients=patients_for_user(request.user, Need.EDIT))
    if request.method == "POST" and form.is_valid():
        link = get_access_for_user(request.user, form.cleaned_data["patient"].pk, Need.EDIT)
        return _start(request, link.patient, form)
    return render(request, "closed_practices/new.html",
                  {"form": form, "patient": None, "doctor": doctor})


@login_required
@once_only
def closed_from_request(request, request_id: int):
    """"My doctor's office has closed": a search that notes every step on this request."""
    req, _link = get_request_for_user(request.user, request_id, Need.EDIT)
    provider = req.provider
    initial = {"doctor_name": provider.name, "npi": provider.npi,
               "practice_address": provider.address.splitlines()[0] if provider.address else "",
               "city": provider.city, "state": provider.state, "zip_code": provider.zip_code}
    form = ClosedPracticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        return _start(request, req.patient, form, records_request=req)
    record(request.user, req.patient, Action.VIEW, "records request", req)
    return render(request, "closed_practices/new.html",
                  {"form": form, "patient": req.patient, "req": req},
                  status=400 if form.errors else 200)


def _start(request, patient, form, records_request=None):
    data = form.cleaned_data
    with claimed(request) as claim:
        search = closed.start_search(
            request.user, patient, npi=data["npi"], doctor_name=data["doctor_name"],
            practice_address=data["practice_address"], city=data["city"], state=data["state"],
            zip_code=data["zip_code"], reason=data["reason"], last_seen=data["last_seen"],
            records_request=records_request)
        record(request.user, patient, Action.CREATE, "closed-practice search", search)
        tracking.note_started(search, request.user, timezone.localdate())
        claim.leads_to(reverse("closed_practices:detail", args=[patient.pk, search.pk]))
    return redirect("closed_practices:detail", patient.pk, search.pk)


@login_required
@once_only
def closed_list(request, patient_id: int):
    link = get_access_for_user(request.user, patient_id)
    form = ClosedPracticeForm(request.POST or None)
    if request.method == "POST":
        link = get_access_for_user(request.user, patient_id, Need.EDIT)
        if form.is_valid():
            return _start(request, link.patient, form)
    record(request.user, link.patient, Action.VIEW, "closed-practice searches")
    return render(request, "closed_practices/list.html", {
        "patient": link.patient, "form": form, "link": link,
        "searches": link.patient.closed_practice_searches.all()})


def _search_for(request, patient_id: int, search_id: int, need: Need = Need.VIEW):
    link = get_access_for_user(request.user, patient_id, need)
    search = get_object_or_404(ClosedPracticeSearch.objects.select_related("records_request"),
                               pk=search_id, patient=link.patient)
    return link, search


def _step_for(request, patient_id: int, search_id: int, step_id: int, need: Need = Need.VIEW):
    link, search = _search_for(request, patient_id, search_id, need)
    return link, search, get_object_or_404(search.steps, pk=step_id)


def _found_form(step: ClosedPracticeStep, data=None) -> FoundHolderForm:
    lines = inquiry.recipient_lines(step.address)
    initial = {"name": step.contact_name, "npi": step.npi, "address": "\n".join(lines[:1]),
               "phone": step.phone, "fax": step.fax}
    return FoundHolderForm(data, initial=initial, prefix=f"found{step.pk}")


def _detail(request, link, search, *, step_form=None, found_form=None, status=200):
    rows = []
    for step in search.steps.all():
        form = step_form if step_form and step_form.instance.pk == step.pk else StepForm(
            instance=step, prefix=f"step{step.pk}")
        found = found_form if found_form and found_form.prefix == f"found{step.pk}" else (
            _found_form(step) if step.status == ClosedPracticeStep.Status.DONE else None)
        rows.append({"step": step, "form": form, "found": found})
    return render(request, "closed_practices/detail.html", {
        "patient": link.patient, "link": link, "search": search, "steps": rows}, status=status)


@login_required
def closed_detail(request, patient_id: int, search_id: int):
    link, search = _search_for(request, patient_id, search_id)
    record(request.user, link.patient, Action.VIEW, "closed-practice search", search)
    return _detail(request, link, search)


@login_required
@require_POST
def closed_step(request, patient_id: int, search_id: int, step_id: int):
    link, search, step = _step_for(request, patient_id, search_id, step_id, Need.EDIT)
    form = StepForm(request.POST, instance=step, prefix=f"step{step.pk}")
    if not form.is_valid():
        return _detail(request, link, search, step_form=form, status=400)
    form.save()
    record(request.user, link.patient, Action.UPDATE, "closed-practice step", step)
    if form.has_changed():
        tracking.note_step(search, step, request.user, timezone.localdate())
    messages.success(request, _("The step is saved."))
    return redirect(reverse("closed_practices:detail", args=[link.patient.pk, search.pk])
                    + f"#step-{step.pk}")


def _letter(request, link, search, step):
    context = inquiry.letter_context(search, step, user=request.user, link=link,
                                           today=timezone.localdate())
    return context, get_kind(context.kind).missing(context)


def _letter_page(request, link, search, step, form=None, status=200):
    context, missing = _letter(request, link, search, step)
    if form is None and link.can_edit:
        form = RecipientForm(instance=step)
    return render(request, "closed_practices/letter.html", {
        "patient": link.patient, "link": link, "search": search, "step": step,
        "kind": get_kind(context.kind), "missing": missing, "form": form,
        "preview": "" if missing else render_html(context, style_nonce=csp_nonce(request))},
        status=status)


@login_required
def closed_letter(request, patient_id: int, search_id: int, step_id: int):
    link, search, step = _step_for(request, patient_id, search_id, step_id)
    record(request.user, link.patient, Action.VIEW, "records location letter", step)
    return _letter_page(request, link, search, step)


@login_required
def closed_letter_pdf(request, patient_id: int, search_id: int, step_id: int):
    """GET: the PDF (audited). POST (the page's button, for editors): note the download on
    the linked request's timeline, then GET the PDF. A GET never changes the timeline."""
    if request.method == "POST":
        return _note_download(request, patient_id, search_id, step_id)
    link, search, step = _step_for(request, patient_id, search_id, step_id)
    context, missing = _letter(request, link, search, step)
    if missing:
        return redirect("closed_practices:letter", link.patient.pk, search.pk, step.pk)
    pdf = render_pdf(context)
    record(request.user, link.patient, Action.DOWNLOAD, "records location letter", step)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{inquiry.letter_filename(search, step)}"')
    return response


def _note_download(request, patient_id: int, search_id: int, step_id: int):
    link, search, step = _step_for(request, patient_id, search_id, step_id, Need.EDIT)
    context, missing = _letter(request, link, search, step)
    if missing:
        return redirect("closed_practices:letter", link.patient.pk, search.pk, step.pk)
    tracking.note_letter(search, context.recipient.name, request.user, timezone.localdate())
    return redirect("closed_practices:letter-pdf", link.patient.pk, search.pk, step.pk)


@login_required
@require_POST
def closed_recipient(request, patient_id: int, search_id: int, step_id: int):
    """Who the letter goes to, for steps the directory could not name (a medical society)."""
    link, search, step = _step_for(request, patient_id, search_id, step_id, Need.EDIT)
    form = RecipientForm(request.POST, instance=step)
    if not form.is_valid():
        step.refresh_from_db()
        return _letter_page(request, link, search, step, form=form, status=400)
    form.save()
    record(request.user, link.patient, Action.UPDATE, "closed-practice step", step)
    messages.success(request, _("Saved. The letter now goes to %(name)s.")
                     % {"name": step.contact_name})
    return redirect("closed_practices:letter", link.patient.pk, search.pk, step.pk)


@login_required
@require_POST
def closed_found(request, patient_id: int, search_id: int, step_id: int):
    """The records are here: make it a provider and open the request wizard with it."""
    link, search, step = _step_for(request, patient_id, search_id, step_id, Need.EDIT)
    form = FoundHolderForm(request.POST, prefix=f"found{step.pk}")
    if not form.is_valid():
        return _detail(request, link, search, found_form=form, status=400)
    provider = tracking.provider_for_found(request.user, form.cleaned_data)
    if step.status != ClosedPracticeStep.Status.DONE:
        step.status = ClosedPracticeStep.Status.DONE
        step.save(update_fields=["status"])
    record(request.user, link.patient, Action.UPDATE, "closed-practice step", step)
    tracking.note_found(search, provider, request.user, timezone.localdate())
    messages.success(request, _("%(name)s is added to your providers. Ask them for the "
                                "records.") % {"name": provider.name})
    return redirect(reverse("requests:new", args=[link.patient.pk])
                    + f"?provider={provider.pk}")
