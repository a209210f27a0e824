"""Request pages: the wizard, the request with its clock and timeline, events, evidence.

Views are thin: access through requests.access / patients.access, law through
assessment.py (via stored.refresh), letters through letters.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.patients.access import Need, get_access_for_user
from recordright.requests import choices, drafts
from recordright.requests.access import get_request_for_user
from recordright.requests.event_forms import EventForm
from recordright.requests.forms import RequestWizardForm
from recordright.requests.letters import kind_for_action, kind_info, offered_kinds
from recordright.requests.models import RequestEvent
from recordright.requests.stored_assessments import refresh
from recordright.requests.timeline import add_event
from recordright.web.once import claimed, once_only


@login_required
@once_only
def request_new(request, patient_id: int):
    link = get_access_for_user(request.user, patient_id, Need.EDIT)
    patient = link.patient
    initial = {}
    if request.method == "POST" and "add_provider" in request.POST:
        # "Add a provider": keep what was typed, come back here with the new provider.
        drafts.stash(request.session, patient.pk, request.POST)
        back = reverse("requests:new", args=[patient.pk]) + "?resume=1"
        query = urlencode({"next": back, "patient": patient.pk})
        return redirect(f"{reverse('providers:add')}?{query}")
    if request.GET.get("resume"):
        initial = drafts.restore(request.session, patient.pk, RequestWizardForm.base_fields)
    if request.GET.get("provider"):
        initial["providers"] = [*initial.get("providers", []), request.GET["provider"]]
    if request.GET.get("all"):
        initial["all_patient_providers"] = True
    if request.GET.get("right"):  # "amendment" from the emergency summary's corrections
        initial["right"] = request.GET["right"]
    form = RequestWizardForm(request.POST or None, user=request.user, patient=patient,
                             initial=initial)
    if request.method != "POST":  # the wizard shows the patient's email and providers
        record(request.user, patient, AuditEntry.Action.VIEW, "request form", patient)
    if request.method == "POST" and form.is_valid():
        with claimed(request) as claim:
            created = form.create_requests(request.user, link.legal_basis)
            for req in created:
                record(request.user, patient, AuditEntry.Action.CREATE, "records request", req)
            claim.leads_to(created[0].get_absolute_url() if len(created) == 1
                           else reverse("patients:detail", args=[patient.pk]))
        if len(created) == 1:
            messages.success(request, _("The request is ready. Download the letter and send "
                                        "it."))
            return redirect("requests:detail", created[0].pk)
        messages.success(request, _("%(n)s requests are ready, one per provider. Send each "
                                    "letter from today's list.") % {"n": len(created)})
        return redirect("patients:detail", patient.pk)
    return render(request, "requests/wizard.html", {
        "form": form, "patient": patient, "patient_providers": form.patient_providers()})


def _page_context(request, req, link, event_form=None):
    today = timezone.localdate()
    events = list(req.events.all())
    result = refresh(req, today, events)
    letters = [{"kind": kind, "title": _kind_title(kind)} for kind in offered_kinds(req, result)]
    steps = [{**step, "letter": kind_for_action(step["action"], result)}
             for step in result.next_steps]
    for step in steps:
        step["letter_title"] = _kind_title(step["letter"]) if step["letter"] else ""
    return {
        "req": req, "patient": req.patient, "link": link, "result": result, "events": events,
        "steps": steps, "letters": letters, "today": today,
        "event_form": event_form or (EventForm(records_request=req,
                                               initial={"on": today}) if link.can_edit else None),
        "ask_kept_electronically": _per_page_fee_unjudged(req, events),
        "kept_choices": choices.KeptElectronically.choices,
        "records_to_check": any(item["action"] == "check_records" for item in req.agenda_items),
        "undone_events": list(RequestEvent.with_undone.filter(request=req,
                                                              undone_at__isnull=False)),
    }


def _per_page_fee_unjudged(req, events) -> bool:
    """A per-page fee for an electronic copy, while nobody knows how the records are kept:
    the one answer that decides whether it is allowed is missing."""
    if req.copy != choices.Copy.ELECTRONIC or (
            req.kept_electronically != choices.KeptElectronically.UNKNOWN):
        return False
    return any(e.type == choices.EventType.FEE_QUOTE and (
        "per_page" in (e.facts or {}).get("components", ())
        or (e.facts or {}).get("per_page_rate")) for e in events)


@login_required
@require_POST
def kept_electronically(request, request_id: int):
    req, _link = get_request_for_user(request.user, request_id, Need.EDIT)
    answer = request.POST.get("kept_electronically", "")
    if answer not in choices.KeptElectronically.values:
        messages.error(request, _("Nothing was changed. Choose one of the answers."))
        return redirect(req.get_absolute_url())
    req.kept_electronically = answer
    req.save(update_fields=["kept_electronically", "updated_at"])
    record(request.user, req.patient, AuditEntry.Action.UPDATE, "records request", req)
    messages.success(request, _("Saved: %(answer)s.") % {
        "answer": choices.KeptElectronically(answer).label})
    return redirect(req.get_absolute_url())


def _kind_title(kind: str) -> str:
    return str(kind_info(kind).title)


@login_required
def request_detail(request, request_id: int):
    req, link = get_request_for_user(request.user, request_id)
    record(request.user, req.patient, AuditEntry.Action.VIEW, "records request", req)
    return render(request, "requests/detail.html", _page_context(request, req, link))


@login_required
@once_only
def event_add(request, request_id: int):
    req, link = get_request_for_user(request.user, request_id, Need.EDIT)
    if request.method != "POST":
        return redirect(f"{req.get_absolute_url()}#add-event")
    form = EventForm(request.POST, request.FILES, records_request=req)
    if not form.is_valid():
        messages.error(request, _("The event was not saved. Please correct the marked fields."))
        return render(request, "requests/detail.html",
                      _page_context(request, req, link, event_form=form), status=400)
    data = form.cleaned_data
    updates = form.request_updates()
    with claimed(request) as claim:  # the event and what it says about the request, together
        if updates:
            for name, value in updates.items():
                setattr(req, name, value)
            req.save(update_fields=[*updates, "updated_at"])
        event = add_event(req, type=data["type"], on=data["on"], user=request.user,
                          text=data["text"], facts=form.facts(), channel=data["channel"],
                          tracking_number=data["tracking_number"],
                          email_sent_at=data["email_sent_at"],
                          fax_confirmation=data["fax_confirmation"], evidence=data["evidence"])
        record(request.user, req.patient, AuditEntry.Action.CREATE, "request event", event)
        claim.leads_to(req.get_absolute_url())
    messages.success(request, _("Saved: %(what)s.") % {"what": event.get_type_display()})
    return redirect(req.get_absolute_url())


@login_required
def evidence_download(request, request_id: int, event_id: int):
    req, _link = get_request_for_user(request.user, request_id)
    event = get_object_or_404(RequestEvent.with_undone, pk=event_id, request=req)
    if not event.evidence:
        raise Http404
    record(request.user, req.patient, AuditEntry.Action.DOWNLOAD, "request evidence", event)
    return FileResponse(event.evidence.open("rb"), as_attachment=True,
                        filename=event.evidence_name or "evidence")


@login_required
@require_POST
def records_checked(request, request_id: int):
    req, _link = get_request_for_user(request.user, request_id, Need.EDIT)
    req.records_checked_on = timezone.localdate()
    req.save(update_fields=["records_checked_on", "updated_at"])
    record(request.user, req.patient, AuditEntry.Action.UPDATE, "records request", req)
    messages.success(request, _("Noted. If something is missing, record it as “Records "
                                "arrived” with “not everything”, and ask for the rest."))
    return redirect(req.get_absolute_url())


