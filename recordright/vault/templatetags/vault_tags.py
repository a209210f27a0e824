"""The patient page's vault section (patients/_sections.html includes it)."""

from __future__ import annotations

from django import template

from recordright.vault.choices import Status

register = template.Library()


@register.inclusion_tag("vault/_patient_vault.html")
def patient_vault(patient, link):
    documents = patient.vault_documents.filter(parent__isnull=True)
    return {"patient": patient, "link": link, "count": documents.count(),
            "processing": documents.filter(status=Status.PROCESSING).count()}
