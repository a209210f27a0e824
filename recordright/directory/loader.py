"""Loading NPPES files into the directory: full monthly files, weekly updates, deactivations.

Rows are streamed straight from the ZIP member a block at a time (``columnar``: pyarrow
splits the CSV in its own threads and every value is computed on whole columns), and
inserted in batches on the raw DB-API cursor (``executemany``, or ``COPY`` on
PostgreSQL; the ORM would be ten times slower at 9 million rows), so memory stays
constant whatever the file size.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
from django.db import connection, transaction
from django.utils import timezone

from recordright.directory import columnar, import_guard, nppes, schema, staging, terms
from recordright.directory.models import DirectoryImport, NpiLocation, NpiOtherName, NpiRecord
from recordright.directory.progress import POST_SHARE, ImportProgress

BATCH = 5000


@dataclass
class ImportSummary:
    kind: str
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _placeholder() -> str:
    return "%s" if connection.vendor == "postgresql" else "?"


def _insert_sql(table: str, fields: list[str], upsert: bool = False) -> str:
    marks = ", ".join([_placeholder()] * len(fields))
    sql = f"INSERT INTO {table} ({', '.join(fields)}) VALUES ({marks})"  # noqa: S608 - table names are constants, values are parameters
    if upsert:
        # A deactivated row arrives blank: keep the name and address we knew.
        blank = "excluded.entity_type IS NULL AND excluded.search_names = ''"
        updates = ", ".join(
            f"{name} = CASE WHEN {blank} THEN {table}.{name} ELSE excluded.{name} END"
            if name in schema.KEEP_WHEN_BLANK and "search_names" in fields
            else f"{name} = excluded.{name}" for name in fields[1:])
        sql += f" ON CONFLICT ({fields[0]}) DO UPDATE SET {updates}"
    return sql


class _Writer:
    """Writes batches of rows into one table: COPY on PostgreSQL when plain inserts will
    do (the staging tables: the arrays go as CSV, written by pyarrow, no Python object
    per value), else INSERT ... executemany."""

    def __init__(self, table: str, fields: list[str], upsert: bool = False):
        self.fields = fields
        self.sql = _insert_sql(table, fields, upsert)
        # CSV: an unquoted empty field is NULL, a quoted one ("") an empty string,
        # which is how pyarrow writes them.
        self.copy_sql = None if upsert or connection.vendor != "postgresql" else \
            f"COPY {table} ({', '.join(fields)}) FROM STDIN (FORMAT csv)"

    def prepare(self, batch: columnar.Batch) -> list[tuple] | pa.Buffer:
        """What ``write`` sends: tuples, or CSV for COPY. Called in the reading thread
        (``columnar.read_ahead``), beside the inserts of the previous batch."""
        if self.copy_sql is None:
            return batch.rows()
        text = pa.BufferOutputStream()
        pa_csv.write_csv(pa.RecordBatch.from_arrays(batch.arrays, names=self.fields), text,
                         pa_csv.WriteOptions(include_header=False))
        return text.getvalue()

    def write(self, cursor, prepared: list[tuple] | pa.Buffer) -> None:
        if self.copy_sql is None:
            cursor.executemany(self.sql, prepared)
            return
        with cursor.copy(self.copy_sql) as copy:
            copy.write(memoryview(prepared))


def _batches(rows: Iterable, size: int = BATCH) -> Iterator[list]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def _stream(member: nppes.Member, batches: Iterator[columnar.Batch], writer: _Writer,
            bar: ImportProgress,
            on_batch: Callable[[columnar.Batch], None] | None = None) -> int:
    """Insert every row of one CSV member (``columnar``); returns the number of rows.
    One transaction per batch, begun once the batch has been read: the write lock is held
    while inserting ~13,000 rows (a fraction of a second), never while the file is read
    (the next block is read meanwhile, see ``columnar.read_ahead``)."""
    count, seen = 0, 0
    bar.phase(Path(member.name).name)
    raw_cursor = connection.connection.cursor()
    batches = columnar.read_ahead(batches, writer.prepare)
    try:
        for batch, prepared in batches:
            with transaction.atomic():
                writer.write(raw_cursor, prepared)
                if on_batch:
                    on_batch(batch)
            count += len(batch)
            bar.read(batch.position - seen)
            seen = batch.position
    finally:
        batches.close()
        raw_cursor.close()
    bar.read(member.size - seen)
    return count


def _members(path: Path) -> dict[str, nppes.Member]:
    members = {}
    for member in nppes.find_members(path):
        members.setdefault(member.kind, member)
    return members


def check_main_header(member: nppes.Member) -> None:
    with nppes.open_rows(member) as (header, _rows, _raw):
        nppes.column_indices(header, nppes.REQUIRED_MAIN, member.name)


def _span_days(name: str) -> int | None:
    """Days covered by a name like npidata_pfile_20260309-20260315.csv."""
    match = re.search(r"(\d{8})-(\d{8})", name)
    if not match:
        return None
    try:
        first, last = (datetime.strptime(part, "%Y%m%d") for part in match.groups())
    except ValueError:
        return None
    return (last - first).days


def guess_kind(path: Path, members: dict[str, nppes.Member]) -> str:
    """Weekly files say "Weekly" in the ZIP name and cover a week in the CSV name."""
    if "main" not in members and "deactivation" in members:
        return DirectoryImport.Kind.DEACTIVATION
    span = _span_days(members["main"].name) if "main" in members else None
    if "weekly" in path.name.lower() or (span is not None and span <= 31):
        return DirectoryImport.Kind.WEEKLY
    return DirectoryImport.Kind.FULL


def import_path(path: str | Path, *, kind: str | None = None, progress: bool = True,
                force: bool = False) -> ImportSummary:
    """Import an NPPES ZIP or CSV: a full file (staging + swap), a weekly file or a
    deactivation report. Raises nppes.HeaderError (a column missing), nppes.DamagedFileError
    (a cut file) or import_guard.ImportRefused (another import running; a full file that
    would remove more than the allowed share of the directory, unless ``force``), leaving
    the directory as it was."""
    path = Path(path)
    members = _members(path)
    kind = kind or guess_kind(path, members)
    if kind != DirectoryImport.Kind.DEACTIVATION:
        if "main" not in members:
            raise nppes.HeaderError(str(path), ["npidata_pfile_*.csv (the main file)"])
        check_main_header(members["main"])
    import_guard.fail_abandoned_imports()
    import_guard.refuse_if_running()
    log = DirectoryImport.objects.create(kind=kind, source=path.name[:300], pid=os.getpid(),
                                         host=import_guard.this_host())
    started = timezone.now()
    _tune(bulk=True)
    bar = None if kind == DirectoryImport.Kind.DEACTIVATION else \
        _bar(members, progress, full=kind == DirectoryImport.Kind.FULL)
    try:
        if kind == DirectoryImport.Kind.FULL:
            summary = _full(members, bar, force)
        elif kind == DirectoryImport.Kind.WEEKLY:
            summary = _weekly(members, bar)
        else:
            summary = _deactivations(members.get("deactivation") or members["main"], progress)
    except BaseException as exc:
        # BaseException: Ctrl-C must clean up the staging tables too.
        if bar:
            bar.stop()  # the bar ends its line before the error is printed
        if kind == DirectoryImport.Kind.FULL:
            schema.drop_staging(connection)
        log.status, log.message = DirectoryImport.Status.FAILED, str(exc)[:2000]
        log.finished_at = timezone.now()
        log.save()
        raise
    finally:
        _tune(bulk=False)
    summary.seconds = (timezone.now() - started).total_seconds()
    log.status, log.rows, log.finished_at = DirectoryImport.Status.DONE, summary.total, \
        timezone.now()
    log.save()
    return summary


def _bar(members: dict[str, nppes.Member], enabled: bool, full: bool) -> ImportProgress:
    streamed = sum(member.size for kind, member in members.items()
                   if kind in ("main", "location", "othername"))
    share = POST_SHARE.get(connection.vendor, 0.35) if full else 0.0
    return ImportProgress(streamed, enabled, share, Path(members["main"].name).name)


def _tune(bulk: bool) -> None:
    """SQLite: a 256 MB page cache while loading (rows arriving out of NPI order would
    otherwise re-read and re-encrypt pages), synchronous=NORMAL (safe with WAL: a crash
    loses at most the staging tables, which are rebuilt anyway), a helper thread for the
    sorts of the index builds (the file is read by then: the second core is free; the
    cache is smaller then, see staging.SQLITE_INDEX_CACHE_KB), and a checkpoint every
    ~40 MB of WAL instead of every 4 MB."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA cache_size = {-262144 if bulk else -2000}")
        cursor.execute(f"PRAGMA threads = {2 if bulk else 0}")
        cursor.execute(f"PRAGMA wal_autocheckpoint = {10000 if bulk else 1000}")
        if not connection.in_atomic_block:  # the pragma is refused inside a transaction
            cursor.execute(f"PRAGMA synchronous = {'NORMAL' if bulk else 'FULL'}")


def _location_fields() -> list[str]:
    return ["id"] + [name for name, _ in nppes.LOCATION_COLUMNS]


def _othername_fields() -> list[str]:
    return ["id"] + [name for name, _ in nppes.OTHERNAME_COLUMNS]


def _full(members: dict[str, nppes.Member], bar: ImportProgress,
          force: bool) -> ImportSummary:
    summary = ImportSummary(DirectoryImport.Kind.FULL)
    schema.create_staging(connection)
    main = members["main"]
    summary.rows["main"] = _stream(main, columnar.main_batches(main),
                                   _Writer(schema.staging_name(NpiRecord), nppes.RECORD_FIELDS),
                                   bar)
    import_guard.check_removal(summary.rows["main"], force)
    for kind, model, columns, fields in (
            ("location", NpiLocation, nppes.LOCATION_COLUMNS, _location_fields()),
            ("othername", NpiOtherName, nppes.OTHERNAME_COLUMNS, _othername_fields())):
        if kind in members:
            member = members[kind]
            summary.rows[kind] = _stream(member, columnar.simple_batches(member, columns),
                                         _Writer(schema.staging_name(model), fields), bar)

    staging.run(connection, staging.steps(connection, summary.rows["main"]),
                started=lambda step: bar.phase(step.label),
                done=lambda step: bar.finished_share(step.weight))
    bar.phase("swapping in")
    schema.swap_in(connection)
    bar.close()
    return summary


def _max_id(model) -> int:
    return model.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _weekly(members: dict[str, nppes.Member], bar: ImportProgress) -> ImportSummary:
    """Upserts in one transaction (a weekly file is ~30 MB): all of it or none of it."""
    summary = ImportSummary(DirectoryImport.Kind.WEEKLY)
    touched: set[int] = set()
    main = members["main"]
    with transaction.atomic():
        summary.rows["main"] = _stream(
            main, columnar.main_batches(main),
            _Writer(NpiRecord._meta.db_table, nppes.RECORD_FIELDS, upsert=True), bar,
            on_batch=lambda batch: touched.update(batch.arrays[0].to_pylist()))
        for kind, model, columns, fields in (
                ("location", NpiLocation, nppes.LOCATION_COLUMNS, _location_fields()),
                ("othername", NpiOtherName, nppes.OTHERNAME_COLUMNS, _othername_fields())):
            if kind not in members:
                continue
            member = members[kind]
            npis = _npis_in(member, columns)
            # A weekly file lists all of an NPI's secondary rows: replace them.
            for chunk in _batches(sorted(npis), 500):
                model.objects.filter(npi__in=chunk).delete()
            touched.update(npis)
            summary.rows[kind] = _stream(
                member, columnar.simple_batches(member, columns, _max_id(model)),
                _Writer(model._meta.db_table, fields), bar)
        refresh_search_rows(touched)
    bar.close()
    return summary


def _npis_in(member: nppes.Member, columns) -> set[int]:
    return {npi for batch in columnar.simple_batches(member, columns)
            for npi in batch.arrays[1].to_pylist()}


def refresh_search_rows(npis: Iterable[int]) -> None:
    """Recompute search names (with other names) and the FTS rows of some NPIs."""
    for chunk in _batches(sorted(npis), 500):
        others: dict[int, list[str]] = {}
        for npi, name in NpiOtherName.objects.filter(npi__in=chunk).values_list("npi", "name"):
            others.setdefault(npi, []).append(name)
        records = list(NpiRecord.objects.filter(npi__in=chunk))
        for record in records:
            parts = (record.org_name, record.other_org_name, record.first_name,
                     record.middle_name, record.last_name, *others.get(record.npi, []))
            record.search_names = nppes.fold(" ".join(part for part in parts if part))
        NpiRecord.objects.bulk_update(records, ["search_names"], batch_size=500)
        if connection.vendor == "sqlite":
            _refresh_fts(records)
        with connection.cursor() as cursor:
            terms.add(cursor, [record.search_names for record in records])


def _refresh_fts(records: list[NpiRecord]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {schema.FTS} WHERE rowid = %s",  # noqa: S608 - table names are constants, values are parameters
                           [(record.npi,) for record in records])
        cursor.executemany(
            f"INSERT INTO {schema.FTS} (rowid, names, tax, place) VALUES (%s, %s, %s, %s)",  # noqa: S608 - table names are constants, values are parameters
            [(record.npi, record.search_names, record.taxonomy_codes,
              schema.place_text(record.state, record.zip, record.city, record.entity_type,
                                record.active)) for record in records])


def _deactivations(member: nppes.Member, progress: bool) -> ImportSummary:
    """Mark the NPIs of the CMS deactivation report inactive (unless reactivated since)."""
    summary = ImportSummary(DirectoryImport.Kind.DEACTIVATION)
    table = NpiRecord._meta.db_table
    mark = _placeholder()
    sql = (f"UPDATE {table} SET deactivated_on = {mark}, active = CASE WHEN reactivated_on "  # noqa: S608 - table names are constants, values are parameters
           f"IS NOT NULL AND reactivated_on >= {mark} THEN {_true()} ELSE {_false()} END "
           f"WHERE npi = {mark}")
    count = 0
    with transaction.atomic(), nppes.open_rows(member) as (header, rows, raw):
        bar, seen = ImportProgress(member.size, progress, label=Path(member.name).name), 0
        raw_cursor = connection.connection.cursor()
        for batch in _batches(nppes.read_deactivations(header, rows, member.name)):
            raw_cursor.executemany(sql, [(day, day, npi) for npi, day in batch])
            if connection.vendor == "sqlite":  # the FTS "active" token (PostgreSQL's follows)
                _refresh_fts(list(NpiRecord.objects.filter(npi__in=[npi for npi, _ in batch])))
            count += len(batch)
            bar.read(raw.tell() - seen)
            seen = raw.tell()
        raw_cursor.close()
        bar.close()
    summary.rows["deactivation"] = count
    return summary


def _true() -> str:
    return "TRUE" if connection.vendor == "postgresql" else "1"


def _false() -> str:
    return "FALSE" if connection.vendor == "postgresql" else "0"


def directory_is_empty() -> bool:
    return not NpiRecord.objects.exists()
