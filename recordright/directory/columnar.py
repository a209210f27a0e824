"""Reading NPPES CSV members a block at a time with pyarrow, whole columns converted at once.

The row-at-a-time reader (``nppes.Rows`` and ``nppes.make_main_parser``) cost ~14 µs a row
in Python: two minutes of CPU at 9 million rows, three times DuckDB's read of the same
file. Here pyarrow's C++ reader splits the CSV in its own threads (the GIL released:
on a 2-core machine the database gets the other core), only the columns we load are
converted, and every derived value (ISO dates, active, primary taxonomy, folded search
names) is computed on whole columns. ``nppes.make_main_parser`` stays the definition
of a row's values: ``tests/directory/test_columnar.py`` checks both agree.

A batch comes out as arrays in the order of the table's fields: the SQLite writer turns
them into tuples for ``executemany``; PostgreSQL's takes them as CSV for ``COPY``
without a Python object per value.
"""

from __future__ import annotations

import io
import queue
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, TypeVar

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from recordright.directory import nppes

T = TypeVar("T")
ENTITY_CODES = pa.array(["1", "2"])
# Batches read ahead of the one being inserted.
READ_AHEAD = 2
# Bytes parsed per block (~850 rows of the 1.2 KB main file). pyarrow reads ahead
# dozens of blocks: 16 MB blocks cost ~730 MB of memory, 1 MB ones ~130 MB, as fast.
BLOCK_BYTES = 1 << 20
# Rows per batch (blocks put together): one transaction each when inserted.
BATCH_ROWS = 16_000


class _CountingReader(io.RawIOBase):
    """The member's bytes, counted as pyarrow reads them (the progress bar's position)."""

    def __init__(self, raw: BinaryIO):
        self.raw, self.position = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        buffer[:len(data)] = data
        self.position += len(data)
        return len(data)


@dataclass
class Batch:
    """The values of one block of rows, one array per database field."""

    arrays: list[pa.Array]
    position: int  # bytes of the member read so far

    def __len__(self) -> int:
        return len(self.arrays[0]) if self.arrays else 0

    def rows(self) -> list[tuple]:
        return list(zip(*(array.to_pylist() for array in self.arrays), strict=True))


def _text(column: pa.Array) -> pa.Array:
    """Bytes as text; a field that is not UTF-8 gets U+FFFD, like the row reader."""
    try:
        return column.cast(pa.string())
    except pa.ArrowInvalid:
        return pa.array([value.decode("utf-8", "replace") for value in column.to_pylist()],
                        pa.string())


def _header(member: nppes.Member, wanted: list[str]) -> tuple[int, list[int]]:
    """The number of columns, and the positions of the wanted ones (by name)."""
    with nppes.open_rows(member) as (header, _rows, _raw):
        return len(header), nppes.column_indices(header, wanted, member.name)


def _columns(parts: list[pa.RecordBatch]) -> list[pa.Array]:
    table = pa.Table.from_batches(parts).combine_chunks()
    return [_text(column.chunk(0)) if column.num_chunks else pa.array([], pa.string())
            for column in table.columns]


def _problem(exc: pa.ArrowInvalid, bad_rows: list) -> str:
    """What is wrong with the file, in words (pyarrow's message quotes the row)."""
    if bad_rows:
        row = bad_rows[0]
        where = f"record {row.number:,}" if row.number else "a record"
        return f"{where} has {row.actual_columns} of the {row.expected_columns} columns"
    if "skip initial" in str(exc):
        return "the file ends inside its first line, the column names"
    return "it cannot be read as CSV"


def _blocks(member: nppes.Member, wanted: list[str]) -> Iterator[tuple[list[pa.Array], int]]:
    """The wanted columns of each block, as text, in the order asked, and the bytes read."""
    width, indices = _header(member, wanted)
    names = [f"c{number}" for number in range(width)]
    picked = [names[index] for index in indices]
    bad_rows: list = []

    def refuse_row(row) -> str:
        bad_rows.append(row)
        return "error"

    try:
        counted = _CountingReader(member.opener())
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise nppes.DamagedFileError(member.name, str(exc)) from exc
    try:
        reader = pa_csv.open_csv(
            io.BufferedReader(counted, BLOCK_BYTES),
            read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1,
                                             block_size=BLOCK_BYTES),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True,
                                              invalid_row_handler=refuse_row),
            convert_options=pa_csv.ConvertOptions(
                include_columns=picked, column_types=dict.fromkeys(picked, pa.binary()),
                strings_can_be_null=False, quoted_strings_can_be_null=False))
        pending: list[pa.RecordBatch] = []
        for record_batch in reader:
            pending.append(record_batch)
            if sum(part.num_rows for part in pending) >= BATCH_ROWS:
                yield _columns(pending), counted.position
                pending.clear()
        if pending:
            yield _columns(pending), counted.position
    except pa.ArrowInvalid as exc:
        raise nppes.DamagedFileError(member.name, _problem(exc, bad_rows)) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        # zipfile checks the CRC-32 at the member's last byte; a cut deflate stream ends early.
        raise nppes.DamagedFileError(member.name, str(exc)) from exc
    finally:
        counted.raw.close()


def iso_dates(column: pa.Array) -> pa.Array:
    """MM/DD/YYYY -> YYYY-MM-DD, anything else -> null (``nppes.iso_date``)."""
    slashes = pc.and_(pc.equal(pc.utf8_slice_codeunits(column, 2, 3), "/"),
                      pc.equal(pc.utf8_slice_codeunits(column, 5, 6), "/"))
    shaped = pc.and_(pc.equal(pc.utf8_length(column), 10), slashes)
    iso = pc.binary_join_element_wise(pc.utf8_slice_codeunits(column, 6, 10),
                                      pc.utf8_slice_codeunits(column, 0, 2),
                                      pc.utf8_slice_codeunits(column, 3, 5), "-")
    return pc.if_else(shaped, iso, pa.scalar(None, pa.string()))


def _valid_where(column: pa.Array, keep: pa.Array) -> pa.Array:
    """``column`` with the rows where ``keep`` is false made null, its data not copied."""
    keep = pc.fill_null(keep, False)
    if column.offset or keep.offset:
        return pc.if_else(keep, column, pa.scalar(None, column.type))
    return pa.Array.from_buffers(column.type, len(column),
                                 [keep.buffers()[1], *column.buffers()[1:]])


def join_words(columns: list[pa.Array]) -> pa.Array:
    """Per row, the non-empty values joined by a space (``" ".join(v for v in row if v)``).

    The empty values are made null and skipped; a last, always present "" makes the
    result end with one space we then cut (pyarrow 26's join drops the rows where every
    value is null from its result)."""
    present = [_valid_where(column, pc.not_equal(column, "")) for column in columns]
    ending = pa.array([""] * len(columns[0]), pa.string())
    joined = pc.binary_join_element_wise(*present, ending, " ", null_handling="skip")
    return pc.utf8_slice_codeunits(joined, 0, -1)


def _first_where(columns: list[pa.Array], conditions: list[pa.Array]) -> pa.Array:
    """Per row, the first column whose condition holds ("" if none)."""
    number = len(columns)
    chosen = pa.array([number] * len(columns[0]), pa.int8())
    for slot in reversed(range(number)):
        chosen = pc.if_else(conditions[slot], pa.scalar(slot, pa.int8()), chosen)
    return pc.choose(chosen, *columns, pa.array([""] * len(columns[0]), pa.string()))


def fold(column: pa.Array) -> pa.Array:
    """``nppes.fold`` on a column: lower case without accents. ASCII (nearly every name)
    in C++; the few others through ``nppes.fold`` itself, so both give the same text."""
    ascii_rows = pc.string_is_ascii(column)
    lowered = pc.ascii_lower(column)
    if pc.all(ascii_rows).as_py():
        return lowered
    others = pc.invert(ascii_rows)
    folded = [nppes.fold(value) for value in pc.filter(column, others).to_pylist()]
    return pc.replace_with_mask(lowered, others, pa.array(folded, pa.string()))


def _main_values(columns: list[pa.Array]) -> list[pa.Array]:
    """The values of ``nppes.RECORD_FIELDS`` from the ``nppes.REQUIRED_MAIN`` columns."""
    count = len(nppes.MAIN_COLUMNS)
    main = dict(zip((field for field, _ in nppes.MAIN_COLUMNS), columns[:count], strict=True))
    codes = columns[count:count + nppes.TAXONOMY_SLOTS]
    switches = columns[count + nppes.TAXONOMY_SLOTS:]
    present = [pc.not_equal(code, "") for code in codes]
    chosen = [pc.and_(pc.equal(switch, "Y"), filled)
              for switch, filled in zip(switches, present, strict=True)]
    primary = _first_where(codes, chosen)
    primary = pc.if_else(pc.equal(primary, ""), _first_where(codes, present), primary)
    others = [_valid_where(code, pc.not_equal(code, primary)) for code in codes]
    taxonomy_codes = join_words([primary, *others])
    names = join_words([main[part] for part in ("org_name", "other_org_name", "first_name",
                                                "middle_name", "last_name")])
    dates = {field: iso_dates(main[field]) for field in
             ("enumerated_on", "updated_on", "deactivated_on", "reactivated_on")}
    active = pc.or_(pc.is_null(dates["deactivated_on"]),
                    pc.fill_null(pc.greater_equal(dates["reactivated_on"],
                                                  dates["deactivated_on"]), False))
    entity = main["entity_type"]
    values = {**main, **dates,
              "npi": pc.cast(main["npi"], pa.int64()),
              "entity_type": pc.cast(_valid_where(entity, pc.is_in(entity, ENTITY_CODES)),
                                     pa.int64()),
              "active": active, "primary_taxonomy": primary,
              "taxonomy_codes": taxonomy_codes, "search_names": fold(names)}
    return [values[field] for field in nppes.RECORD_FIELDS]


def main_batches(member: nppes.Member) -> Iterator[Batch]:
    """The rows of a main file (``npidata_pfile``), as the values of RECORD_FIELDS."""
    for columns, position in _blocks(member, nppes.REQUIRED_MAIN):
        try:
            yield Batch(_main_values(columns), position)
        except pa.ArrowInvalid as exc:  # an NPI that is not a number
            raise nppes.DamagedFileError(member.name, str(exc).splitlines()[0]) from exc


def simple_batches(member: nppes.Member, columns: list[tuple[str, str]],
                   first_id: int = 0) -> Iterator[Batch]:
    """The rows of a secondary file (locations, other names): an id numbered from
    ``first_id + 1`` (the tables have no sequence, see models), then ``columns``; the
    other names folded like the search names."""
    next_id = first_id + 1
    for values, position in _blocks(member, [name for _, name in columns]):
        try:
            npi = pc.cast(values[0], pa.int64())
        except pa.ArrowInvalid as exc:
            raise nppes.DamagedFileError(member.name, str(exc).splitlines()[0]) from exc
        rest = [fold(value) if field == "name" else value
                for (field, _), value in zip(columns[1:], values[1:], strict=True)]
        ids = pa.array(range(next_id, next_id + len(npi)), pa.int64())
        next_id += len(npi)
        yield Batch([ids, npi, *rest], position)



def read_ahead(batches: Iterator[Batch], prepare: Callable[[Batch], T],
               depth: int = READ_AHEAD) -> Iterator[tuple[Batch, T]]:
    """``batches`` and what ``prepare`` makes of each, read and computed in a thread
    while the caller inserts the previous ones (pyarrow's kernels release the GIL; so
    does SQLite while it writes). At most ``depth`` batches wait; an error in the thread
    is raised here; closing this generator (or an exception in the caller, Ctrl-C
    included) stops the thread."""
    waiting: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def hand(item) -> bool:
        while not stop.is_set():
            try:
                waiting.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for batch in batches:
                if not hand((batch, prepare(batch))):
                    return
            hand(done)
        except BaseException as exc:  # noqa: BLE001 - every failure goes to the caller
            hand(exc)
        finally:
            close = getattr(batches, "close", None)
            if close:
                close()

    thread = threading.Thread(target=produce, name="nppes-reader", daemon=True)
    thread.start()
    try:
        while (item := waiting.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()
