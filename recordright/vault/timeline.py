"""A patient's entries as one timeline, newest first, filtered by category, provider and
dates of service. The queries use the (patient, date) and (patient, category, date)
indexes, and a page holds ``PER_PAGE`` entries, so thousands of entries stay fast."""

from __future__ import annotations

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from recordright.vault.choices import Category
from recordright.vault.models import Entry

PER_PAGE = 50


class TimelineFilter(forms.Form):
    category = forms.ChoiceField(label=_("What"), required=False,
                                 choices=[("", _("Everything")), *Category.choices])
    provider = forms.ChoiceField(label=_("Provider"), required=False)
    date_from = forms.DateField(label=_("From date"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To date"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, patient_id: int, with_category: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        names = (Entry.objects.filter(patient_id=patient_id).exclude(provider="")
                 .values_list("provider", flat=True).distinct().order_by("provider")[:200])
        self.fields["provider"].choices = [("", _("Any provider")),
                                           *((name, name) for name in names)]
        if not with_category:
            del self.fields["category"]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


def entries(patient_id: int, *, category: str = "", provider: str = "", date_from=None,
            date_to=None) -> QuerySet[Entry]:
    rows = Entry.objects.filter(patient_id=patient_id)
    if category:
        rows = rows.filter(category=category)
    if provider:
        rows = rows.filter(provider=provider)
    if date_from:
        rows = rows.filter(date__gte=date_from)
    if date_to:
        rows = rows.filter(date__lte=date_to)
    return (rows.select_related("document")
            .only("id", "category", "title", "date", "end_date", "status", "value_text",
                  "unit", "reference_range", "abnormal_flag", "provider", "document_id",
                  "document__original_name", "document__kind")
            .order_by("-date", "-id"))


def page_of(patient_id: int, form: TimelineFilter, number, category: str = "") -> Page:
    data = form.cleaned_data if form.is_valid() else {}
    rows = entries(patient_id, category=category or data.get("category", ""),
                   provider=data.get("provider", ""), date_from=data.get("date_from"),
                   date_to=data.get("date_to"))
    return Paginator(rows, PER_PAGE).get_page(number)


def category_counts(patient_id: int) -> list[tuple[str, str, int]]:
    """(category, label, entries) for every category the patient has entries in."""
    from django.db.models import Count

    counts = dict(Entry.objects.filter(patient_id=patient_id).values("category")
                  .annotate(n=Count("id")).values_list("category", "n"))
    return [(value, str(label), counts[value]) for value, label in Category.choices
            if counts.get(value)]
