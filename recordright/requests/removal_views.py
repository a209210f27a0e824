"""Archive, restore or delete a request; undo, restore or delete a timeline entry.

Everything here needs the right to edit the patient (requests.access -> patients.access);
the confirmation pages say exactly what goes, and what happens to attached files.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.dates import us_date
from recordright.patients.access import Need
from recordright.requests import removal
from recordright.requests.access import get_request_for_user
from recordright.requests.models import RequestEvent
from recordright.web.removal import consequences


def _name(req) -> str:
    return _("the request to %(provider)s") % {"provider": req.provider.name}


@login_required
def request_remove(request, request_id: int):
    req, _link = get_request_for_user(request.user, request_id, Need.EDIT)
    record(request.user, req.patient, AuditEntry.Action.VIEW, "request deletion page", req)
    name = _name(req)
    context = {"title": _("Archive or delete %(what)s") % {"what": name},
               "cancel_url": req.get_absolute_url()}
    if req.archived_at:
        context["restore"] = {
            "heading": _("Restore"), "url": reverse("requests:restore", args=[req.pk]),
            "text": _("This request is archived. Restoring brings it back to the patient's "
                      "requests, today's list and reminder emails."),
            "button": _("Restore the request")}
    else:
        context["archive"] = {
            "heading": _("Archive"), "url": reverse("requests:archive", args=[req.pk]),
            "text": _("The request disappears from the patient's requests, today's list and "
                      "reminder emails. Nothing is deleted: “Show archived requests” on the "
                      "patient's page finds it, and you can restore it."),
            "button": _("Archive the request")}
    found = consequences(req)
    files = removal.evidence_of(req)
    context["delete"] = {
        "heading": _("Delete for good"), "url": reverse("requests:delete", args=[req.pk]),
        "text": _("This deletes %(what)s for %(patient)s, its letters' record and:")
        % {"what": name, "patient": req.patient.full_name},
        "deleted": found.deleted, "files": len(files), "keep_choice": True,
        "file_names": [event.evidence_name or _("a file") for event in files],
        "unlinked": found.unlinked,
        "unlinked_text": _("These stay with the patient, no longer linked to the request:"),
        "confirm": _("I understand: delete this request"),
        "button": _("Delete the request for good")}
    return render(request, "web/remove.html", context)


@login_required
@require_POST
def request_archive(request, request_id: int):
    req, _link = get_request_for_user(request.user, request_id, Need.EDIT)
    removal.archive_request(request.user, req)
    messages.success(request, _("The request to %(provider)s is archived.")
                     % {"provider": req.provider.name})
    return redirect("patients:detail", req.patient_id)


@login_required
@require_POST
def request_restore(request, request_id: int):
    req, _link = get_request_for_user(request.user, request_id, Need.EDIT)
    removal.restore_request(request.user, req)
    messages.success(request, _("The request is restored."))
    return redirect(req.get_absolute_url())


@login_required
@require_POST
def request_delete(request, request_id: int):
    req, _link = get_request_for_user(request.user, request_id, Need.EDIT)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Nothing was deleted: tick the box to confirm."))
        return redirect("requests:remove", req.pk)
    patient_id, provider = req.patient_id, req.provider.name
    keep = request.POST.get("files", "keep") != "remove"
    removal.delete_request(request.user, req, keep_files=keep)
    messages.success(request, _("The request to %(provider)s is deleted.") % {
        "provider": provider})
    return redirect("patients:detail", patient_id)


def _event(request, request_id: int, event_id: int):
    req, _link = get_request_for_user(request.user, request_id, Need.EDIT)
    event = get_object_or_404(RequestEvent.with_undone, pk=event_id, request=req)
    return req, event


def _event_name(event) -> str:
    return _("“%(what)s” of %(day)s") % {"what": event.get_type_display(),
                                          "day": us_date(event.on)}


@login_required
def event_remove(request, request_id: int, event_id: int):
    req, event = _event(request, request_id, event_id)
    record(request.user, req.patient, AuditEntry.Action.VIEW, "timeline entry undo page", event)
    name = _event_name(event)
    context = {"title": _("Undo or delete %(what)s") % {"what": name},
               "cancel_url": req.get_absolute_url() + "#timeline-h"}
    if event.undone_at:
        context["restore"] = {
            "heading": _("Restore"), "url": reverse("requests:event-restore",
                                                    args=[req.pk, event.pk]),
            "text": _("This entry was undone. Restoring puts it back on the timeline, and "
                      "the deadline is worked out again with it."),
            "button": _("Restore the entry")}
    else:
        context["archive"] = {
            "heading": _("Undo"), "url": reverse("requests:event-undo", args=[req.pk, event.pk]),
            "text": _("The entry leaves the timeline and the deadline is worked out again "
                      "without it. It stays listed under “Undone entries”, with any file, so "
                      "you can restore it."),
            "button": _("Undo the entry")}
    context["delete"] = {
        "heading": _("Delete for good"), "url": reverse("requests:event-delete",
                                                        args=[req.pk, event.pk]),
        "text": _("This deletes the entry %(what)s from the request to %(provider)s.")
        % {"what": name, "provider": req.provider.name},
        "files": 1 if event.evidence else 0, "keep_choice": True,
        "file_names": [event.evidence_name] if event.evidence and event.evidence_name else [],
        "confirm": _("I understand: delete this entry"),
        "button": _("Delete the entry for good")}
    return render(request, "web/remove.html", context)


@login_required
@require_POST
def event_undo(request, request_id: int, event_id: int):
    req, event = _event(request, request_id, event_id)
    if event.undone_at is None:
        removal.undo_event(request.user, event)
    messages.success(request, _("Undone: %(what)s. The deadline is worked out again without "
                                "it.") % {"what": _event_name(event)})
    return redirect(req.get_absolute_url())


@login_required
@require_POST
def event_restore(request, request_id: int, event_id: int):
    req, event = _event(request, request_id, event_id)
    if event.undone_at is not None:
        removal.restore_event(request.user, event)
    messages.success(request, _("Restored: %(what)s.") % {"what": _event_name(event)})
    return redirect(req.get_absolute_url())


@login_required
@require_POST
def event_delete(request, request_id: int, event_id: int):
    req, event = _event(request, request_id, event_id)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Nothing was deleted: tick the box to confirm."))
        return redirect("requests:event-remove", req.pk, event.pk)
    name = _event_name(event)
    removal.delete_event(request.user, event,
                         keep_file=request.POST.get("files", "keep") != "remove")
    messages.success(request, _("Deleted: %(what)s.") % {"what": name})
    return redirect(req.get_absolute_url())
