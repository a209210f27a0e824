"""The store: files written whole or not at all, never in plaintext, kept only with their row."""

from __future__ import annotations

import hashlib
import io
import os
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from recordright.filestore import registry, store
from recordright.filestore.fields import EncryptedFileField
from recordright.filestore.format import CHUNK_SIZE, MAGIC, TamperedFile
from recordright.letters.models import Signature
from recordright.letters.signatures import save_signature
from recordright.patients.models import PatientAccess
from recordright.requests import timeline
from recordright.requests.models import RecordsRequest, RequestEvent

SECRET = b"Sam Synthetic's discharge summary. " * 5000


@pytest.fixture(autouse=True)
def store_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


def files_on_disk(root) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_save_stream_writes_an_encrypted_file_and_reads_it_back(store_root):
    stored = store.save_stream(io.BytesIO(SECRET), "evidence/7")
    assert stored.name.startswith("evidence/7/") and stored.name.endswith(".enc")
    assert stored.size == len(SECRET)
    assert stored.sha256 == hashlib.sha256(SECRET).hexdigest()
    raw = (store_root / stored.name).read_bytes()
    assert raw.startswith(MAGIC) and b"Synthetic" not in raw
    assert (store_root / stored.name).stat().st_mode & 0o777 == 0o600
    with store.open_plain(stored.name) as reader:
        assert reader.read(10) == SECRET[:10]
        assert reader.read() == SECRET[10:]
    assert store.verify(stored.name).sha256 == stored.sha256
    assert store.exists(stored.name)
    store.delete(stored.name)
    assert not store.exists(stored.name)
    store.delete(stored.name)  # already gone: no error


def test_a_failed_write_leaves_nothing_behind(store_root):
    class Broken(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            raise OSError("the upload was interrupted")

    with pytest.raises(OSError, match="interrupted"):
        store.save_stream(Broken(), "evidence/1")
    assert files_on_disk(store_root) == []


def test_no_plaintext_is_written_while_a_file_is_stored(store_root):
    """Watch the store folder while a multi-chunk upload streams in."""
    seen: list[bytes] = []

    class Watching(io.RawIOBase):
        def __init__(self) -> None:
            self.left = 4 * CHUNK_SIZE

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            seen.extend(p.read_bytes() for p in store_root.rglob("*") if p.is_file())
            count = min(len(buffer), self.left, 50_000)
            buffer[:count] = (SECRET * 2)[:count]
            self.left -= count
            return count

    stored = store.save_stream(Watching(), "evidence/1")
    assert seen and all(b"Synthetic" not in data for data in seen)
    assert files_on_disk(store_root) == [stored.name]


def test_names_and_folders_outside_the_store_are_refused():
    for folder in ("../etc", "/tmp", "evidence/../..", "a b"):
        with pytest.raises(ValueError):
            store.save_stream(io.BytesIO(b"x"), folder)
    for name in ("../secret.enc", "/etc/passwd", "evidence/1/notes.txt", ""):
        with pytest.raises(ValueError):
            store.open_plain(name)


def test_a_damaged_stored_file_is_refused_on_reading(store_root):
    stored = store.save_stream(io.BytesIO(SECRET), "evidence/1")
    path = store_root / stored.name
    data = bytearray(path.read_bytes())
    data[-40] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(TamperedFile):
        store.verify(stored.name)


@pytest.fixture
def records_request(patient, owner):
    from recordright.providers.models import Provider

    provider = Provider.objects.create(name="Synthetic General Hospital", owner=owner)
    return RecordsRequest.objects.create(patient=patient, provider=provider, created_by=owner)


@pytest.mark.django_db
def test_evidence_is_stored_with_its_checksum_and_served_as_plaintext(records_request, owner):
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.7 synthetic scan")
    event = timeline.add_event(records_request, type="note", on=date(2026, 11, 2), user=owner,
                               evidence=upload)
    event.refresh_from_db()
    assert event.evidence_sha256 == hashlib.sha256(b"%PDF-1.7 synthetic scan").hexdigest()
    with event.evidence.open("rb") as handle:
        assert handle.read() == b"%PDF-1.7 synthetic scan"
    assert event.evidence.size == len(b"%PDF-1.7 synthetic scan")


@pytest.mark.django_db
def test_a_file_whose_transaction_rolls_back_is_removed(records_request, owner, store_root):
    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        timeline.add_event(records_request, type="note", on=date(2026, 11, 2), user=owner,
                           evidence=SimpleUploadedFile("scan.pdf", b"%PDF synthetic"))
        assert len(files_on_disk(store_root)) == 1
        raise Boom
    assert files_on_disk(store_root) == []
    assert not RequestEvent.objects.exists()


@pytest.mark.django_db
def test_a_file_whose_row_fails_to_save_is_removed(records_request, owner, store_root):
    with pytest.raises(Exception):  # noqa: B017 (any database error)
        timeline.add_event(records_request, type="note", on=None, user=owner,
                           evidence=SimpleUploadedFile("scan.pdf", b"%PDF synthetic"))
    assert files_on_disk(store_root) == []


@pytest.mark.django_db(transaction=True)
def test_a_committed_file_stays_and_goes_when_its_row_is_deleted(records_request, owner,
                                                                  store_root):
    event = timeline.add_event(records_request, type="note", on=date(2026, 11, 2), user=owner,
                               evidence=SimpleUploadedFile("scan.pdf", b"%PDF synthetic"))
    name, pk = event.evidence.name, event.pk
    assert files_on_disk(store_root) == [name]
    with pytest.raises(RuntimeError), transaction.atomic():
        event.delete()
        raise RuntimeError("the deletion rolls back")
    assert files_on_disk(store_root) == [name]  # the row is still there
    RequestEvent.objects.get(pk=pk).delete()
    assert files_on_disk(store_root) == []


@pytest.mark.django_db(transaction=True)
def test_deleting_a_patient_deletes_the_files_of_its_rows(records_request, owner, store_root):
    timeline.add_event(records_request, type="note", on=date(2026, 11, 2), user=owner,
                       evidence=SimpleUploadedFile("scan.pdf", b"%PDF synthetic"))
    link = PatientAccess.objects.get(patient=records_request.patient, user=owner)
    link.authority_document = SimpleUploadedFile("poa.pdf", b"%PDF power of attorney")
    link.save()
    assert len(files_on_disk(store_root)) == 2
    records_request.patient.delete()
    assert files_on_disk(store_root) == []


@pytest.mark.django_db(transaction=True)
def test_replacing_a_signature_removes_the_old_file_after_the_commit(owner, store_root):
    first = save_signature(owner, typed_name="Alice Parent", drawing=b"\x89PNG first")
    assert files_on_disk(store_root) == [first.drawing.name]
    second = save_signature(owner, typed_name="Alice Parent", drawing=b"\x89PNG second")
    assert files_on_disk(store_root) == [second.drawing.name]
    assert second.drawing_sha256 == hashlib.sha256(b"\x89PNG second").hexdigest()
    save_signature(owner, typed_name="Alice Parent", remove_drawing=True)
    assert files_on_disk(store_root) == []
    assert Signature.objects.get(user=owner).drawing_sha256 == ""


def test_the_storage_api_streams_through_the_store(store_root):
    storage = store.encrypted_storage()
    name = storage.save("evidence/3/scan.pdf", ContentFile(SECRET))
    assert "scan" not in name and storage.exists(name)
    assert b"Synthetic" not in (store_root / name).read_bytes()
    with storage.open(name) as handle:
        assert handle.read() == SECRET
    assert storage.size(name) == len(SECRET)
    assert storage.listdir("evidence/3") == ([], [name.rsplit("/", 1)[1]])
    with pytest.raises(NotImplementedError):
        storage.url(name)
    storage.delete(name)
    assert not storage.exists(name)


def test_the_old_import_path_still_names_the_storage():
    from recordright import encrypted_storage

    assert encrypted_storage.encrypted_storage is store.encrypted_storage


def test_every_encrypted_file_field_is_registered():
    from django.apps import apps

    fields = {(model, field.name) for model in apps.get_models()
              for field in model._meta.get_fields() if isinstance(field, EncryptedFileField)}
    assert fields == set(registry.registered_fields())
    assert {(RequestEvent, "evidence"), (PatientAccess, "authority_document"),
            (Signature, "drawing")} <= fields


def test_the_file_key_id_names_the_master_key():
    from recordright import keys

    key_id, kek = next(iter(keys.file_keks().items()))
    assert key_id.startswith("mk-") and len(kek) == 32
    assert kek != keys.derive("files")
    assert os.environ["RECORDRIGHT_KEY"] not in key_id


@pytest.mark.django_db
def test_a_download_streams_with_its_length(records_request, owner, owner_client):
    from django.urls import reverse

    data = os.urandom(3 * CHUNK_SIZE + 11)
    event = timeline.add_event(records_request, type="note", on=date(2026, 11, 2), user=owner,
                               evidence=SimpleUploadedFile("scan.pdf", data))
    response = owner_client.get(reverse("requests:evidence", args=[records_request.pk,
                                                                   event.pk]))
    assert response.streaming and response["Content-Length"] == str(len(data))
    assert b"".join(response.streaming_content) == data


@pytest.mark.django_db
def test_a_very_long_file_name_is_kept_in_the_row_not_in_the_store(records_request, owner):
    long_name = "a" * 190 + ".pdf"  # longer than the file column (100), within evidence_name
    event = timeline.add_event(records_request, type="note", on=date(2026, 11, 2), user=owner,
                               evidence=SimpleUploadedFile(long_name, b"%PDF synthetic"))
    event.refresh_from_db()
    assert len(event.evidence.name) < 100 and "aaa" not in event.evidence.name


def test_a_stored_file_can_be_rewrapped_under_a_new_key(monkeypatch):
    from recordright import keys

    stored = store.save_stream(io.BytesIO(SECRET), "evidence/1")
    old = keys.file_keks()
    assert store.rewrap(stored.name) is False  # already under the current key
    monkeypatch.setattr(keys, "file_keks", lambda: {"mk-new": bytes(32), **old})
    assert store.rewrap(stored.name) is True
    assert store.verify(stored.name).sha256 == stored.sha256
    monkeypatch.setattr(keys, "file_keks", lambda: {"mk-new": bytes(32)})  # old key retired
    with store.open_plain(stored.name) as reader:
        assert reader.read() == SECRET


def test_a_writer_stores_pushed_data(store_root):
    with store.open_writer("vault/exports") as out:
        for _ in range(10):
            out.write(SECRET[:50_000])
    assert out.stored.size == 500_000
    with store.open_plain(out.stored.name) as reader:
        assert reader.read() == SECRET[:50_000] * 10
    with pytest.raises(RuntimeError), store.open_writer("vault/exports") as failing:
        failing.write(SECRET)
        raise RuntimeError("the export stopped")
    assert files_on_disk(store_root) == [out.stored.name]


@pytest.mark.django_db
def test_a_written_file_goes_if_its_transaction_rolls_back(store_root):
    with pytest.raises(RuntimeError), transaction.atomic():
        with store.open_writer("vault/exports") as out:
            out.write(b"synthetic")
        assert files_on_disk(store_root) == [out.stored.name]
        raise RuntimeError("the import failed")
    assert files_on_disk(store_root) == []
