"""Mark stored assessments stale when what they were computed from changes.

Connected in ``apps.RequestsConfig.ready``.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from recordright.providers.models import Provider
from recordright.requests.models import NEVER_ASSESSED, RecordsRequest, RequestEvent
from recordright.requests.stored_assessments import mark_stale


@receiver(post_save, sender=RequestEvent)
@receiver(post_delete, sender=RequestEvent)
def _event_changed(sender, instance: RequestEvent, **kwargs) -> None:
    mark_stale(RecordsRequest.objects.filter(pk=instance.request_id))


@receiver(post_save, sender=RecordsRequest)
def _request_changed(sender, instance: RecordsRequest, **kwargs) -> None:
    mark_stale(RecordsRequest.objects.filter(pk=instance.pk))
    instance.assessed_on = NEVER_ASSESSED


@receiver(post_save, sender=Provider)
def _provider_changed(sender, instance: Provider, created: bool, **kwargs) -> None:
    if not created:
        mark_stale(RecordsRequest.objects.filter(provider=instance))
