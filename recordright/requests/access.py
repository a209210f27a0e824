"""Resolve a request for a user through the one patient-access helper (stranger -> 404)."""

from __future__ import annotations

from django.http import Http404

from recordright.patients.access import Need, get_access_for_user
from recordright.patients.models import PatientAccess
from recordright.requests.models import RecordsRequest


def get_request_for_user(user, request_id, need: Need = Need.VIEW
                         ) -> tuple[RecordsRequest, PatientAccess]:
    try:
        req = RecordsRequest.objects.select_related("provider", "patient").get(pk=int(request_id))
    except (RecordsRequest.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404 from exc
    link = get_access_for_user(user, req.patient_id, need)
    return req, link
