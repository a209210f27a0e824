"""The sharing pages' forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from recordright.sharing.models import Section, ShareLink
from recordright.vault.choices import Kind
from recordright.web.once import OnceFormMixin


class AddItemForm(OnceFormMixin, forms.Form):
    section = forms.ChoiceField(label=_("Section"), choices=Section.choices)
    title = forms.CharField(label=_("What"), max_length=300)
    detail = forms.CharField(label=_("Detail (dose, reaction, phone number...)"), max_length=300,
                             required=False)
    date = forms.DateField(label=_("Date (if you know it)"), required=False,
                           widget=forms.DateInput(attrs={"type": "date"}))


class CorrectItemForm(forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("What it should say"), max_length=300)
    detail = forms.CharField(label=_("Detail"), max_length=300, required=False)


class ShareForm(OnceFormMixin, forms.Form):
    what = forms.ChoiceField(label=_("What to share"), choices=ShareLink.What.choices,
                             initial=ShareLink.What.SUMMARY)
    days = forms.IntegerField(label=_("Days the link works"), min_value=1, max_value=365,
                              initial=7)
    passcode = forms.CharField(label=_("Passcode (optional; tell it to the person separately)"),
                               max_length=100, required=False,
                               widget=forms.PasswordInput(render_value=False))
    label = forms.CharField(label=_("A name for the link (the recipient sees it)"),
                            max_length=80, required=False)
    documents = forms.TypedMultipleChoiceField(label=_("Documents"), coerce=int, required=False,
                                               widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [(d.pk, d.title or d.original_name) for d in documents]

    def clean(self):
        data = super().clean()
        if data.get("what") == ShareLink.What.DOCUMENTS and not data.get("documents"):
            self.add_error("documents", _("Choose at least one document to share."))
        return data


class PacketForm(forms.Form):
    format = forms.ChoiceField(label=_("Make"), choices=[
        ("pdf", _("One PDF: cover, index, summary, then the documents")),
        ("zip", _("A ZIP of the original files with a list of them"))], initial="pdf",
        required=False)
    providers = forms.TypedMultipleChoiceField(label=_("From these providers"), coerce=int,
                                               required=False,
                                               widget=forms.CheckboxSelectMultiple)
    kinds = forms.MultipleChoiceField(label=_("Kinds of file"), choices=Kind.choices,
                                      required=False, widget=forms.CheckboxSelectMultiple)
    date_from = forms.DateField(label=_("Dated from"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Dated until"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["providers"].choices = [(p.pk, p.name) for p in providers]


class PasscodeForm(forms.Form):
    passcode = forms.CharField(label=_("Passcode"), max_length=100,
                               widget=forms.PasswordInput(attrs={"autocomplete": "off"}))
