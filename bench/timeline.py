"""Benchmark the vault's reading pages for a patient with many entries.

    python bench/timeline.py                          # throwaway SQLCipher database
    python bench/timeline.py --database-url postgres://postgres@127.0.0.1:5432/bench_vault_read
    python bench/timeline.py --entries 100000

One patient with ``--entries`` entries over 25 years (every category; a fifth are numeric lab
results of eight tests, so the chart page has long series) answering one request. Timed
through Django's test client (view, queries, template): the timeline's first and a late page,
a kind page, the provider and date filters, the lab-charts page and the request's "what
arrived" page (the gap check). Printed beside, in the same run: fetching one page of 50 rows
with a bare query (the floor for any page that lists entries).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CATEGORIES = ("problems", "medications", "allergies", "immunizations", "results", "vitals",
              "encounters", "procedures", "notes")
TESTS = ("Glucose", "Hemoglobin A1c", "Creatinine", "Potassium", "Sodium", "LDL cholesterol",
         "Platelets", "TSH")


def _setup(database_url: str | None) -> None:
    os.environ.setdefault("RECORDRIGHT_DATA_DIR", tempfile.mkdtemp(prefix="bench-read-"))
    os.environ.setdefault("RECORDRIGHT_KEY", "be" * 32)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "recordright.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    call_command("migrate", interactive=False, verbosity=0)
    setup_test_environment()


def build(entries: int):
    from django.contrib.auth import get_user_model

    from recordright.patients.models import Patient, PatientAccess, Role
    from recordright.providers.models import Provider
    from recordright.requests.models import RecordsRequest
    from recordright.vault.models import Document, Entry

    user = get_user_model().objects.create_user(email=f"bench{time.time_ns()}@example.org",
                                                password="x" * 20)
    patient = Patient.objects.create(full_name="Bench Reading Patient")
    PatientAccess.objects.create(patient=patient, user=user, role=Role.OWNER)
    provider = Provider.objects.create(owner=user, name="Bench Clinic", state="IL")
    req = RecordsRequest.objects.create(patient=patient, provider=provider, created_by=user,
                                        date_from=date(2000, 1, 1), date_to=date(2024, 12, 31))
    document = Document.objects.create(
        patient=patient, request=req, received_on=date.today(), arrival="cli", kind="fhir",
        original_name="bench.ndjson", sha256="0" * 64, size=0, status="ready")
    start = date(2000, 1, 1)
    rows = []
    for number in range(entries):
        category = "results" if number % 5 == 0 else CATEGORIES[number % len(CATEGORIES)]
        test = TESTS[number % len(TESTS)]
        value = 4.0 + (number % 37) / 10
        rows.append(Entry(
            patient=patient, document=document, category=category,
            title=test if category == "results" else f"{category} {number % 300}",
            date=start + timedelta(days=number * 9100 // entries),
            value_text=f"{value:g}" if category == "results" else "",
            value_number=value if category == "results" else None,
            unit="mg/dL" if category == "results" else "",
            abnormal_flag="H" if category == "results" and value > 7 else "",
            provider=f"Dr. Bench {number % 12}", fingerprint=f"{number:064x}"))
        if len(rows) == 5000:
            Entry.objects.bulk_create(rows)
            rows = []
    Entry.objects.bulk_create(rows)
    return user, patient, req


def timed(call, rounds: int) -> tuple[float, float]:
    call()  # warm
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url")
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    _setup(args.database_url)
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from recordright.vault.models import Entry

    print(f"Database: {connection.vendor}; {args.entries:,} entries for one patient; "
          f"CPU count {os.cpu_count()}")
    user, patient, req = build(args.entries)
    client = Client()
    client.force_login(user)
    timeline = reverse("vault:timeline", args=[patient.pk])
    pages = {
        "timeline, page 1": (timeline, {}),
        "timeline, page 100": (timeline, {"page": 100}),
        "kind: lab results": (reverse("vault:category", args=[patient.pk, "results"]), {}),
        "provider filter": (timeline, {"provider": "Dr. Bench 3"}),
        "dates 2010-2011": (timeline, {"date_from": "2010-01-01", "date_to": "2011-12-31"}),
        "lab charts": (reverse("vault:labs", args=[patient.pk]), {}),
        "request: what arrived": (reverse("vault:request-records", args=[req.pk]), {}),
    }

    def floor():
        list(Entry.objects.filter(patient=patient).order_by("-date", "-id")
             .values_list("id", "title", "date")[:50])
    f50, f95 = timed(floor, args.rounds)
    print(f"{'page':24} {'p50':>9} {'p95':>9}")
    print(f"{'(bare query, 50 rows)':24} {f50:8.1f}ms {f95:8.1f}ms")
    for name, (url, params) in pages.items():
        def get(url=url, params=params):
            response = client.get(url, params)
            assert response.status_code == 200, (url, response.status_code)
        p50, p95 = timed(get, args.rounds)
        print(f"{name:24} {p50:8.1f}ms {p95:8.1f}ms")


if __name__ == "__main__":
    main()
