"""Files uploaded on the web: stored and registered at once, read by the worker."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from recordright.vault import arrivals, gaps
from recordright.vault.choices import Arrival
from recordright.vault.intake.pipeline import Intake, Outcome, receive
from recordright.vault.tasks import read_uploaded_document


@dataclass
class Received:
    name: str
    status: str  # "received" | "duplicate" | "failed"
    message: str
    document_id: int | None = None

    def as_json(self) -> dict:
        return {"name": self.name, "status": self.status, "message": self.message,
                "document": self.document_id}


def receive_uploads(patient, files: list[UploadedFile], *, user, records_request=None
                    ) -> list[Received]:
    intake = Intake(patient=patient, arrival=Arrival.UPLOAD, user=user, request=records_request,
                    provider=records_request.provider if records_request else None,
                    received_on=timezone.localdate(), keep_failed=True)
    results = []
    for upload in files:
        name = (upload.name or "upload")[:255]
        if getattr(upload, "refused", False):
            results.append(Received(name, "failed", (
                f"This file is larger than the {upload.limit // 2**20:,} MB the vault accepts "
                "at once. Split it, or import it from the command line.")))
            continue
        received = receive(intake, name, lambda upload=upload: _reader(upload))
        if isinstance(received, Outcome):
            results.append(Received(name, received.status, _message(received)))
            continue
        transaction.on_commit(lambda pk=received.pk: read_uploaded_document.enqueue(pk))
        results.append(Received(name, "received", "Received. It is being read now.",
                                received.pk))
    if records_request is not None and any(r.status == "received" for r in results):
        arrivals.record_arrival(records_request, user,
                                sum(r.status == "received" for r in results))
        # Files already read (a fast worker) are compared now; otherwise the last one read is.
        transaction.on_commit(lambda: gaps.apply(records_request))
    return results


def _reader(upload: UploadedFile):
    upload.seek(0)
    return upload


def _message(outcome: Outcome) -> str:
    if outcome.status == "duplicate":
        return "Already in the vault: this file was kept once."
    return outcome.error
