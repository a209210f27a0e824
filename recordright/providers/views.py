"""Providers are owned by the user who entered them; others get 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from recordright.providers.forms import ProviderForm
from recordright.providers.models import Provider


def _next_url(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@login_required
def provider_list(request):
    providers = Provider.objects.filter(owner=request.user).order_by("name")
    return render(request, "providers/list.html", {"providers": providers})


@login_required
def provider_add(request):
    # From the request form: the patient is ticked already (the form offers editable ones only).
    patient = request.GET.get("patient", "")
    initial = {"patients": [patient]} if patient.isdigit() else {}
    form = ProviderForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        provider = form.save(commit=False)
        provider.owner = request.user
        provider.save()
        form.save_m2m()
        messages.success(request, _("%(name)s is added.") % {"name": provider.name})
        target = _next_url(request, "")
        if not target:
            return redirect("providers:list")
        # Back where the user came from (the request form), with this provider chosen.
        joiner = "&" if "?" in target else "?"
        return redirect(f"{target}{joiner}provider={provider.pk}")
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
