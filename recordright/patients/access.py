"""The one place that decides who may see or change a patient.

Every view that touches patient data resolves the patient through
``get_access_for_user`` (the link says what the user may do); a user without access
gets a 404, never a hint that the patient exists. Lists use ``patients_for_user``.
"""

from __future__ import annotations

from enum import Enum

from django.db.models import QuerySet
from django.http import Http404

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.patients.models import Patient, PatientAccess, Role


class Need(Enum):
    VIEW = "view"
    EDIT = "edit"
    MANAGE = "manage"


_ROLES_FOR = {
    Need.VIEW: (Role.OWNER, Role.EDITOR, Role.VIEWER),
    Need.EDIT: (Role.OWNER, Role.EDITOR),
    Need.MANAGE: (Role.OWNER,),
}


def patients_for_user(user, need: Need = Need.VIEW, *, archived: bool = False
                      ) -> QuerySet[Patient]:
    """The user's patients for lists, the dashboard and reminders: archived ones only when
    asked for (``get_access_for_user`` still opens an archived patient, to restore it)."""
    if not getattr(user, "is_authenticated", False):
        return Patient.objects.none()
    return Patient.objects.filter(access__user=user, access__role__in=_ROLES_FOR[need],
                                  archived_at__isnull=not archived).distinct()


def get_access_for_user(user, patient_id, need: Need = Need.VIEW) -> PatientAccess:
    """The user's access link to the patient, or 404 if they lack the role needed.

    Every refusal is written to the audit log (45 CFR 164.312(b)); the patient's people see
    it in the access log when the patient exists.
    """
    if not getattr(user, "is_authenticated", False):
        _refused(user, patient_id, need)
        raise Http404
    try:
        patient_pk = int(patient_id)
    except (TypeError, ValueError) as exc:
        _refused(user, patient_id, need)
        raise Http404 from exc
    link = (PatientAccess.objects.select_related("patient")
            .filter(user=user, patient_id=patient_pk, role__in=_ROLES_FOR[need]).first())
    if link is None:
        _refused(user, patient_pk, need)
        raise Http404
    return link


def _refused(user, patient_id, need: Need) -> None:
    patient_pk = patient_id if isinstance(patient_id, int) else None
    known = patient_pk is not None and Patient.objects.filter(pk=patient_pk).exists()
    record(user, None, AuditEntry.Action.REFUSED, f"patient ({need.value})",
           object_id=str(patient_id)[:64], patient_id=patient_pk if known else None)

