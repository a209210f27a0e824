"""Benchmark: import a synthetic NPPES main file and search it, beside DuckDB reading the same CSV.

    /work/main/.venv/bin/python bench/nppes.py --rows 300000
    /work/main/.venv/bin/python bench/nppes.py --rows 300000 \
        --database-url postgres://postgres@127.0.0.1:5432/test

Prints rows/s, the import's peak memory (the import runs alone in a child process; the
file is read in its threads), database and search-index size, search p50/p95/max per
query shape through the search function and through the web page (``/directory/?q=``
with ``HX-Request``, as the search box sends it), and the time DuckDB takes to read the
same CSV and project the same columns. Targets (issue 16): the 9M-row file in < 5 min
with < 1 GB peak memory and no more than 4x DuckDB's read; search p95 < 50 ms for every
query shape.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from recordright.directory import nppes, synthetic  # noqa: E402

# Every query shape a user types (issue 16), a few of each; each shape gets its own
# p50/p95/max, through the search function and through the web page.
SHAPES: dict[str, list[tuple[str, dict]]] = {
    "2-3 letter prefix": [("sm", {}), ("gar", {}), ("jo", {}), ("ngu", {}), ("ok", {})],
    "common last name": [("smith", {}), ("garcia", {}), ("johnson", {}),
                         ("nguyen", {"state": "CA"})],
    "first + last": [("john smith", {}), ("smith john", {}), ("maria garcia", {}),
                     ("wei chen", {})],
    "name + specialty or place": [("garcia pediatrics", {}), ("lee derm", {}),
                                  ("patel card", {}), ("wright ortho", {}),
                                  ("kim", {"city": "Boston"}), ("chen", {"zip_prefix": "021"}),
                                  ("lee dermatology", {"state": "WA"})],
    "organization": [("community hospital", {}), ("clinic", {"state": "NY"}),
                     ("pharmacy", {"state": "FL"}), ("laboratory", {"state": "IL"}),
                     ("hospital", {}), ("family medicine", {"state": "TX"})],
    "typo": [("willaims", {}), ("quimbey", {}), ("jonson", {}), ("garica", {}),
             ("rodriguex family", {})],
    "filters": [("okafor", {"active": True}), ("haddad", {"entity": "individual"}),
                ("muñoz", {}), ("smith", {"active": False})],
    "NPI": [],  # filled with NPIs of the file
}

CHILD_IMPORT = """
import json, resource, sys, time
from recordright.commands import setup_django
setup_django()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.db import connection
from recordright.directory import loader, progress, schema
# When the rows are loaded and the search index and indexes begin (the first phase that
# is not a file's name), to weigh the progress bar's two parts (progress.POST_SHARE).
phases, phase = [], progress.ImportProgress.phase
def timed_phase(bar, label):
    phases.append((label, time.perf_counter()))
    phase(bar, label)
progress.ImportProgress.phase = timed_phase
start = time.perf_counter()
summary = loader.import_path(sys.argv[1], kind="full", progress=True)
seconds = time.perf_counter() - start
loaded = next((at for label, at in phases if not label.endswith(".csv")), start + seconds)
usage = resource.getrusage(resource.RUSAGE_SELF)
# The file is read in threads of this process (directory.columnar); any child process
# is counted too, its peak memory on top of ours.
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rows": summary.rows, "seconds": seconds, "load_seconds": loaded - start,
                  "cpu_seconds": usage.ru_utime + usage.ru_stime,
                  "child_cpu_seconds": children.ru_utime + children.ru_stime,
                  "maxrss_kb": usage.ru_maxrss + children.ru_maxrss,
                  "index_bytes": schema.search_index_bytes(connection)}))
"""

CHILD_SEARCH = """
import json, os, sys, time
from recordright.commands import setup_django
setup_django()
from django.contrib.auth import get_user_model
from django.test import Client
from recordright.directory.search import search_providers
shapes = json.loads(sys.argv[1])
# The page the user types into: /directory/?q=... as htmx sends it while typing.
user, _ = get_user_model().objects.get_or_create(email="bench@example.org")
client = Client()
client.force_login(user)
FORM = {"state": "state", "city": "city", "zip_prefix": "zip", "entity": "entity"}

def web(text, options):
    params = {"q": text, **{FORM[k]: v for k, v in options.items() if k in FORM}}
    if "active" in options:
        params["status"] = "active" if options["active"] else "deactivated"
    response = client.get("/directory/", params, HTTP_HX_REQUEST="true")
    assert response.status_code == 200, response.status_code

# CPU time of this connection's PostgreSQL server process (a local server; Linux /proc,
# 10 ms ticks: summed over a shape's queries, not per query), or None.
def server_cpu_ms():
    from django.db import connection
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return pid, (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

result = {}
for shape, queries in shapes.items():
    function_ms, web_ms, function_cpu, web_cpu, counts = [], [], [], [], {}
    server_ms, server_n = 0.0, 0
    for repeat in range(int(sys.argv[2]) + 1):
        for text, options in queries:
            before = server_cpu_ms()
            start, start_cpu = time.perf_counter(), time.process_time()
            found = search_providers(text, **options)
            middle, middle_cpu = time.perf_counter(), time.process_time()
            after = server_cpu_ms()
            if repeat and before and after and before[0] == after[0]:
                server_ms, server_n = server_ms + after[1] - before[1], server_n + 1
            web(text, options)
            end, end_cpu = time.perf_counter(), time.process_time()
            if repeat:  # the first round warms the page cache
                function_ms.append((middle - start) * 1000)
                web_ms.append((end - middle) * 1000)
                function_cpu.append((middle_cpu - start_cpu) * 1000)
                web_cpu.append((end_cpu - middle_cpu) * 1000)
            counts[" ".join([text, *map(str, options.values())])] = len(found)
    result[shape] = {"function_ms": function_ms, "web_ms": web_ms, "counts": counts,
                     "function_cpu_ms": function_cpu, "web_cpu_ms": web_cpu,
                     "server_cpu_mean_ms": server_ms / server_n if server_n else None}
print(json.dumps(result))
"""


def generate(path: Path, rows: int) -> float:
    start = time.perf_counter()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = synthetic.RowWriter(handle)
        for row in synthetic.rows(rows):
            writer.write(row)
    return time.perf_counter() - start


CHILD_DUCKDB = """
import duckdb, sys, time
start = time.perf_counter()
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
con.execute(sys.argv[1])
con.close()
print(time.perf_counter() - start)
"""


def duckdb_seconds(path: Path, workdir: Path, env: dict[str, str]) -> float:
    """In its own process: a child forked from a big parent would report the parent's RSS."""
    headers = [header for _, header in nppes.MAIN_COLUMNS] + nppes.TAXONOMY_COLUMNS + \
        nppes.PRIMARY_COLUMNS
    columns = ", ".join('"' + name.replace('"', '""') + '"' for name in headers)
    sql = (f"COPY (SELECT {columns} FROM read_csv('{path}', all_varchar=true, header=true)) "  # noqa: S608 - a local benchmark file
           f"TO '{workdir / 'projected.parquet'}' (FORMAT parquet)")
    done = subprocess.run([sys.executable, "-c", CHILD_DUCKDB, sql], env=env, check=True,
                          stdout=subprocess.PIPE, text=True)
    return float(done.stdout.strip().splitlines()[-1])


def _child(script: str, args: list[str], env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, check=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _postgres_database(url: str, name: str, create: bool) -> str:
    import psycopg

    parts = urlparse(url)
    # CREATE/DROP DATABASE from the server's maintenance database, not the one named.
    with psycopg.connect(urlunparse(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')
    return urlunparse(parts._replace(path=f"/{name}"))


def database_bytes(env: dict[str, str], data_dir: Path) -> int:
    if "DATABASE_URL" not in env:
        return sum(file.stat().st_size for file in data_dir.glob("recordright.db*"))
    import psycopg

    with psycopg.connect(env["DATABASE_URL"]) as conn:
        return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def _npis_of(path: Path, count: int = 4) -> list[str]:
    """A few NPIs spread over the file (an NPI search is a primary-key lookup)."""
    found = []
    with path.open(encoding="utf-8") as handle:
        next(handle)
        for number, line in enumerate(handle):
            if number % 997 == 0:
                found.append(line[1:11])
            if len(found) == count:
                break
    return found


def _print_search(searched: dict) -> None:
    """Wall time, and the CPU time of this process (SQLite runs in it), and on PostgreSQL
    the server's CPU per search through the function (a mean: /proc counts 10 ms ticks):
    on a shared machine the wall time includes waiting for a core."""
    server = any(figures.get("server_cpu_mean_ms") is not None for figures in searched.values())
    print(f"{'Search (ms)':<27} {'function p50/p95/max':>22} {'web view p50/p95/max':>22} "
          f"{'CPU p95 function/web':>21}" + (f" {'server CPU mean':>16}" if server else ""))
    every: dict[str, list[float]] = {}
    for shape, figures in searched.items():
        for key in ("function_ms", "web_ms", "function_cpu_ms", "web_cpu_ms"):
            every.setdefault(key, []).extend(figures[key])
        mean = figures.get("server_cpu_mean_ms")
        print(f"  {shape:<25} {_triple(figures['function_ms']):>22} "
              f"{_triple(figures['web_ms']):>22} {_cpu(figures):>21}"
              + (f" {mean:>16.1f}" if server and mean is not None else ""))
    print(f"  {'all ' + str(len(every['function_ms'])) + ' queries':<25} "
          f"{_triple(every['function_ms']):>22} {_triple(every['web_ms']):>22} "
          f"{_cpu(every):>21}")
    print("Results per query: " + ", ".join(
        f"{q!r}: {n}" for figures in searched.values() for q, n in figures["counts"].items()))


def _cpu(figures: dict) -> str:
    return (f"{_percentile(figures['function_cpu_ms'], 0.95):.1f} / "
            f"{_percentile(figures['web_cpu_ms'], 0.95):.1f}")


def _triple(values: list[float]) -> str:
    return (f"{statistics.median(values):.1f} / {_percentile(values, 0.95):.1f} / "
            f"{max(values):.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=9_000_000)
    parser.add_argument("--database-url", help="PostgreSQL database to create (dropped "
                                               "first if it exists; default: SQLCipher file)")
    parser.add_argument("--workdir", type=Path, help="keep the CSV here (reused if present)")
    parser.add_argument("--repeats", type=int, default=5, help="rounds of the query set")
    parser.add_argument("--keep-db", type=Path, metavar="DIR",
                        help="keep the SQLCipher database (or the PostgreSQL one) in/for DIR "
                             "and, if it is already imported, only search it again")
    parser.add_argument("--skip-duckdb", action="store_true")
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="nppes-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    csv_path = workdir / f"npidata_pfile_20050523-20260308_{args.rows}.csv"
    if not csv_path.exists():
        print(f"Generating {args.rows:,} rows ...", file=sys.stderr)
        print(f"generated in {generate(csv_path, args.rows):.1f} s", file=sys.stderr)
    size = csv_path.stat().st_size
    print(f"CSV: {args.rows:,} rows, {size / 1e6:,.0f} MB ({size / args.rows:,.0f} B/row)")

    data_dir = args.keep_db or Path(tempfile.mkdtemp(prefix="nppes-bench-db-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "RECORDRIGHT_DATA_DIR": str(data_dir),
           "RECORDRIGHT_KEY": os.environ.get("RECORDRIGHT_KEY", "be" * 32),
           "RECORDRIGHT_ALLOWED_HOSTS": "testserver",
           "DJANGO_SETTINGS_MODULE": "recordright.settings"}
    env.pop("DATABASE_URL", None)
    # The database named in --database-url (created, and dropped unless --keep-db).
    bench_db = urlparse(args.database_url or "").path.strip("/") or \
        f"recordright_bench_{os.getpid()}"
    imported = args.keep_db and (data_dir / f"imported-{bool(args.database_url)}").exists()
    if args.database_url:
        env["DATABASE_URL"] = (urlunparse(urlparse(args.database_url)._replace(
            path=f"/{bench_db}")) if imported else
            _postgres_database(args.database_url, bench_db, create=True))
    shapes = {**SHAPES, "NPI": [(npi, {}) for npi in _npis_of(csv_path)]}
    vendor = "PostgreSQL" if args.database_url else "SQLCipher"
    try:
        if not imported:
            result = _child(CHILD_IMPORT, [str(csv_path)], env)
            (data_dir / f"imported-{bool(args.database_url)}").write_text(json.dumps(result))
            _print_import(vendor, result, database_bytes(env, data_dir))
        searched = _child(CHILD_SEARCH, [json.dumps(shapes), str(args.repeats)], env)
        _print_search(searched)
        if not args.skip_duckdb:
            duck = duckdb_seconds(csv_path, workdir, env)
            print(f"DuckDB read_csv(all_varchar) + projection of the same "
                  f"{len(nppes.REQUIRED_MAIN)} columns: {duck:.1f} s ({args.rows / duck:,.0f} "
                  f"rows/s)" + (f"; the import took {result['seconds'] / duck:.1f}x as long"
                                if not imported else ""))
    finally:
        if not args.keep_db:
            if args.database_url:
                _postgres_database(args.database_url, bench_db, create=False)
            shutil.rmtree(data_dir, ignore_errors=True)
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


def _print_import(vendor: str, result: dict, db_bytes: int) -> None:
    rows = sum(result["rows"].values())
    child_cpu = result.get("child_cpu_seconds", 0.0)
    load = result.get("load_seconds", result["seconds"])
    print(f"Import ({vendor}): {result['seconds']:.1f} s, {rows / result['seconds']:,.0f} rows/s "
          f"(rows loaded in {load:.1f} s, search index and indexes "
          f"{result['seconds'] - load:.1f} s: {1 - load / result['seconds']:.0%} of the time), "
          f"peak memory {result['maxrss_kb'] / 1024:,.0f} MiB (the importing process, its "
          f"reading threads included, plus any child process), CPU "
          f"{result['cpu_seconds'] + child_cpu:.1f} s in this process (the database "
          "server's not counted; CPU time is steadier than wall time on a busy machine)")
    print(f"Database {db_bytes / 1e6:,.0f} MB; search index "
          f"{(result['index_bytes'] or 0) / 1e6:,.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
