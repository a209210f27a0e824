"""Benchmark the vault's FHIR import end to end, and OCR of a scanned document.

    python bench/import.py                              # throwaway SQLCipher database
    python bench/import.py --database-url postgres://postgres@127.0.0.1:5432/bench_vault
    python bench/import.py --resources 100000 --ocr-pages 50

FHIR: the five Synthea bundles in ../shared/data/fhir are replicated into one large Bundle
each (every copy with new ids and its dates moved back a day per copy, so no fact repeats),
at least ``--resources`` resources in all. Printed in the same run, on the same files:

- ``orjson`` alone: parse every file and drop the result (the reference);
- ``fhir.resources`` R4B: validate every resource with its model (never on the import path);
- the import: ``recordright import`` of every file (store the original encrypted, parse,
  normalise, keep raw chunks encrypted, write entries and the search index), one patient per
  file, into the encrypted database.

Targets (issue 11): at least 10,000 resources/s and a third of the orjson rate.

OCR: a PDF of ``--ocr-pages`` pictures of typed pages (made here with Pillow), imported the
same way: pages per second, and the peak memory of the sandboxed child (PDFium, OCRmyPDF,
Tesseract) and of the importing process.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import re
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SYNTHEA = Path(os.environ.get("RECORDRIGHT_BENCH_FHIR", "/work/shared/data/fhir"))
_DATE = re.compile(rb'"(\d{4})-(\d{2})-(\d{2})')
_ID = re.compile(rb'("(?:id|reference|fullUrl)"\s*:\s*"(?:[A-Za-z]+/|urn:uuid:)?)([^"]+)"')


def _setup(database_url: str | None) -> None:
    os.environ.setdefault("RECORDRIGHT_DATA_DIR", tempfile.mkdtemp(prefix="bench-vault-"))
    os.environ.setdefault("RECORDRIGHT_KEY", "be" * 32)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "recordright.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _shift(raw: bytes, copy: int) -> bytes:
    def move(match: re.Match) -> bytes:
        try:
            day = date(int(match[1]), int(match[2]), int(match[3])) - timedelta(days=copy)
        except ValueError:
            return match[0]
        return b'"' + day.isoformat().encode()
    raw = _DATE.sub(move, raw)
    return _ID.sub(lambda m: m[1] + m[2] + f"-c{copy}".encode() + b'"', raw)


def build_bundles(folder: Path, at_least: int) -> tuple[list[Path], int]:
    sources = sorted(SYNTHEA.glob("*.json"))
    bundles = [orjson.loads(path.read_bytes()) for path in sources]
    per_copy = sum(len(bundle["entry"]) for bundle in bundles)
    copies = -(-at_least // per_copy)
    paths, total = [], 0
    for number, bundle in enumerate(bundles):
        entries = [orjson.dumps(entry) for entry in bundle["entry"]]
        out = folder / f"bundle-{number}.json"
        with out.open("wb") as handle:
            handle.write(b'{"resourceType":"Bundle","type":"collection","entry":[')
            first = True
            for copy in range(copies):
                for entry in entries:
                    handle.write((b"" if first else b",") + _shift(entry, copy))
                    first = False
                    total += 1
            handle.write(b"]}")
        paths.append(out)
    return paths, total


def time_orjson(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        orjson.loads(path.read_bytes())
    return time.perf_counter() - started


def time_fhir_resources(paths: list[Path]) -> tuple[float, int]:
    from fhir.resources.R4B import get_fhir_model_class

    failures = 0
    elapsed = 0.0
    for path in paths:
        resources = [entry["resource"] for entry in orjson.loads(path.read_bytes())["entry"]]
        started = time.perf_counter()
        for item in resources:
            try:
                get_fhir_model_class(item["resourceType"]).model_validate(item)
            except Exception:  # noqa: BLE001 - counted: R4B rejects some Synthea R4 data
                failures += 1
        elapsed += time.perf_counter() - started
        del resources
        gc.collect()
    return elapsed, failures


def time_import(paths: list[Path]) -> tuple[float, int, int]:
    from recordright.patients.models import Patient
    from recordright.vault.importing import import_paths
    from recordright.vault.models import Entry

    patients = [Patient.objects.create(full_name=f"Bench Patient {n}") for n in range(len(paths))]
    resources = 0
    started = time.perf_counter()
    for patient, path in zip(patients, paths, strict=True):
        for outcome in import_paths(patient, [str(path)]):
            assert outcome.status == "imported", outcome.as_json()
            resources += sum(outcome.resources.values())
    elapsed = time.perf_counter() - started
    return elapsed, resources, Entry.objects.filter(patient__in=patients).count()


def scanned_pdf(pages: int) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 28)
    images = []
    for number in range(pages):
        image = Image.new("L", (1275, 1650), 255)  # a letter page at 150 dpi
        draw = ImageDraw.Draw(image)
        for line in range(30):
            draw.text((100, 100 + 48 * line), f"Page {number + 1} line {line + 1}: patient "
                      "seen in clinic, blood pressure stable, continue metformin.", font=font,
                      fill=0)
        images.append(image)
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", resolution=150, save_all=True, append_images=images[1:])
    return buffer.getvalue()


def time_ocr(folder: Path, pages: int) -> tuple[float, int]:
    from recordright.patients.models import Patient
    from recordright.vault.importing import import_paths

    path = folder / "scan.pdf"
    path.write_bytes(scanned_pdf(pages))
    patient = Patient.objects.create(full_name="Bench OCR Patient")
    started = time.perf_counter()
    [outcome] = list(import_paths(patient, [str(path)]))
    assert outcome.status == "imported", outcome.as_json()
    return time.perf_counter() - started, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url")
    parser.add_argument("--resources", type=int, default=50_000)
    parser.add_argument("--ocr-pages", type=int, default=50)
    parser.add_argument("--skip-validation", action="store_true",
                        help="leave out the fhir.resources reference (slow: ~1% of orjson)")
    args = parser.parse_args()
    _setup(args.database_url)
    from django.db import connection

    folder = Path(tempfile.mkdtemp(prefix="bench-vault-files-"))
    paths, total = build_bundles(folder, args.resources)
    size = sum(path.stat().st_size for path in paths) / 2**20
    print(f"Database: {connection.vendor} ({connection.display_name}); {len(paths)} bundles, "
          f"{total:,} resources, {size:.1f} MB; CPU count {os.cpu_count()}")
    parse = time_orjson(paths)
    print(f"orjson parse only        {parse:7.2f} s  {total / parse:10,.0f} resources/s")
    if not args.skip_validation:
        validate, failures = time_fhir_resources(paths)
        print(f"fhir.resources R4B       {validate:7.2f} s  {total / validate:10,.0f} resources/s"
              f"  ({failures:,} rejected)")
    elapsed, imported, entries = time_import(paths)
    rate = imported / elapsed
    print(f"recordright import       {elapsed:7.2f} s  {rate:10,.0f} resources/s  "
          f"({entries:,} entries; {rate / (total / parse):.0%} of the orjson rate)")
    print(f"Target: >= 10,000 resources/s and >= 1/3 of orjson: "
          f"{'met' if rate >= 10_000 and rate >= total / parse / 3 else 'NOT met'}")
    if args.ocr_pages:
        before_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        seconds, pages = time_ocr(folder, args.ocr_pages)
        child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"OCR of a {pages}-page scan  {seconds:7.2f} s  {pages / seconds:10.2f} pages/s  "
              f"(peak memory: child processes {child_peak:.0f} MB, importing process "
              f"{self_peak:.0f} MB, before OCR {before_self / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
