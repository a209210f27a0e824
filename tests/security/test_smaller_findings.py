"""Issue 9.10: evidence and document names of 255 characters fit their column and keep
their extension (PostgreSQL refused them with a server error); gunicorn's control socket is
off."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from recordright.filenames import fit
from recordright.patients.models import PatientAccess
from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest, RequestEvent
from tests.security.bad_files import real_pdf

LONG = "Scan of the letter from the records office about the fee " * 5
LONG_PDF = (LONG[: 255 - 4] + ".pdf")


def test_fit_keeps_the_extension_and_marks_the_cut():
    assert len(LONG_PDF) == 255
    fitted = fit(LONG_PDF, 200)
    assert 190 < len(fitted) <= 200 and fitted.endswith("….pdf") and fitted.startswith("Scan of")
    assert fit("short.pdf", 200) == "short.pdf"
    assert fit("C:\\Users\\sam\\scan.jpeg", 200) == "scan.jpeg"
    assert fit("../../etc/passwd", 200) == "passwd"
    assert fit("a\x00b\nc.pdf", 200) == "abc.pdf"
    assert fit("", 200, default="evidence") == "evidence"
    assert len(fit("x" * 300 + "." + "y" * 40, 200)) == 200  # a "suffix" that is no extension


@pytest.mark.django_db(transaction=True)
def test_evidence_with_a_255_character_name_is_stored(owner_client, owner, patient):
    clinic = Provider.objects.create(owner=owner, name="Springfield Test Clinic")
    clinic.patients.add(patient)
    req = RecordsRequest.objects.create(patient=patient, provider=clinic, created_by=owner)
    response = owner_client.post(reverse("requests:event-add", args=[req.pk]), {
        "type": "note", "on": timezone.localdate().isoformat(),
        "evidence": SimpleUploadedFile(LONG_PDF, real_pdf(), content_type="application/pdf")})
    assert response.status_code == 302
    event = RequestEvent.objects.get(request=req)
    assert len(event.evidence_name) <= 200 and event.evidence_name.endswith(".pdf")
    download = owner_client.get(reverse("requests:evidence", args=[req.pk, event.pk]))
    assert download.status_code == 200 and ".pdf" in download["Content-Disposition"]


@pytest.mark.django_db(transaction=True)
def test_an_authority_document_with_a_255_character_name_is_stored(owner_client, owner):
    response = owner_client.post(reverse("patients:add"), {
        "patient-full_name": "Robin Synthetic", "patient-date_of_birth": "1950-01-01",
        "acting-relationship": "parent", "acting-legal_basis": "health_care_agent",
        "acting-authority_document": SimpleUploadedFile(LONG_PDF, real_pdf(),
                                                        content_type="application/pdf")})
    assert response.status_code == 302
    name = PatientAccess.objects.get(user=owner).authority_document_name
    assert len(name) <= 200 and name.endswith("….pdf")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_web_server_opens_no_control_socket_in_the_home_folder(tmp_path):
    """gunicorn 25+ creates ~/.gunicorn/gunicorn.ctl, shared by every instance run by the
    same user (root's home on a server); ``recordright run`` starts it with none."""
    import os
    import subprocess
    import time
    import urllib.request

    from recordright.commands.run import web_server_command

    port = _free_port()
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items()
           if key not in ("XDG_RUNTIME_DIR", "DATABASE_URL")}
    env.update(HOME=str(home), DJANGO_SETTINGS_MODULE="recordright.settings",
               RECORDRIGHT_DATA_DIR=str(tmp_path / "data"))
    server = subprocess.Popen(web_server_command("127.0.0.1", port, 1), env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _attempt in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/web/site.css",
                                            timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the web server did not start")
        assert not (home / ".gunicorn").exists()
        assert not list(home.rglob("*.ctl"))
    finally:
        server.terminate()
        server.wait(timeout=10)
