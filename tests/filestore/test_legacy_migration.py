"""The migration moves files written the old way (one Fernet token each) into the new format."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from recordright import keys
from recordright.filestore import store
from recordright.filestore.format import MAGIC

BEFORE = [("requests", "0001_create_requests_and_events"),
          ("patients", "0001_create_patients_and_access"),
          ("letters", "0001_add_signature")]
AFTER = [("requests", "0002_store_evidence_streaming_with_checksum"),
         ("patients", "0002_store_authority_documents_streaming_with_checksum"),
         ("letters", "0002_store_signatures_streaming_with_checksum")]

EVIDENCE = b"%PDF-1.4 synthetic evidence " * 3000  # several chunks
AUTHORITY = b"%PDF-1.4 synthetic power of attorney"
DRAWING = b"\x89PNG synthetic signature"


def write_old_way(root, folder: str, data: bytes, key: bytes | None = None) -> str:
    """What recordright/encrypted_storage.py did before: a Fernet token under a random name."""
    name = f"{folder}/{uuid.uuid4().hex}.enc"
    (root / folder).mkdir(parents=True, exist_ok=True)
    (root / name).write_bytes(Fernet(key or keys.files_fernet_key()).encrypt(data))
    return name


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    try:
        yield migrate(BEFORE)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def make_rows(apps, root):
    user = apps.get_model("accounts", "User").objects.create(email="alice@example.org")
    patient = apps.get_model("patients", "Patient").objects.create(
        full_name="Sam Synthetic", date_of_birth=date(2016, 5, 4))
    access = apps.get_model("patients", "PatientAccess").objects.create(
        patient=patient, user=user,
        authority_document=write_old_way(root, f"authority/{patient.pk}", AUTHORITY))
    provider = apps.get_model("providers", "Provider").objects.create(owner=user, name="Clinic")
    request = apps.get_model("requests", "RecordsRequest").objects.create(
        patient=patient, provider=provider)
    events = apps.get_model("requests", "RequestEvent").objects
    good = events.create(request=request, type="note", on=date(2026, 11, 2),
                         evidence=write_old_way(root, f"evidence/{patient.pk}", EVIDENCE))
    unreadable = events.create(request=request, type="note", on=date(2026, 11, 3),
                               evidence=write_old_way(root, f"evidence/{patient.pk}", b"x",
                                                      key=Fernet.generate_key()))
    missing = events.create(request=request, type="note", on=date(2026, 11, 4),
                            evidence=f"evidence/{patient.pk}/{uuid.uuid4().hex}.enc")
    signature = apps.get_model("letters", "Signature").objects.create(
        user=user, typed_name="Alice Parent",
        drawing=write_old_way(root, f"signatures/{user.pk}", DRAWING))
    return access.pk, good.pk, unreadable.pk, missing.pk, signature.pk


@pytest.mark.django_db(transaction=True)
def test_old_files_are_re_encrypted_and_get_their_checksum(old_apps, settings, capsys):
    root = settings.MEDIA_ROOT
    access_pk, good_pk, unreadable_pk, missing_pk, signature_pk = make_rows(old_apps, root)
    old_names = {p.relative_to(root).as_posix() for p in root.rglob("*.enc")}

    new_apps = migrate(AFTER)

    cases = [(new_apps.get_model("patients", "PatientAccess"), access_pk, "authority_document",
              AUTHORITY),
             (new_apps.get_model("requests", "RequestEvent"), good_pk, "evidence", EVIDENCE),
             (new_apps.get_model("letters", "Signature"), signature_pk, "drawing", DRAWING)]
    for model, pk, field, plain in cases:
        name, sha256 = model.objects.filter(pk=pk).values_list(field, f"{field}_sha256").get()
        assert name not in old_names
        assert (root / name).read_bytes().startswith(MAGIC)
        assert sha256 == hashlib.sha256(plain).hexdigest()
        with store.open_plain(name) as reader:
            assert reader.read() == plain
    events = new_apps.get_model("requests", "RequestEvent").objects
    unreadable = events.get(pk=unreadable_pk)
    assert unreadable.evidence.name in old_names and unreadable.evidence_sha256 == ""
    assert (root / unreadable.evidence.name).exists()  # left for `recordright check` to report
    remaining = {p.relative_to(root).as_posix() for p in root.rglob("*.enc")}
    assert remaining & old_names == {unreadable.evidence.name}  # the old files are gone
    output = capsys.readouterr().out
    assert f"requestevent {unreadable_pk}" in output and "cannot be decrypted" in output
    assert f"requestevent {missing_pk}" in output and "missing" in output


@pytest.mark.django_db(transaction=True)
def test_the_migration_can_be_undone(old_apps, settings):
    root = settings.MEDIA_ROOT
    _access, good_pk, *_rest = make_rows(old_apps, root)
    migrate(AFTER)
    apps = migrate(BEFORE)
    name = apps.get_model("requests", "RequestEvent").objects.get(pk=good_pk).evidence.name
    token = (root / name).read_bytes()
    assert Fernet(keys.files_fernet_key()).decrypt(token) == EVIDENCE
