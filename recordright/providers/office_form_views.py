"""The office's own request form: upload it once on the provider's page, and every request to
that office (for any of the user's patients) sends it filled in after the letter.

Providers belong to the user who entered them; anyone else gets 404, as on the provider page.
A form is checked before it is stored (a PDF that opens, no password, not too large) and is
stored encrypted by the file store.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from recordright.filenames import fit
from recordright.letters.form_filling import FormError, check_form
from recordright.patients.forms import DocumentField
from recordright.providers.models import OfficeForm, Provider


class OfficeFormUpload(forms.Form):
    document = DocumentField(label=_lazy("The office's form, as a PDF"),
                             widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}))

    def clean_document(self):
        upload = self.cleaned_data["document"]
        data = upload.read()
        try:
            self.info = check_form(data)
        except FormError as error:
            raise forms.ValidationError(str(error)) from error
        self.data_bytes = data
        return upload


def _provider(request, provider_id: int) -> Provider:
    return get_object_or_404(Provider, pk=provider_id, owner=request.user)


@login_required
def office_forms(request, provider_id: int):
    provider = _provider(request, provider_id)
    form = OfficeFormUpload(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        name = fit(upload.name or "", 200, default="office-form.pdf")
        office_form = OfficeForm(provider=provider, name=name, pages=form.info.pages,
                                 field_count=len(form.info.fields), uploaded_by=request.user)
        office_form.document.save("office-form.pdf", ContentFile(form.data_bytes), save=False)
        office_form.save()
        if office_form.fillable:
            done = _("The form is kept with %(name)s. Each request to them will include it, "
                     "filled in from the request.") % {"name": provider.name}
        else:
            done = _("The form is kept with %(name)s. It has no fields to fill in, so it will be "
                     "attached as it is, with a note that the letter is a valid written "
                     "request.") % {"name": provider.name}
        messages.success(request, done)
        return redirect("providers:office-forms", provider.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "providers/office_forms.html",
                  {"provider": provider, "form": form,
                   "office_forms": provider.office_forms.all()}, status=status)


@login_required
def office_form_file(request, provider_id: int, form_id: int):
    provider = _provider(request, provider_id)
    office_form = get_object_or_404(OfficeForm, pk=form_id, provider=provider)
    return FileResponse(office_form.document.open("rb"), as_attachment=True,
                        filename=office_form.name, content_type="application/pdf")


@login_required
@require_POST
def office_form_remove(request, provider_id: int, form_id: int):
    provider = _provider(request, provider_id)
    office_form = get_object_or_404(OfficeForm, pk=form_id, provider=provider)
    office_form.delete()  # the file store removes the file once this commits
    messages.success(request, _("%(file)s is removed. Letters to %(name)s no longer include "
                                "it.") % {"file": office_form.name, "name": provider.name})
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("providers:office-forms", provider.pk)
