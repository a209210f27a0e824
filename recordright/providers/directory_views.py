"""Find a provider: search the directory as you type, use a result, import a list.

Directory data is public (CMS NPPES) and providers belong to the user: these pages turn
one into the other, so they live with the providers and the directory stays below them.
The closed-practice guide's pages, which show patient data, are in
``recordright.closed_practices``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from recordright.directory.models import NpiRecord
from recordright.directory.search import search_providers
from recordright.patients.access import Need, patients_for_user
from recordright.providers.csv_import import import_provider_csv
from recordright.providers.directory_forms import ProviderCsvForm, SearchForm
from recordright.providers.from_directory import (
    provider_from_record,
    refresh_provider_from_directory,
)
from recordright.providers.models import Provider
from recordright.web.once import claimed, once_only


def _safe_next(request, url: str | None) -> str | None:
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return None


@login_required
def search_page(request):
    form = SearchForm(request.GET or None)
    results, searched, filtered = [], False, False
    if form.is_valid() and (form.cleaned_data["q"] or "").strip():
        data = form.cleaned_data
        status = {"active": True, "deactivated": False}.get(data["status"])
        results = search_providers(data["q"], state=data["state"] or None,
                                   city=data["city"] or None, zip_prefix=data["zip"] or None,
                                   entity=data["entity"] or None, active=status)
        searched = True
        filtered = any(data[name] for name in ("state", "city", "zip", "entity", "status"))
    holder_for = _own_provider(request, request.GET.get("holder_for"))
    added = _own_provider(request, request.GET.get("added"))
    context = {"form": form, "results": results, "searched": searched, "filtered": filtered,
               "next": _safe_next(request, request.GET.get("next")) or "",
               "holder_for": holder_for, "empty": not NpiRecord.objects.exists(),
               "added": added, "ask_for": _patients_to_ask_for(request.user, added),
               "query": _search_query(request.GET)}
    template = ("providers/_directory_results.html" if request.headers.get("HX-Request")
                else "providers/directory_search.html")
    return render(request, template, context)


def _own_provider(request, provider_id) -> Provider | None:
    if not provider_id:
        return None
    try:
        return Provider.objects.filter(owner=request.user, pk=int(provider_id)).first()
    except (TypeError, ValueError):
        return None


# The search's own fields, kept across "Use this provider" so the results stay on screen.
SEARCH_FIELDS = ("q", "state", "city", "zip", "entity", "status")
ASK_FOR_AT_MOST = 12


def _search_query(data) -> str:
    return urlencode([(name, data[name]) for name in SEARCH_FIELDS if data.get(name)])


def _patients_to_ask_for(user, provider: Provider | None) -> list:
    """The next step after choosing a provider: the patients whose records the user may ask
    it for, the provider's own patients first."""
    if provider is None:
        return []
    editable = patients_for_user(user, Need.EDIT)
    linked = list(editable.filter(pk__in=provider.patients.values("pk")).order_by("full_name"))
    others = list(editable.exclude(pk__in=[p.pk for p in linked])
                  .order_by("full_name")[:ASK_FOR_AT_MOST])
    return (linked + others)[:ASK_FOR_AT_MOST]


@login_required
@require_POST
@once_only
def use_provider(request):
    npi = request.POST.get("npi", "")
    directory_record = NpiRecord.objects.filter(npi=int(npi)).first() if npi.isdigit() else None
    if directory_record is None:
        raise Http404
    member = _own_provider(request, request.POST.get("holder_for"))
    with claimed(request) as claim:  # a second click makes no second provider
        provider = provider_from_record(directory_record, request.user)
        claim.leads_to(reverse("providers:list"))
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
    if member is not None:
        return redirect("directory:search")
    # Offer the next step (ask this provider for records), the search still on screen.
    query = QueryDict(request.POST.get("query", ""))
    kept = _search_query(query)
    return redirect(f"{reverse('directory:search')}?{kept}{'&' if kept else ''}"
                    f"added={provider.pk}#next-step")


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
@once_only
def import_csv(request):
    form = ProviderCsvForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        with claimed(request) as claim:
            result = import_provider_csv(form.cleaned_data["file"], request.user)
            if result.ok:
                claim.leads_to(reverse("directory:import"))
            else:  # nothing imported: the token stays free for the corrected file
                transaction.set_rollback(True)
        if result.ok:
            messages.success(request, _("%(count)d providers are imported.")
                             % {"count": len(result.created)})
            return redirect("directory:import")
        errors = result.errors
    return render(request, "providers/csv_import.html", {"form": form, "errors": errors})
