"""The patient page's requests section (patients/_sections.html includes it)."""

from __future__ import annotations

from datetime import date

from django import template

from recordright.dates import us_date
from recordright.requests.choices import status_label

register = template.Library()


@register.inclusion_tag("requests/_patient_requests.html", takes_context=True)
def patient_requests(context, patient, link):
    request = context.get("request")
    archived = request is not None and request.GET.get("archived_requests") == "1"
    everything = patient.records_requests.select_related("provider").order_by("-created_at")
    requests = everything.filter(archived_at__isnull=not archived)
    return {"patient": patient, "link": link, "requests": requests, "request": request,
            "archived": archived,
            "archived_count": 0 if archived else everything.filter(
                archived_at__isnull=False).count()}


@register.filter(name="us_date")
def us_date_filter(value) -> str:
    """A date, or an engine date (ISO text), as MM/DD/YYYY; a dash for none."""
    if not value:
        return "—"
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return us_date(day, "numeric")


@register.filter(name="status_label")
def status_label_filter(value) -> str:
    """A request status ("fulfilled_late") in words ("Records provided late")."""
    return status_label(str(value))
