"""Importing files from the command line: paths in, one outcome per path out, in order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.utils import timezone

from recordright.patients.models import Patient
from recordright.requests.models import RecordsRequest
from recordright.vault import arrivals, gaps, sandbox
from recordright.vault.choices import Arrival
from recordright.vault.intake import recovery
from recordright.vault.intake.pipeline import Intake, Outcome, import_file


def resolve(patient_id: int, request_id: int | None
            ) -> tuple[Patient | None, RecordsRequest | None, str]:
    patient = Patient.objects.filter(pk=patient_id).first()
    if patient is None:
        return None, None, f"There is no patient with the id {patient_id}."
    request = None
    if request_id is not None:
        request = RecordsRequest.objects.filter(pk=request_id, patient=patient).first()
        if request is None:
            return None, None, f"Patient {patient_id} has no request with the id {request_id}."
    return patient, request, ""


def import_paths(patient: Patient, paths: list[str], *, request: RecordsRequest | None = None,
                 progress=None, user=None) -> Iterator[Outcome]:
    sandbox.wipe_scratch()
    recovery.recover()
    intake = Intake(patient=patient, arrival=Arrival.CLI, user=user, request=request,
                    provider=request.provider if request else None,
                    received_on=timezone.localdate())
    if progress is not None:
        intake.progress = progress.step
    imported = 0
    for number, name in enumerate(paths, start=1):
        if progress is not None:
            progress.file(number, name)
        path = Path(name)
        if not path.is_file():
            yield Outcome(source=name, status="failed",
                          error="No such file." if not path.exists() else "This is not a file.")
            continue
        outcome = import_file(intake, name, lambda path=path: path.open("rb"),
                              reopen=lambda path=path: path.open("rb"))
        imported += outcome.status == "imported"
        yield outcome
    if request is not None and imported:
        arrivals.record_arrival(request, user, imported)
        gaps.apply(request)
