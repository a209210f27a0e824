"""Archive, restore or delete a provider. Providers belong to the user who entered them, so
only that user may (the same rule as editing them); everyone else gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.providers.models import Provider
from recordright.web.removal import consequences


def _own(request, provider_id: int) -> Provider:
    return get_object_or_404(Provider, pk=provider_id, owner=request.user)


@login_required
def provider_remove(request, provider_id: int):
    provider = _own(request, provider_id)
    name = provider.name
    context = {"title": _("Archive or delete %(name)s") % {"name": name},
               "cancel_url": reverse("providers:list")}
    if provider.archived_at:
        context["restore"] = {
            "heading": _("Restore"), "url": reverse("providers:restore", args=[provider.pk]),
            "text": _("%(name)s is archived. Restoring brings it back to your providers and "
                      "the request form.") % {"name": name},
            "button": _("Restore %(name)s") % {"name": name}}
    else:
        context["archive"] = {
            "heading": _("Archive"), "url": reverse("providers:archive", args=[provider.pk]),
            "text": _("%(name)s disappears from your providers and from the request form. "
                      "Requests already made to it stay as they are. Nothing is deleted: "
                      "“Show archived” on the providers page finds it.") % {"name": name},
            "button": _("Archive %(name)s") % {"name": name}}
    found = consequences(provider)
    context["delete"] = {
        "heading": _("Delete for good"), "url": reverse("providers:delete", args=[provider.pk]),
        "text": _("This deletes %(name)s from your providers.") % {"name": name},
        "deleted": found.deleted, "files": found.files, "blocked_by": found.blocked_by,
        "blocked_text": _("%(name)s cannot be deleted while requests are addressed to it. "
                          "Archive it instead, or delete these first:") % {"name": name},
        "unlinked": found.unlinked,
        "unlinked_text": _("These stay, no longer linked to it:"),
        "confirm": _("I understand: delete %(name)s") % {"name": name},
        "button": _("Delete %(name)s for good") % {"name": name}}
    return render(request, "web/remove.html", context)


def _set_archived(request, provider_id: int, when) -> Provider:
    provider = _own(request, provider_id)
    with transaction.atomic():
        Provider.objects.filter(pk=provider.pk).update(archived_at=when)
        record(request.user, None, AuditEntry.Action.UPDATE,
               "provider archived" if when else "provider restored", provider)
    return provider


@login_required
@require_POST
def provider_archive(request, provider_id: int):
    provider = _set_archived(request, provider_id, timezone.now())
    messages.success(request, _("%(name)s is archived.") % {"name": provider.name})
    return redirect("providers:list")


@login_required
@require_POST
def provider_restore(request, provider_id: int):
    provider = _set_archived(request, provider_id, None)
    messages.success(request, _("%(name)s is restored.") % {"name": provider.name})
    return redirect("providers:list")


@login_required
@require_POST
def provider_delete(request, provider_id: int):
    provider = _own(request, provider_id)
    if request.POST.get("confirm") != "yes":
        return _nothing_deleted(request, provider)
    name = provider.name
    try:
        with transaction.atomic():
            record(request.user, None, AuditEntry.Action.DELETE, "provider", provider)
            provider.delete()  # requests addressed to it (PROTECT) stop this and roll it back
    except (ProtectedError, RestrictedError):
        return _nothing_deleted(request, provider)
    messages.success(request, _("%(name)s is deleted.") % {"name": name})
    return redirect("providers:list")


def _nothing_deleted(request, provider: Provider):
    messages.error(request, _("Nothing was deleted."))
    return redirect("providers:remove", provider.pk)
