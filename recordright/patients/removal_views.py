"""Archive, restore and delete a patient; the files kept from deleted timeline entries.

Archiving and restoring need the right to edit; deleting the patient, which also takes
away everyone else's access, needs the owner's (patients.access decides both).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.patients import removal
from recordright.patients.access import Need, get_access_for_user
from recordright.patients.models import KeptFile
from recordright.web.removal import consequences


@login_required
def patient_remove(request, patient_id: int):
    link = get_access_for_user(request.user, patient_id, Need.EDIT)
    patient = link.patient
    record(request.user, patient, AuditEntry.Action.VIEW, "patient deletion page", patient)
    name = patient.full_name
    archived = patient.archived_at is not None
    context = {"title": _("Archive or delete %(name)s") % {"name": name},
               "cancel_url": reverse("patients:detail", args=[patient.pk])}
    if archived:
        context["restore"] = {
            "heading": _("Restore"), "url": reverse("patients:restore", args=[patient.pk]),
            "text": _("%(name)s is archived. Restoring brings them back to your lists, today's "
                      "list and reminder emails.") % {"name": name},
            "button": _("Restore %(name)s") % {"name": name}}
    else:
        context["archive"] = {
            "heading": _("Archive"), "url": reverse("patients:archive", args=[patient.pk]),
            "text": _("%(name)s disappears from the patient list, today's list and reminder "
                      "emails, for everyone who helps with them. Nothing is deleted: you can "
                      "find them under “Show archived” on the patients page and restore them.")
            % {"name": name},
            "button": _("Archive %(name)s") % {"name": name}}
    if link.can_manage:
        context["delete"] = _delete_section(patient)
    else:
        context["lead"] = _("Only an owner can delete a patient, because it also takes away "
                            "everyone else's access. You can archive them.")
    return render(request, "web/remove.html", context)


def _delete_section(patient) -> dict:
    found = consequences(patient)
    return {
        "heading": _("Delete for good"), "url": reverse("patients:delete", args=[patient.pk]),
        "text": _("This deletes %(name)s and everything recordright keeps for them:")
        % {"name": patient.full_name},
        "deleted": found.deleted, "files": found.files,
        "unlinked": found.unlinked,
        "unlinked_text": _("These stay, but are no longer linked to them:"),
        "confirm": _("I understand: delete %(name)s and everything listed above")
        % {"name": patient.full_name},
        "button": _("Delete %(name)s for good") % {"name": patient.full_name}}


@login_required
@require_POST
def patient_archive(request, patient_id: int):
    link = get_access_for_user(request.user, patient_id, Need.EDIT)
    removal.archive(request.user, link.patient)
    messages.success(request, _("%(name)s is archived. Find them under “Show archived” to "
                                "restore them.") % {"name": link.patient.full_name})
    return redirect("patients:list")


@login_required
@require_POST
def patient_restore(request, patient_id: int):
    link = get_access_for_user(request.user, patient_id, Need.EDIT)
    removal.restore(request.user, link.patient)
    messages.success(request, _("%(name)s is restored.") % {"name": link.patient.full_name})
    return redirect("patients:detail", link.patient.pk)


@login_required
@require_POST
def patient_delete(request, patient_id: int):
    link = get_access_for_user(request.user, patient_id, Need.MANAGE)
    patient = link.patient
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Nothing was deleted: tick the box to confirm."))
        return redirect("patients:remove", patient.pk)
    name = patient.full_name
    removal.delete(request.user, patient)
    messages.success(request, _("%(name)s and everything kept for them are deleted.")
                     % {"name": name})
    return redirect("patients:list")


@login_required
def kept_file(request, patient_id: int, kept_id: int):
    link = get_access_for_user(request.user, patient_id)
    kept = get_object_or_404(KeptFile, pk=kept_id, patient=link.patient)
    record(request.user, link.patient, AuditEntry.Action.DOWNLOAD, "kept file", kept)
    return FileResponse(kept.file.open("rb"), as_attachment=True, filename=kept.name)


@login_required
def kept_file_delete(request, patient_id: int, kept_id: int):
    link = get_access_for_user(request.user, patient_id, Need.EDIT)
    kept = get_object_or_404(KeptFile, pk=kept_id, patient=link.patient)
    back = reverse("patients:detail", args=[link.patient.pk]) + "#kept-files"
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Nothing was deleted: tick the box to confirm."))
            return redirect("patients:kept-delete", link.patient.pk, kept.pk)
        removal.delete_kept_file(request.user, kept)
        messages.success(request, _("%(file)s is deleted.") % {"file": kept.name})
        return redirect(back)
    record(request.user, link.patient, AuditEntry.Action.VIEW, "kept file deletion page", kept)
    return render(request, "web/remove.html", {
        "title": _("Delete %(file)s") % {"file": kept.name}, "cancel_url": back,
        "delete": {"heading": _("Delete for good"),
                   "url": reverse("patients:kept-delete", args=[link.patient.pk, kept.pk]),
                   "text": _("This deletes the kept file %(file)s (%(from)s).")
                   % {"file": kept.name, "from": kept.came_from}, "files": 1,
                   "confirm": _("I understand: delete this file"),
                   "button": _("Delete the file for good")}})
