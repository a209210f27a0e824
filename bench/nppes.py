"""Benchmark: import a synthetic NPPES main file and search it, beside DuckDB reading the same CSV.

    /work/main/.venv/bin/python bench/nppes.py --rows 300000
    /work/main/.venv/bin/python bench/nppes.py --rows 300000 \
        --database-url postgres://postgres@127.0.0.1:5432/test

Prints rows/s, the import's peak memory (the import runs alone in a child process),
database and search-index size, search p50/p95 over realistic queries, and the time
DuckDB takes to read the same CSV and project the same columns. Targets (issue 6): the
9M-row file in < 5 min with < 1 GB peak memory; search p95 < 50 ms.
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

QUERIES = [
    ("smith", {}), ("john smith", {}), ("patel card", {}), ("garcia pediatrics", {}),
    ("nguyen", {"state": "CA"}), ("smi", {}), ("jonson", {}), ("family medicine", {"state": "TX"}),
    ("chen", {"zip_prefix": "021"}), ("laboratory", {"state": "IL"}), ("kim", {"city": "Boston"}),
    ("muñoz", {}), ("rodriguez family", {}), ("clinic", {"state": "NY"}), ("hospital", {}),
    ("okafor", {"active": True}), ("pharmacy", {"state": "FL"}), ("wright ortho", {}),
    ("lee dermatology", {"state": "WA"}), ("haddad", {"entity": "individual"}),
]

CHILD_IMPORT = """
import json, resource, sys, time
from recordright.commands import setup_django
setup_django()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.db import connection
from recordright.directory import loader, schema
start = time.perf_counter()
summary = loader.import_path(sys.argv[1], kind="full", progress=True)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
# The rows are parsed in a child process (directory.producer): count its CPU, and its
# peak memory on top of ours (both are alive at the same time).
reader = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rows": summary.rows, "seconds": seconds,
                  "cpu_seconds": usage.ru_utime + usage.ru_stime,
                  "reader_cpu_seconds": reader.ru_utime + reader.ru_stime,
                  "maxrss_kb": usage.ru_maxrss + reader.ru_maxrss,
                  "index_bytes": schema.search_index_bytes(connection)}))
"""

CHILD_SEARCH = """
import json, sys, time
from recordright.commands import setup_django
setup_django()
from recordright.directory.search import search_providers
queries = json.loads(sys.argv[1])
timings, counts = [], {}
for repeat in range(int(sys.argv[2]) + 1):
    for text, options in queries:
        start = time.perf_counter()
        found = search_providers(text, **options)
        if repeat:  # the first round warms the page cache
            timings.append((time.perf_counter() - start) * 1000)
        counts[text] = len(found)
print(json.dumps({"timings_ms": timings, "counts": counts}))
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
    with psycopg.connect(url, autocommit=True) as conn:
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=9_000_000)
    parser.add_argument("--database-url", help="PostgreSQL server to create a throwaway "
                                               "database on (default: SQLCipher file)")
    parser.add_argument("--workdir", type=Path, help="keep the CSV here (reused if present)")
    parser.add_argument("--repeats", type=int, default=5, help="rounds of the query set")
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="nppes-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    csv_path = workdir / f"npidata_pfile_20050523-20260308_{args.rows}.csv"
    if not csv_path.exists():
        print(f"Generating {args.rows:,} rows ...", file=sys.stderr)
        print(f"generated in {generate(csv_path, args.rows):.1f} s", file=sys.stderr)
    size = csv_path.stat().st_size
    print(f"CSV: {args.rows:,} rows, {size / 1e6:,.0f} MB ({size / args.rows:,.0f} B/row)")

    data_dir = Path(tempfile.mkdtemp(prefix="nppes-bench-db-"))
    env = {**os.environ, "RECORDRIGHT_DATA_DIR": str(data_dir),
           "RECORDRIGHT_KEY": os.environ.get("RECORDRIGHT_KEY", "be" * 32),
           "DJANGO_SETTINGS_MODULE": "recordright.settings"}
    env.pop("DATABASE_URL", None)
    bench_db = f"recordright_bench_{os.getpid()}"
    if args.database_url:
        env["DATABASE_URL"] = _postgres_database(args.database_url, bench_db, create=True)
    try:
        result = _child(CHILD_IMPORT, [str(csv_path)], env)
        searched = _child(CHILD_SEARCH, [json.dumps(QUERIES), str(args.repeats)], env)
        db_bytes = database_bytes(env, data_dir)
        duck = duckdb_seconds(csv_path, workdir, env)
    finally:
        if args.database_url:
            _postgres_database(args.database_url, bench_db, create=False)
        shutil.rmtree(data_dir, ignore_errors=True)
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    rows = sum(result["rows"].values())
    timings = sorted(searched["timings_ms"])
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    vendor = "PostgreSQL" if args.database_url else "SQLCipher"
    reader_cpu = result.get("reader_cpu_seconds", 0.0)
    print(f"Import ({vendor}): {result['seconds']:.1f} s, {rows / result['seconds']:,.0f} rows/s,"
          f" peak memory {result['maxrss_kb'] / 1024:,.0f} MB (importer + reader process), "
          f"CPU {result['cpu_seconds'] + reader_cpu:.1f} s (importer "
          f"{result['cpu_seconds']:.1f} + reader {reader_cpu:.1f}; CPU time is steadier than "
          "wall time on a busy machine)")
    print(f"  extrapolated to 9,000,000 rows: {9_000_000 / rows * result['seconds'] / 60:.1f} "
          f"min (linear)")
    print(f"Database {db_bytes / 1e6:,.0f} MB; search index "
          f"{(result['index_bytes'] or 0) / 1e6:,.0f} MB")
    print(f"Search over {len(timings)} queries: p50 {statistics.median(timings):.1f} ms, "
          f"p95 {p95:.1f} ms, max {timings[-1]:.1f} ms")
    print(f"DuckDB read_csv(all_varchar) + projection of the same {len(nppes.REQUIRED_MAIN)} "
          f"columns: {duck:.1f} s ({args.rows / duck:,.0f} rows/s)")
    print("Results per query: " + ", ".join(f"{q!r}: {n}" for q, n in searched["counts"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
