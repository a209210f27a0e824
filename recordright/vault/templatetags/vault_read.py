"""The request page's "records that arrived" section (requests/detail.html includes it)."""

from __future__ import annotations

from django import template

from recordright.vault import gaps

register = template.Library()


@register.inclusion_tag("vault/read/_request_records.html")
def request_arrivals(req, link):
    return {"req": req, "link": link, "arrived": gaps.check(req)}


@register.simple_tag
def unchecked_records(links) -> set[int]:
    """The ids of the listed patients with records that arrived and nobody has checked yet
    (one query, as the dashboard's "check the records" item counts them)."""
    from django.db.models import F, Q

    from recordright.requests.choices import EventType
    from recordright.requests.models import RequestEvent

    ids = [link.patient_id for link in links]
    return set(RequestEvent.objects.filter(
        type=EventType.RECORDS_PROVIDED, request__patient_id__in=ids).filter(
        Q(request__records_checked_on__isnull=True) | Q(request__records_checked_on__lt=F("on")))
        .values_list("request__patient_id", flat=True).distinct())


@register.filter
def flag_word(flag: str) -> str:
    """"H" -> "high", "L" -> "low"; "N" (normal) and no flag -> "" (nothing to point out)."""
    from recordright.vault.charts import FLAG_WORDS, NOT_FLAGS

    code = (flag or "").strip().upper()
    return "" if code in NOT_FLAGS else FLAG_WORDS.get(code, code.lower())
