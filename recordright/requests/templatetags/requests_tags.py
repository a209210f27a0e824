"""The patient page's requests section (patients/_sections.html includes it)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("requests/_patient_requests.html", takes_context=True)
def patient_requests(context, patient, link):
    requests = patient.records_requests.select_related("provider").order_by("-created_at")
    return {"patient": patient, "link": link, "requests": requests,
            "request": context.get("request")}


@register.filter
def us_date(value) -> str:
    """An engine date (ISO text) as MM/DD/YYYY."""
    from datetime import date

    if not value:
        return "—"
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return f"{day:%m/%d/%Y}"
