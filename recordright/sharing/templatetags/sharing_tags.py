"""The patient page's sharing section, and the summary's state for the patient list."""

from __future__ import annotations

from django import template
from django.db.models import Max
from django.utils import timezone

from recordright.sharing.models import ShareLink, SummaryReview

register = template.Library()


def summary_state(patient) -> tuple[object, bool]:
    """(when the summary was last reviewed or None, whether newer records arrived since)."""
    review = SummaryReview.objects.filter(patient=patient).first()
    if review is None:
        return None, False
    newest = patient.vault_documents.filter(status="ready").aggregate(
        newest=Max("created_at"))["newest"]
    return review.reviewed_at, bool(newest and newest > review.reviewed_at)


@register.inclusion_tag("sharing/_patient_sharing.html")
def patient_sharing(patient, link):
    reviewed_at, stale = summary_state(patient)
    active = ShareLink.objects.filter(patient=patient, revoked_at__isnull=True,
                                      expires_at__gt=timezone.now()).count()
    return {"patient": patient, "link": link, "reviewed_at": reviewed_at, "stale": stale,
            "active": active}


@register.inclusion_tag("sharing/_summary_state.html")
def summary_badge(patient):
    reviewed_at, stale = summary_state(patient)
    return {"reviewed_at": reviewed_at, "stale": stale}
