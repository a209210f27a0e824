"""The columnar reader gives, a block at a time, exactly the values the row-at-a-time
definition (``nppes.make_main_parser``) gives, for any row; it reads ahead in a thread
that stops whatever happens."""

from __future__ import annotations

import csv
import io
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recordright.directory import columnar, loader, nppes, synthetic
from recordright.directory.models import NpiRecord
from tests.directory.conftest import MAIN


def _member(data: bytes, name: str = "npidata_pfile_x.csv") -> nppes.Member:
    return nppes.Member("main", name, len(data), lambda: io.BytesIO(data))


def _reference(member: nppes.Member) -> list[tuple]:
    with nppes.open_rows(member) as (header, rows, _raw):
        parse = nppes.make_main_parser(header, member.name)
        return [parse(row) for row in rows if row]


def _columnar(member: nppes.Member) -> list[tuple]:
    return [row for batch in columnar.main_batches(member) for row in batch.rows()]


def _file(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = synthetic.RowWriter(buffer)
    for row in rows:
        writer.write(row)
    return buffer.getvalue().encode("utf-8")


def test_it_reads_the_fixture_as_the_row_definition_does():
    member = nppes.find_members(MAIN)[0]
    assert _columnar(member) == _reference(member)
    assert len(_reference(member)) == 298


name = st.text(alphabet=st.sampled_from("ab ,\r\néÑøİ王'-"), max_size=8)
date = st.sampled_from(["", "03/08/2026", "12/31/1999", "2026-03-08", "3/8/2026", "xx/yy/zzzz"])
code = st.sampled_from(["", "207Q00000X", "208D00000X", "363L00000X"])
row = st.fixed_dictionaries({
    "NPI": st.integers(1_000_000_000, 1_999_999_999).map(str),
    "Entity Type Code": st.sampled_from(["", "1", "2", "3", "x"]),
    "Provider Organization Name (Legal Business Name)": name,
    "Provider Other Organization Name": name,
    "Provider First Name": name, "Provider Middle Name": name,
    "Provider Last Name (Legal Name)": name,
    "Provider Business Practice Location Address City Name": name,
    "Provider Enumeration Date": date, "Last Update Date": date,
    "NPI Deactivation Date": date, "NPI Reactivation Date": date,
    **dict.fromkeys(nppes.TAXONOMY_COLUMNS[:4], code),
    **{column: st.sampled_from(["", "Y", "N", "X"]) for column in nppes.PRIMARY_COLUMNS[:4]},
})


@given(st.lists(row, max_size=6))
# No deadline: on a shared 2-core machine one example can wait 250 ms for a core.
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=60)
def test_it_computes_every_value_as_the_row_definition_does(rows):
    member = _member(_file(rows))
    assert _columnar(member) == _reference(member)


def test_it_reads_in_bounded_batches_with_the_bytes_read(monkeypatch):
    monkeypatch.setattr(columnar, "BLOCK_BYTES", 24_000)
    monkeypatch.setattr(columnar, "BATCH_ROWS", 40)
    batches = list(columnar.main_batches(nppes.find_members(MAIN)[0]))
    assert len(batches) > 5 and all(len(batch) <= 80 for batch in batches)
    assert sum(len(batch) for batch in batches) == 298
    positions = [batch.position for batch in batches]
    assert positions == sorted(positions) and positions[-1] == MAIN.stat().st_size


def test_it_replaces_bytes_that_are_not_utf8_like_the_row_reader():
    data = _file([{"NPI": "1234567893", "Provider Last Name (Legal Name)": "GARCIA"}])
    data = data.replace(b"GARCIA", b"GARC\xcdA")
    member = _member(data)
    (record,) = _columnar(member)
    assert record == _reference(member)[0]
    assert record[nppes.RECORD_FIELDS.index("last_name")] == "GARC\ufffdA"


def test_it_refuses_a_record_with_missing_columns_naming_the_file():
    data = _file([{"NPI": "1234567893"}]) + b'"1234567901","1"\r\n'
    with pytest.raises(nppes.DamagedFileError, match="npidata_pfile_x.csv"):
        _columnar(_member(data))


def test_it_numbers_secondary_rows_from_the_first_id_across_batches(monkeypatch):
    monkeypatch.setattr(columnar, "BLOCK_BYTES", 200)
    monkeypatch.setattr(columnar, "BATCH_ROWS", 2)
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([header for _, header in nppes.OTHERNAME_COLUMNS])
    writer.writerows([[f"12345678{n:02d}", f"Clínica Ñ {n}", "3"] for n in range(7)])
    data = buffer.getvalue().encode("utf-8")
    member = nppes.Member("othername", "othername_pfile_x.csv", len(data),
                          lambda: io.BytesIO(data))
    batches = list(columnar.simple_batches(member, nppes.OTHERNAME_COLUMNS, first_id=100))
    rows = [row for batch in batches for row in batch.rows()]
    assert len(batches) > 1
    assert [row[0] for row in rows] == list(range(101, 108))
    assert rows[0][1:] == (1234567800, "clinica n 0", "3")


def _reader_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "nppes-reader"]


def test_reading_ahead_raises_the_readers_error_and_stops_its_thread():
    def failing():
        yield columnar.Batch([], 0)
        raise nppes.DamagedFileError("x.csv", "cut")

    with pytest.raises(nppes.DamagedFileError, match="cut"):
        list(columnar.read_ahead(failing(), lambda batch: None))
    assert not _reader_threads()


def test_reading_ahead_stops_its_thread_when_the_consumer_stops(monkeypatch):
    monkeypatch.setattr(columnar, "BLOCK_BYTES", 24_000)
    monkeypatch.setattr(columnar, "BATCH_ROWS", 20)
    ahead = columnar.read_ahead(columnar.main_batches(nppes.find_members(MAIN)[0]),
                                columnar.Batch.rows, depth=1)
    next(ahead)
    assert len(_reader_threads()) == 1
    ahead.close()
    assert not _reader_threads()


@pytest.mark.django_db
def test_it_leaves_the_previous_directory_intact_on_ctrl_c_while_inserting(directory,
                                                                          monkeypatch):
    def interrupt(self, cursor, prepared):
        raise KeyboardInterrupt

    monkeypatch.setattr(loader._Writer, "write", interrupt)
    with pytest.raises(KeyboardInterrupt):
        loader.import_path(MAIN, progress=False)
    assert NpiRecord.objects.count() == 298
    assert not _reader_threads()
