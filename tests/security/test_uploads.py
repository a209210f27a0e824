"""Uploads (issue 9.2): refused as they arrive, never written to disk as plaintext."""

from __future__ import annotations

import hashlib
import secrets
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.test.client import FakePayload
from django.urls import reverse
from django.utils import timezone

from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest, RequestEvent
from tests.security.upload_urls import LARGE_LIMIT

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


class PlaintextWatch:
    """Looks for a marker in every file under the temp folder and the data directory, and in
    every file this process holds open there (even deleted or nameless ones), while the
    request body is being read."""

    def __init__(self, marker: bytes, folders: list[Path]):
        self.marker = marker
        self.folders = [str(folder.resolve()) for folder in folders]
        self.found: list[str] = []
        self.open_files: set[str] = set()
        self.scans = 0

    def _has_marker(self, handle) -> bool:
        tail = b""
        while chunk := handle.read(MB):
            if self.marker in tail + chunk:
                return True
            tail = chunk[-len(self.marker):]
        return False

    def scan(self) -> None:
        self.scans += 1
        for folder in self.folders:
            for path in Path(folder).rglob("*"):
                try:
                    with path.open("rb") as handle:
                        if self._has_marker(handle):
                            self.found.append(str(path))
                except OSError:
                    pass
        for fd in Path("/proc/self/fd").iterdir():
            try:
                target = str(fd.readlink())
            except OSError:
                continue
            if any(target.startswith(folder) for folder in self.folders):
                self.open_files.add(target)
                with fd.open("rb") as handle:  # a fresh offset
                    if self._has_marker(handle):
                        self.found.append(f"open file {target}")


@pytest.fixture
def watch(monkeypatch, tmp_path):
    """Scan every 4 MB of request body read, and once more after the response."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    marker = b"SYNTHETIC-PLAINTEXT-" + secrets.token_hex(8).encode()
    watcher = PlaintextWatch(marker, [temp, Path(settings.DATA_DIR)])
    original = FakePayload.read
    counted = {"read": 0}

    def read(self, size=-1, /):
        data = original(self, size)
        before = counted["read"]
        counted["read"] += len(data)
        if counted["read"] // (4 * MB) != before // (4 * MB):
            watcher.scan()
        return data

    monkeypatch.setattr(FakePayload, "read", read)
    watcher.counted = counted
    return watcher


def _scan_file(marker: bytes, size: int) -> bytes:
    head = b"%PDF-1.4\n"
    return head + (marker + b" ") * ((size - len(head)) // (len(marker) + 1))


@pytest.fixture
def req(owner, patient):
    clinic = Provider.objects.create(owner=owner, name="Springfield Test Clinic")
    clinic.patients.add(patient)
    return RecordsRequest.objects.create(patient=patient, provider=clinic, created_by=owner)


def _post_evidence(client, req, data: bytes):
    return client.post(reverse("requests:event-add", args=[req.pk]), {
        "type": "note", "on": timezone.localdate().isoformat(),
        "evidence": SimpleUploadedFile("scan.pdf", data, content_type="application/pdf")})


def test_an_accepted_upload_stays_in_memory_until_it_is_stored_encrypted(owner_client, req,
                                                                         watch):
    data = _scan_file(watch.marker, settings.MAX_UPLOAD_BYTES - MB)
    response = _post_evidence(owner_client, req, data)
    assert response.status_code == 302
    watch.scan()
    assert watch.scans >= 4 and not watch.found
    event = RequestEvent.objects.get(request=req)
    with event.evidence.open("rb") as stored:
        assert hashlib.sha256(stored.read()).digest() == hashlib.sha256(data).digest()


def test_an_oversized_upload_is_refused_by_its_length_unread(owner_client, req, watch):
    """Before: Django wrote the 30 MB to a plain file in the temp folder, then the form
    refused it."""
    data = _scan_file(watch.marker, 30 * MB)
    response = _post_evidence(owner_client, req, data)
    assert response.status_code == 413
    page = response.content.decode()
    assert "The file is too large" in page and "Nothing was saved" in page
    assert "20 MB" in page
    assert watch.counted["read"] == 0, "the body was read"
    watch.scan()
    assert not watch.found
    assert not RequestEvent.objects.filter(request=req).exists()


@override_settings(MAX_UPLOAD_BYTES=2 * MB)
def test_a_file_over_the_limit_is_counted_as_it_arrives_and_dropped(owner_client, req, watch):
    """The Content-Length allows the form's other fields, so a 4 MB file gets past the first
    check; it is counted while read, its bytes dropped, and the form says what is wrong."""
    response = _post_evidence(owner_client, req, _scan_file(watch.marker, 4 * MB))
    assert response.status_code == 400  # the form again, with the message
    assert "This file is too large. Files up to 2 MB can be stored" in response.content.decode()
    assert not RequestEvent.objects.filter(request=req).exists()
    watch.scan()
    assert not watch.found


def test_a_refused_upload_cannot_be_read_by_mistake():
    from recordright.web.uploads import RefusedUpload, UploadTooLarge

    refused = RefusedUpload(field_name="f", name="a.pdf", content_type="application/pdf",
                            size=5 * MB, limit=MB)
    with pytest.raises(UploadTooLarge):
        refused.read()
    with pytest.raises(UploadTooLarge):
        list(refused.chunks())


@pytest.mark.urls("tests.security.upload_urls")
def test_a_view_can_accept_large_uploads_spooled_encrypted_in_the_data_dir(owner_client, watch):
    data = _scan_file(watch.marker, 40 * MB)
    response = owner_client.post("/large-upload/", {
        "file": SimpleUploadedFile("export.zip", data)})
    assert response.status_code == 200, response.content[:300]
    assert response.json() == {"size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                               "head": "%PDF-1.4\nSYNTHET"}
    assert watch.scans >= 9 and not watch.found
    spool = str(Path(settings.DATA_DIR, "uploads").resolve())
    assert any(target.startswith(spool) for target in watch.open_files)  # spooled, encrypted
    too_big = owner_client.post("/large-upload/", {
        "file": SimpleUploadedFile("export.zip", b"0" * (LARGE_LIMIT + 6 * MB))})
    assert too_big.status_code == 413 and "64 MB" in too_big.content.decode()


def test_a_larger_limit_cannot_be_kept_in_memory():
    from django.core.exceptions import ImproperlyConfigured

    from recordright.web.uploads import accepts_uploads

    with pytest.raises(ImproperlyConfigured):
        accepts_uploads(max_bytes=settings.MAX_UPLOAD_BYTES * 10)
