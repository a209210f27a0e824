"""Letter pages: the kinds explained, synthetic samples, and the user's signature.

Nothing here shows patient data: samples use ``samples.sample_context`` only, and a
signature belongs to the logged-in user, so there is nothing to audit per patient.
Letters for real requests are rendered by the requests app through ``render``.
"""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from recordright.letters import guidance
from recordright.letters.forms import SignatureForm
from recordright.letters.models import Signature
from recordright.letters.registry import UnknownKind, all_kinds, get_kind
from recordright.letters.render import render_html, render_pdf
from recordright.letters.samples import REPRESENTATIVES, sample_context
from recordright.letters.signatures import (
    max_signature_bytes,
    read_drawing,
    save_signature,
    signature_for,
)
from recordright.web.csp import HEADER as CSP_HEADER


@login_required
def kind_list(request):
    kinds = [{"kind": kind, "citations": kind.citation_strings()} for kind in all_kinds()]
    return render(request, "letters/index.html", {
        "kinds": kinds, "third_party_note": guidance.THIRD_PARTY_NOTE,
        "representatives": REPRESENTATIVES})


def _sample(request, kind_id: str):
    try:
        kind = get_kind(kind_id)
    except UnknownKind as exc:
        raise Http404 from exc
    basis = request.GET.get("as", "")
    if basis and basis not in REPRESENTATIVES:
        raise Http404
    name, png = signature_for(request.user) if request.GET.get("signature") else ("", None)
    context = sample_context(kind.id, representative=basis or None, signature_png=png)
    if name:
        context = replace(context, signer_name=name)
    return kind, context


@login_required
def sample_pdf(request, kind_id: str):
    kind, context = _sample(request, kind_id)
    response = HttpResponse(render_pdf(context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sample-{kind.id}.pdf"'
    return response


@login_required
def sample_html(request, kind_id: str):
    _kind, context = _sample(request, kind_id)
    response = HttpResponse(render_html(context))
    # A letter on its own: no scripts at all, its own stylesheet inline.
    response[CSP_HEADER] = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                            "frame-ancestors 'none'")
    return response


@login_required
def signature(request):
    current = Signature.objects.filter(user=request.user).first()
    initial = {"typed_name": current.typed_name if current else request.user.display_name}
    form = SignatureForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        save_signature(request.user, typed_name=form.cleaned_data["typed_name"],
                       drawing=form.drawing(),
                       remove_drawing=form.cleaned_data["remove_drawing"],
                       id_copy=form.cleaned_data["id_copy"],
                       remove_id_copy=form.cleaned_data["remove_id_copy"])
        messages.success(request, _("Your signature is saved."))
        return redirect("letters:signature")
    return render(request, "letters/signature.html", {
        "form": form, "current": current, "has_drawing": bool(current and current.drawing),
        "has_id_copy": bool(current and current.id_copy),
        "max_kb": max_signature_bytes() // 1024})


@login_required
def signature_drawing(request):
    current = Signature.objects.filter(user=request.user).first()
    png = read_drawing(current) if current else None
    if png is None:
        raise Http404
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "no-store, private"
    return response
