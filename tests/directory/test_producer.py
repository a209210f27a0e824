"""Rows parsed in a child process: the same errors, the child stopped whatever happens."""

from __future__ import annotations

import multiprocessing
import os
import shutil

import pytest

from recordright.directory import loader, nppes, producer
from recordright.directory.models import NpiLocation, NpiRecord
from tests.directory.conftest import MAIN

pytestmark = pytest.mark.django_db


def _main_member() -> nppes.Member:
    return nppes.find_members(MAIN)[0]


def _parser(header):
    return nppes.make_main_parser(header, MAIN.name)


def test_it_sends_every_row_in_bounded_batches_with_the_bytes_read(monkeypatch):
    monkeypatch.setattr(producer, "BATCH_ROWS", 100)
    received = list(producer.batches(_main_member(), _parser))
    assert [len(rows) for rows, _ in received] == [100, 100, 98]
    assert received[0][0][0][0] == int(MAIN.read_text().splitlines()[1].split('"')[1])
    positions = [position for _, position in received]
    assert positions == sorted(positions) and positions[-1] == MAIN.stat().st_size
    assert not multiprocessing.active_children()


def test_it_raises_the_childs_header_error_with_the_missing_columns(tmp_path, directory):
    shutil.copy(MAIN, tmp_path / MAIN.name)
    (tmp_path / "pl_pfile_20050523-20260308.csv").write_text('"NPI","Something Else"\n"1"\n')
    with pytest.raises(nppes.HeaderError) as error:
        loader.import_path(tmp_path / MAIN.name, progress=False)
    assert "Provider Secondary Practice Location Address - City Name" in error.value.missing
    assert NpiRecord.objects.count() == 298 and NpiLocation.objects.count() == 2
    assert not multiprocessing.active_children()


def test_it_raises_when_the_child_dies_without_a_word():
    def die(header):
        os._exit(3)

    with pytest.raises(RuntimeError, match="stopped unexpectedly"):
        list(producer.batches(_main_member(), die))


def test_it_stops_the_child_when_the_consumer_stops(monkeypatch):
    monkeypatch.setattr(producer, "BATCH_ROWS", 10)
    monkeypatch.setattr(producer, "QUEUE_BATCHES", 1)
    batches = producer.batches(_main_member(), _parser)
    next(batches)
    assert len(multiprocessing.active_children()) == 1
    batches.close()
    assert not multiprocessing.active_children()


def test_it_keeps_an_unpicklable_error_as_its_message():
    class Odd(Exception):
        def __init__(self, a, b):
            super().__init__(f"odd {a} {b}")

    error = producer._picklable(Odd(1, 2))
    assert isinstance(error, RuntimeError) and "Odd: odd 1 2" in str(error)
    assert isinstance(producer._picklable(ValueError("x")), ValueError)



def test_it_leaves_the_previous_directory_intact_on_ctrl_c_while_inserting(directory,
                                                                          monkeypatch):
    def interrupt(self, cursor, batch):
        raise KeyboardInterrupt

    monkeypatch.setattr(loader._Writer, "write", interrupt)
    with pytest.raises(KeyboardInterrupt):
        loader.import_path(MAIN, progress=False)
    assert NpiRecord.objects.count() == 298
    assert not multiprocessing.active_children()
