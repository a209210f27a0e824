"""Providers are owned by the user who entered them; others get 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from recordright.providers.forms import ProviderForm
from recordright.providers.models import Provider
from recordright.web.once import claimed, once_only


def _next_url(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@login_required
def provider_list(request):
    archived = request.GET.get("archived") == "1"
    mine = Provider.objects.filter(owner=request.user)
    providers = mine.filter(archived_at__isnull=not archived).order_by("name")
    return render(request, "providers/list.html", {
        "providers": providers, "archived": archived,
        "archived_count": 0 if archived else mine.filter(archived_at__isnull=False).count()})


@login_required
@once_only
def provider_add(request):
    # From the request form: the patient is ticked already (the form offers editable ones only).
    patient = request.GET.get("patient", "")
    initial = {"patients": [patient]} if patient.isdigit() else {}
    form = ProviderForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        with claimed(request) as claim:
            provider = form.save(commit=False)
            provider.owner = request.user
            provider.save()
            form.save_m2m()
            back = _next_url(request, "")
            # Back where the user came from (the request form), with this provider chosen.
            target = (f"{back}{'&' if '?' in back else '?'}provider={provider.pk}" if back
                      else reverse("providers:list"))
            claim.leads_to(target)
        messages.success(request, _("%(name)s is added.") % {"name": provider.name})
        return redirect(target)
    return render(request, "providers/form.html", {"form": form, "next": _next_url(request, "")})


@login_required
def provider_edit(request, provider_id: int):
    provider = get_object_or_404(Provider, pk=provider_id, owner=request.user)
    form = ProviderForm(request.POST or None, instance=provider, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect(_next_url(request, "providers:list"))
    return render(request, "providers/form.html",
                  {"form": form, "provider": provider, "next": _next_url(request, "")})
