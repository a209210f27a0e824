"""A request's letters: preview, download (audited) and send (email, fax gateway, mail)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.dates import us_date
from recordright.letters.citing import cite
from recordright.letters.present import title_of
from recordright.letters.registry import initial_kind
from recordright.letters.render import render_html
from recordright.letters.signatures import signature_for
from recordright.patients.access import Need
from recordright.requests import letters, sending
from recordright.requests.access import get_request_for_user
from recordright.requests.send_forms import MYSELF, SendForm
from recordright.requests.stored_assessments import refresh
from recordright.web.csp import csp_nonce
from recordright.web.once import claimed, once_only


def _setup(request, request_id: int, kind_slug: str, need: Need = Need.VIEW):
    req, link = get_request_for_user(request.user, request_id, need)
    today = timezone.localdate()
    events = list(req.events.all())
    result = refresh(req, today, events)
    if kind_slug == "first":
        kind = initial_kind(req.right)
    elif kind_slug == "follow-up":
        kind = letters.kind_for_action("send_reminder", result)
    else:
        kind = kind_slug
    info = letters.kind_info(kind)
    if info is None or req.right not in info.applies_to:
        raise Http404
    name, png = signature_for(request.user)
    signer = name if letters.representative_for(link) else ""
    id_copy = letters.id_copy_attachment(link, kind)  # read once: it goes with the PDF too
    context = letters.build_context(
        req, events, link, result, kind, today, signer_name=signer, signature_png=png,
        id_copy_attached=bool(id_copy))
    return req, link, kind, info, context, id_copy


def _signer_form(request, req, kind: str):
    """Ask the signer for their full name and postal address, then come back to the letter."""
    back = reverse("requests:letter", args=[req.pk, kind])
    return redirect(f"{reverse('accounts:signer')}?{urlencode({'next': back})}")


def _page(request, req, link, kind, info, context, form, status=200):
    missing = info.missing(context)
    return render(request, "requests/letter.html", {
        "req": req, "patient": req.patient, "link": link, "kind": kind, "info": info,
        "title": title_of(context, info),
        "missing": missing,
        "preview": "" if missing else render_html(context, style_nonce=csp_nonce(request)),
        "form": form, "no_address": not req.provider.has_address,
        "office_forms": (letters.office_forms_for(req, context, filled=False)
                         if not missing else []),
        "may_add_office_form": req.provider.owner_id == request.user.pk
        and kind == initial_kind(req.right), "request_citation": cite("access.request"),
        "id_copy_attached": context.id_copy_attached,
        "signs": letters.signs_letters(link), "signer_url": "{}?{}".format(
            reverse("accounts:signer"),
            urlencode({"next": reverse("requests:letter", args=[req.pk, kind])})),
        "attaches_authority": bool(link.authority_document
                                   and letters.representative_for(link)),
        "authority_problem": (letters.authority_problem(link)
                              if letters.representative_for(link) else None)},
        status=status)


@login_required
def letter_page(request, request_id: int, kind: str):
    req, link, kind, info, context, _id_copy = _setup(request, request_id, kind)
    if letters.needs_signer_details(link):
        return _signer_form(request, req, kind)
    record(request.user, req.patient, AuditEntry.Action.VIEW, f"letter {kind}", req)
    return _page(request, req, link, kind, info, context, SendForm(initial=_initial(req)))


def _initial(req) -> dict:
    """Preselect the way most likely to work: from this site if it can, else by mail."""
    provider = req.provider
    initial = {"to_address": provider.email, "fax_number": provider.fax,
               "mailed_on": timezone.localdate(), "certified": True,
               "how": "mail" if provider.has_address else None}
    if sending.can_email() and provider.email:
        initial["how"] = "email"
    elif sending.can_fax() and provider.fax:
        initial["how"] = "fax"
    return initial


@login_required
def letter_pdf(request, request_id: int, kind: str):
    req, link, kind, info, context, id_copy = _setup(request, request_id, kind)
    if letters.needs_signer_details(link):
        return _signer_form(request, req, kind)
    if info.missing(context):
        return redirect("requests:letter", req.pk, kind)
    pdf = letters.render_pdf(context, letters.attachments_for(link, id_copy),
                             letters.office_forms_for(req, context))
    record(request.user, req.patient, AuditEntry.Action.DOWNLOAD, f"letter {kind}", req)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{sending.letter_filename(req, kind)}"'
    return response


@login_required
@require_POST
@once_only
def letter_send(request, request_id: int, kind: str):
    req, link, kind, info, context, id_copy = _setup(request, request_id, kind, Need.EDIT)
    if letters.needs_signer_details(link):
        return _signer_form(request, req, kind)
    form = SendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was sent. Please correct the marked fields."))
        return _page(request, req, link, kind, info, context, form, status=400)
    if info.missing(context):
        messages.error(request, _("This letter cannot go out yet: it needs the facts listed."))
        return redirect("requests:letter", req.pk, kind)
    data = form.cleaned_data
    try:
        with claimed(request) as claim:
            done = _send_or_record(req, kind, info, context, link, id_copy,
                                   request.user, data)
            claim.leads_to(req.get_absolute_url())
    except sending.NoAddressError as error:
        messages.error(request, str(error))
        return redirect("requests:letter", req.pk, kind)
    except sending.SendFailed as error:  # nothing was recorded: no event, no clock
        messages.error(request, _("The letter was not sent. %(reason)s Nothing was recorded; "
                                  "try again, or send it yourself and record how.") % {
            "reason": error})
        return _page(request, req, link, kind, info, context, form)
    record(request.user, req.patient, AuditEntry.Action.SEND, f"letter {kind}", req)
    messages.success(request, done)
    return redirect(req.get_absolute_url())


def _send_or_record(req, kind, info, context, link, id_copy, user, data) -> str:
    """Send from this site, or record how the user sent it; the message to show."""
    how = data["how"]
    if how in sending.MYSELF_CHANNELS:
        sending.record_sent_myself(req, kind, user, how=how, on=data["mailed_on"],
                                   certified=data["certified"],
                                   tracking_number=data["tracking_number"],
                                   delivered_on=data["delivered_on"])
        how_label = dict(MYSELF)[how]
        return _("Recorded: “%(how)s”, on %(day)s.") % {"how": how_label,
                                                        "day": us_date(data["mailed_on"])}
    pdf = letters.render_pdf(context, letters.attachments_for(link, id_copy),
                             letters.office_forms_for(req, context))
    if how == "fax":
        sending.send_by_fax(req, kind, str(info.title), pdf, data["fax_number"], user)
        return _("Sent to the fax service for %(number)s. Record the fax confirmation when "
                 "it comes.") % {"number": data["fax_number"]}
    sending.send_by_email(req, kind, str(info.title), pdf, data["to_address"], user)
    return _("Emailed to %(to)s: the mail server accepted it. The sent message is kept on the "
             "timeline.") % {"to": data["to_address"]}
