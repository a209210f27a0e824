"""A request's letters: preview, download (audited) and send (email, fax gateway, mail)."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.letters.citing import cite
from recordright.letters.present import title_of
from recordright.letters.registry import initial_kind
from recordright.letters.render import render_html
from recordright.letters.signatures import signature_for
from recordright.patients.access import Need
from recordright.patients.forms import DATE_WIDGET
from recordright.requests import letters, sending
from recordright.requests.access import get_request_for_user
from recordright.requests.stored_assessments import refresh
from recordright.web.csp import csp_nonce
from recordright.web.once import claimed, once_only


class SendForm(forms.Form):
    how = forms.ChoiceField(choices=[("email", _lazy("Email")), ("fax", _lazy("Fax (through a "
                            "fax gateway's email address)")), ("mail", _lazy("Mail"))],
                            widget=forms.RadioSelect, label=_lazy("How did or will it go?"))
    to_address = forms.EmailField(required=False, label=_lazy("Send to this email address"))
    mailed_on = forms.DateField(required=False, widget=DATE_WIDGET,
                                label=_lazy("Date you mailed it"))
    certified = forms.BooleanField(required=False, label=_lazy("Sent by certified mail"))
    tracking_number = forms.CharField(required=False, max_length=60,
                                      label=_lazy("Certified-mail number"))
    delivered_on = forms.DateField(required=False, widget=DATE_WIDGET,
                                   label=_lazy("Delivery date (from the tracking page), if known"))

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        if cleaned.get("how") in ("email", "fax") and not cleaned.get("to_address"):
            self.add_error("to_address", _("Enter the email address to send to."))
        if cleaned.get("how") == "mail":
            mailed, delivered = cleaned.get("mailed_on"), cleaned.get("delivered_on")
            if not mailed:
                self.add_error("mailed_on", _("Enter the date you mailed it."))
            elif mailed > today:
                self.add_error("mailed_on", _("This date is in the future. Record it once "
                                              "the letter is in the mail."))
            if delivered and delivered > today:
                self.add_error("delivered_on", _("This date is in the future."))
            elif delivered and mailed and delivered < mailed:
                self.add_error("delivered_on", _("The delivery date is before the date you "
                                                 "mailed it."))
        return cleaned


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
    context = letters.build_context(
        req, events, link, result, kind, today, signer_name=signer, signature_png=png,
        id_copy_attached=bool(letters.id_copy_attachment(link, kind)))
    return req, link, kind, info, context


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
        "office_forms": letters.office_forms_for(req, context) if not missing else [],
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
    req, link, kind, info, context = _setup(request, request_id, kind)
    if letters.needs_signer_details(link):
        return _signer_form(request, req, kind)
    record(request.user, req.patient, AuditEntry.Action.VIEW, f"letter {kind}", req)
    initial = {"how": "email" if req.provider.email else "mail", "to_address": req.provider.email,
               "mailed_on": timezone.localdate(), "certified": True}
    if req.provider.fax and not req.provider.email:
        gateway = sending.fax_gateway_address(req.provider.fax)
        initial.update(how="fax" if gateway else "mail", to_address=gateway)
    return _page(request, req, link, kind, info, context, SendForm(initial=initial))


@login_required
def letter_pdf(request, request_id: int, kind: str):
    req, link, kind, info, context = _setup(request, request_id, kind)
    if letters.needs_signer_details(link):
        return _signer_form(request, req, kind)
    if info.missing(context):
        return redirect("requests:letter", req.pk, kind)
    pdf = letters.render_pdf(context, letters.attachments_for(link, kind),
                             letters.office_forms_for(req, context))
    record(request.user, req.patient, AuditEntry.Action.DOWNLOAD, f"letter {kind}", req)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{sending.letter_filename(req, kind)}"'
    return response


@login_required
@require_POST
@once_only
def letter_send(request, request_id: int, kind: str):
    req, link, kind, info, context = _setup(request, request_id, kind, Need.EDIT)
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
            done = _send_or_record(req, link, kind, info, context, data, request.user)
            claim.leads_to(req.get_absolute_url())
    except sending.NoAddressError as error:
        messages.error(request, str(error))
        return redirect("requests:letter", req.pk, kind)
    except OSError as error:  # SMTP refused or unreachable: nothing recorded
        messages.error(request, _("The email could not be sent (%(error)s). Nothing was "
                                  "recorded; try again or send it another way.") % {
            "error": error.__class__.__name__})
        return redirect("requests:letter", req.pk, kind)
    record(request.user, req.patient, AuditEntry.Action.SEND, f"letter {kind}", req)
    messages.success(request, done)
    return redirect(req.get_absolute_url())


def _send_or_record(req, link, kind, info, context, data, user) -> str:
    """Send the letter, or record that it was mailed; what to tell the user."""
    if data["how"] == "mail":
        sending.record_mailed(req, kind, user, on=data["mailed_on"],
                              certified=data["certified"],
                              tracking_number=data["tracking_number"],
                              delivered_on=data["delivered_on"])
        return _("Recorded as mailed.")
    pdf = letters.render_pdf(context, letters.attachments_for(link, kind),
                             letters.office_forms_for(req, context))
    sending.send_by_email(req, kind, str(info.title), pdf, data["to_address"], user,
                          fax=data["how"] == "fax")
    return _("Sent to %(to)s. The sent message is kept on the timeline.") % {
        "to": data["to_address"]}
