"""``recordright check``: every stored file against its row, orphans on both sides."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from recordright import integrity
from recordright.cli import main
from recordright.filestore import registry, store
from recordright.letters.signatures import save_signature
from recordright.requests import timeline
from recordright.requests.models import RecordsRequest, RequestEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def store_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


@pytest.fixture
def events(patient, owner):
    from recordright.providers.models import Provider

    provider = Provider.objects.create(name="Synthetic General Hospital", owner=owner)
    req = RecordsRequest.objects.create(patient=patient, provider=provider, created_by=owner)
    return [timeline.add_event(req, type="note", on=date(2026, 11, day), user=owner,
                               evidence=SimpleUploadedFile("scan.pdf", b"%PDF synthetic " * day))
            for day in (1, 2, 3)]


def run_check(capsys, *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


def test_a_clean_store_passes(events, owner, capsys):
    save_signature(owner, typed_name="Alice Parent", drawing=b"\x89PNG synthetic")
    code, out = run_check(capsys)
    assert code == 0, out
    assert "Stored files: OK. 4 file(s) named by rows, decrypted" in out
    assert "Files without a row: OK. 4 file(s)" in out
    assert out.rstrip().endswith("Everything matches.")


def test_every_kind_of_problem_is_reported(events, store_root, capsys):
    damaged, changed, missing = events
    path = store_root / damaged.evidence.name
    data = bytearray(path.read_bytes())
    data[-30] ^= 1
    path.write_bytes(bytes(data))
    RequestEvent.objects.filter(pk=changed.pk).update(evidence_sha256="0" * 64)
    (store_root / missing.evidence.name).unlink()
    orphan = store.save_stream(io.BytesIO(b"no row"), "evidence/1")
    (store_root / "evidence" / "1" / ".0123.part").write_bytes(b"half")

    code, out = run_check(capsys)
    assert code == 1
    assert f"{damaged.evidence.name} (requests.requestevent {damaged.pk}): The encrypted " \
           f"file is damaged: chunk 1 fails its integrity check" in out
    assert f"{changed.evidence.name} (requests.requestevent {changed.pk}): the contents do not " \
           f"match the checksum in the row" in out
    assert f"{missing.evidence.name} (requests.requestevent {missing.pk}): the file is " \
           f"missing" in out
    assert f"{orphan.name}: no row names this file" in out
    assert "evidence/1/.0123.part: an unfinished write" in out
    assert "5 problem(s) found." in out
    assert "synthetic" not in out.lower()


def test_quick_skips_decrypting_but_still_finds_missing_files(events, store_root, capsys):
    (store_root / events[0].evidence.name).write_bytes(b"garbage")
    (store_root / events[1].evidence.name).unlink()
    code, out = run_check(capsys, "--quick")
    assert code == 1
    assert "the file is missing" in out and "damaged" not in out
    assert "found." in out


def test_a_row_without_a_checksum_is_a_problem(events, capsys):
    RequestEvent.objects.filter(pk=events[0].pk).update(evidence_sha256="")
    code, out = run_check(capsys)
    assert code == 1 and "the row keeps no checksum" in out


def test_json_output_one_object_per_check(events, capsys):
    code, out = run_check(capsys, "--json")
    results = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["name"] for r in results][:2] == ["files", "orphans"]
    assert all(r["ok"] and r["problems"] == [] for r in results)


def test_other_code_can_add_references_and_checks(events, capsys):
    """What the vault does: its own files, and its own check (the search index)."""
    kept = store.save_stream(io.BytesIO(b"vault chunk"), "vault/chunks")
    registry.register_source("test vault", lambda: [registry.Reference(kept.name, None, "vault")])

    @integrity.register("test-index", "Search index")
    def index_check(**_options):
        return integrity.CheckResult("3 entries indexed.", ["entry 7 is not in the index"])

    try:
        code, out = run_check(capsys)
    finally:
        registry._sources.pop("test vault")
        integrity._checks.pop("test-index")
    assert code == 1
    assert "Files without a row: OK." in out
    assert "Search index: 1 problem(s). 3 entries indexed.\n  - entry 7 is not in the index" in out


def test_remove_orphans_removes_only_old_ones(events, store_root, capsys):
    import os
    import time

    old = store.save_stream(io.BytesIO(b"left behind"), "evidence/1")
    young = store.save_stream(io.BytesIO(b"being saved"), "evidence/1")
    partial = store_root / "evidence" / "1" / ".0123.part"
    partial.write_bytes(b"half")
    two_hours_ago = time.time() - 7200
    for path in (store_root / old.name, partial):
        os.utime(path, (two_hours_ago, two_hours_ago))
    code, out = run_check(capsys, "--remove-orphans")
    assert code == 1  # the young one is still listed
    assert f"removed {old.name}: no row names this file" in out
    assert "removed evidence/1/.0123.part: an unfinished write" in out
    assert f"  - {young.name}: no row names this file" in out
    assert not (store_root / old.name).exists() and not partial.exists()
    assert (store_root / young.name).exists()
    assert all((store_root / e.evidence.name).exists() for e in events)
