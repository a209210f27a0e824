"""Directory pages: search as you type, use a result, import a list, the closed-practice guide.

Directory data is public (CMS NPPES) and providers belong to the user; closed-practice
searches belong to a patient and go through patients.access with an audit entry.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.directory import closed
from recordright.directory.csv_import import import_provider_csv
from recordright.directory.fill import provider_from_record, refresh_provider_from_directory
from recordright.directory.forms import ClosedPracticeForm, ProviderCsvForm, SearchForm, StepForm
from recordright.directory.models import ClosedPracticeSearch, NpiRecord
from recordright.directory.search import search_providers
from recordright.patients.access import Need, get_patient_for_user, patients_for_user
from recordright.providers.models import Provider


def _safe_next(request, url: str | None) -> str | None:
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return None


@login_required
def search_page(request):
    form = SearchForm(request.GET or None)
    results, searched = [], False
    if form.is_valid() and (form.cleaned_data["q"] or "").strip():
        data = form.cleaned_data
        status = {"active": True, "deactivated": False}.get(data["status"])
        results = search_providers(data["q"], state=data["state"] or None,
                                   city=data["city"] or None, zip_prefix=data["zip"] or None,
                                   entity=data["entity"] or None, active=status)
        searched = True
    holder_for = _own_provider(request, request.GET.get("holder_for"))
    context = {"form": form, "results": results, "searched": searched,
               "next": _safe_next(request, request.GET.get("next")) or "",
               "holder_for": holder_for, "empty": not NpiRecord.objects.exists()}
    template = ("directory/_results.html" if request.headers.get("HX-Request")
                else "directory/search.html")
    return render(request, template, context)


def _own_provider(request, provider_id) -> Provider | None:
    if not provider_id:
        return None
    try:
        return Provider.objects.filter(owner=request.user, pk=int(provider_id)).first()
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def use_provider(request):
    npi = request.POST.get("npi", "")
    directory_record = NpiRecord.objects.filter(npi=int(npi)).first() if npi.isdigit() else None
    if directory_record is None:
        raise Http404
    member = _own_provider(request, request.POST.get("holder_for"))
    provider = provider_from_record(directory_record, request.user)
    if member is not None:
        member.records_holder = provider
        member.save(update_fields=["records_holder", "updated_at"])
        messages.success(request, _("%(holder)s now holds the records of %(member)s.")
                         % {"holder": provider.name, "member": member.name})
    else:
        messages.success(request, _("%(name)s is added to your providers.")
                         % {"name": provider.name})
    target = _safe_next(request, request.POST.get("next"))
    if target:
        joiner = "&" if "?" in target else "?"
        return redirect(f"{target}{joiner}provider={provider.pk}")
    return redirect("directory:search")


@login_required
@require_POST
def refresh_provider(request, provider_id: int):
    provider = get_object_or_404(Provider, pk=provider_id, owner=request.user)
    if refresh_provider_from_directory(provider):
        messages.success(request, _("Address, phone and fax are updated from the directory."))
    else:
        messages.error(request, _("This NPI is not in the directory; nothing was changed."))
    target = _safe_next(request, request.POST.get("next"))
    return redirect(target or "directory:search")


@login_required
def import_csv(request):
    form = ProviderCsvForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        result = import_provider_csv(form.cleaned_data["file"], request.user)
        if result.ok:
            messages.success(request, _("%(count)d providers are imported.")
                             % {"count": len(result.created)})
            return redirect("directory:import")
        errors = result.errors
    return render(request, "directory/import.html", {"form": form, "errors": errors})


@login_required
def closed_new(request):
    """Start a closed-practice search, for any patient the user may edit."""
    patients = patients_for_user(request.user, Need.EDIT)
    npi = request.GET.get("npi", "")
    doctor = NpiRecord.objects.filter(npi=int(npi)).first() if npi.isdigit() else None
    initial = {"npi": npi}
    if doctor:
        initial.update(doctor_name=str(closed.display_name(doctor)),
                       practice_address=doctor.address1, city=doctor.city,
                       state=doctor.state[:2], zip_code=doctor.zip[:5])
    form = ClosedPracticeForm(request.POST or None, initial=initial, patients=patients)
    if request.method == "POST" and form.is_valid():
        patient = get_patient_for_user(request.user, form.cleaned_data["patient"].pk, Need.EDIT)
        return _start(request, patient, form)
    return render(request, "directory/closed_new.html", {"form": form, "patient": None})


def _start(request, patient, form):
    data = form.cleaned_data
    search = closed.start_search(
        request.user, patient, npi=data["npi"], doctor_name=data["doctor_name"],
        practice_address=data["practice_address"], city=data["city"], state=data["state"],
        zip_code=data["zip_code"], reason=data["reason"], last_seen=data["last_seen"])
    record(request.user, patient, AuditEntry.Action.CREATE, "closed-practice search", search)
    return redirect("directory:closed-detail", patient.pk, search.pk)


@login_required
def closed_list(request, patient_id: int):
    patient = get_patient_for_user(request.user, patient_id)
    form = ClosedPracticeForm(request.POST or None)
    if request.method == "POST":
        patient = get_patient_for_user(request.user, patient_id, Need.EDIT)
        if form.is_valid():
            return _start(request, patient, form)
    record(request.user, patient, AuditEntry.Action.VIEW, "closed-practice searches")
    return render(request, "directory/closed_list.html", {
        "patient": patient, "form": form, "searches": patient.closed_practice_searches.all()})


def _search_for(request, patient_id: int, search_id: int, need: Need = Need.VIEW):
    patient = get_patient_for_user(request.user, patient_id, need)
    search = get_object_or_404(ClosedPracticeSearch, pk=search_id, patient=patient)
    return patient, search


@login_required
def closed_detail(request, patient_id: int, search_id: int):
    patient, search = _search_for(request, patient_id, search_id)
    record(request.user, patient, AuditEntry.Action.VIEW, "closed-practice search", search)
    steps = [(step, StepForm(instance=step, prefix=f"step{step.pk}"))
             for step in search.steps.all()]
    return render(request, "directory/closed_detail.html",
                  {"patient": patient, "search": search, "steps": steps})


@login_required
@require_POST
def closed_step(request, patient_id: int, search_id: int, step_id: int):
    patient, search = _search_for(request, patient_id, search_id, Need.EDIT)
    step = get_object_or_404(search.steps, pk=step_id)
    form = StepForm(request.POST, instance=step, prefix=f"step{step.pk}")
    if form.is_valid():
        form.save()
        record(request.user, patient, AuditEntry.Action.UPDATE, "closed-practice step", step)
        messages.success(request, _("The step is saved."))
        return redirect(reverse("directory:closed-detail", args=[patient.pk, search.pk])
                        + f"#step-{step.pk}")
    steps = [(other, form if other.pk == step.pk else
              StepForm(instance=other, prefix=f"step{other.pk}")) for other in search.steps.all()]
    return render(request, "directory/closed_detail.html",
                  {"patient": patient, "search": search, "steps": steps}, status=400)


@login_required
def closed_letter(request, patient_id: int, search_id: int, step_id: int):
    patient, search = _search_for(request, patient_id, search_id)
    step = get_object_or_404(search.steps, pk=step_id)
    record(request.user, patient, AuditEntry.Action.VIEW, "records location letter", step)
    context = closed.closed_practice_letter_context(search, step)
    return render(request, "directory/letter_records_location.html",
                  {"letter": context, "patient": patient, "search": search, "step": step})
