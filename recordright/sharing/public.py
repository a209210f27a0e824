"""What a recipient of a share link sees: a plain page (nothing of the account), the files,
and the SMART Health Links manifest endpoint. Public URLs: the secret in the path is the
only key, and an unknown, expired or revoked one gets the same 404."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from recordright.sharing import ips, links, packet, shl
from recordright.sharing import render as paper
from recordright.sharing.forms import PasscodeForm
from recordright.sharing.models import ShareLink
from recordright.sharing.summary import build as build_summary

FILES = {
    "summary": ("emergency-summary.pdf", "ips.json"),
    "packet": ("records-packet.pdf", "ips.json"),
    "documents": ("records.zip",),
}
MAX_MANIFEST_BODY = 10_000


def _address(request) -> str | None:
    return request.META.get("REMOTE_ADDR")


def _unlocked(request, link: ShareLink) -> bool:
    return not link.has_passcode or request.session.get(f"shared-{link.pk}") == link.token_hash


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    # same-origin: the secret in the address never leaves in a Referer, and forms still post
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def open_link(request, token: str):
    link = links.find(token)
    if link is None:
        raise Http404
    form = PasscodeForm(request.POST or None)
    error = ""
    if not _unlocked(request, link):
        if request.method == "POST" and form.is_valid():
            try:
                links.check_passcode(link, form.cleaned_data["passcode"], _address(request))
            except links.Refused as refused:
                error = (_("Too many wrong passcodes. Try again later.")
                         if refused.reason == "locked" or not refused.remaining
                         else _("That passcode is not right."))
                return _private(render(request, "sharing/public_passcode.html", {
                    "form": PasscodeForm(), "error": error, "label": link.label},
                    status=429 if refused.reason == "locked" or not refused.remaining
                    else 403))
            request.session[f"shared-{link.pk}"] = link.token_hash
            return redirect("sharing:open", token=token)
        return _private(render(request, "sharing/public_passcode.html", {
            "form": form, "error": error, "label": link.label}))
    links.note(link, _address(request), "opened")
    summary = build_summary(link.patient) if link.what != ShareLink.What.DOCUMENTS else None
    documents = (packet.chosen_documents(link.patient, packet.Choice(
        document_ids=tuple(link.document_ids))) if link.what == ShareLink.What.DOCUMENTS
        else [])
    return _private(render(request, "sharing/public.html", {
        "share": link, "token": token, "summary": summary, "files": FILES[link.what],
        "documents": documents, "patient": link.patient}))


@never_cache
def shared_file(request, token: str, name: str):
    link = links.find(token)
    if link is None or name not in FILES[link.what] or not _unlocked(request, link):
        raise Http404
    links.note(link, _address(request), f"downloaded {name}")
    data, content_type = _file(link, name)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return _private(response)


def _file(link: ShareLink, name: str) -> tuple[bytes, str]:
    patient = link.patient
    if name == "ips.json":
        return json.dumps(ips.build(patient), indent=1).encode(), "application/fhir+json"
    if name == "emergency-summary.pdf":
        return paper.summary_pdf(build_summary(patient)), "application/pdf"
    if name == "records-packet.pdf":
        return packet.packet_pdf(patient)[0], "application/pdf"
    return (packet.originals_zip(patient, packet.Choice(document_ids=tuple(link.document_ids))),
            "application/zip")


@csrf_exempt  # called by SMART Health Links apps, not by a form; holds no session
@require_POST
def manifest(request, token: str):
    """SHL manifest: POST {"recipient", "passcode"?} → {"files": [{contentType, embedded}]}."""
    link = links.find(token)
    if link is None:
        return _private(JsonResponse({"error": "not found"}, status=404))
    try:
        if len(request.body) > MAX_MANIFEST_BODY:
            raise ValueError
        body = json.loads(request.body or b"{}")
        recipient = str(body["recipient"])[:200]
    except (ValueError, KeyError, TypeError):
        return _private(JsonResponse({"error": "Send JSON with a recipient."}, status=400))
    try:
        links.check_passcode(link, str(body.get("passcode") or ""), _address(request))
    except links.Refused as refused:
        if refused.reason == "locked":
            response = JsonResponse({"error": "too many attempts"}, status=429)
            response["Retry-After"] = str(refused.retry_after)
            return _private(response)
        return _private(JsonResponse({"remainingAttempts": refused.remaining}, status=401))
    links.note(link, _address(request), f"manifest for {recipient}"[:60])
    key = shl.key_for(token)
    files = [{"contentType": "application/fhir+json",
              "embedded": shl.encrypt(json.dumps(ips.build(link.patient)).encode(), key,
                                      "application/fhir+json")}]
    if link.what != ShareLink.What.SUMMARY:
        files.append({"contentType": "application/fhir+json", "embedded": shl.encrypt(
            json.dumps(_document_bundle(link)).encode(), key, "application/fhir+json")})
    return _private(JsonResponse({"files": files}))


def _document_bundle(link: ShareLink) -> dict:
    """The packet PDF or the chosen originals as FHIR DocumentReferences."""
    import base64

    name = "records-packet.pdf" if link.what == ShareLink.What.PACKET else "records.zip"
    data, content_type = _file(link, name)
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {
        "resourceType": "DocumentReference", "status": "current",
        "content": [{"attachment": {"contentType": content_type, "title": name,
                                    "data": base64.b64encode(data).decode("ascii")}}]}}]}
