"""Benchmark the "What to do today" dashboard for an advocate with many requests.

    python bench/dashboard.py                         # throwaway SQLCipher database
    python bench/dashboard.py --database-url postgres://postgres@127.0.0.1:5432/bench_dash

Builds an advocate with 200 patients and 2,000 requests, measures, then grows to
2,000 patients and 20,000 requests (with about 2.3 events each) and measures again.
Each measurement: the dashboard loaded through Django's test Client N times (median
and p95), beside a trivial logged-in page (the account settings) measured in the same
run, and the number of SQL queries per dashboard load, which must not grow. The first
load after the data changes re-assesses every request once (the stored answers are
valid for a day); it is printed separately. Use a throwaway PostgreSQL database: the
benchmark adds its data to it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _setup(database_url: str | None) -> None:
    os.environ.setdefault("RECORDRIGHT_DATA_DIR", tempfile.mkdtemp(prefix="bench-dashboard-"))
    os.environ.setdefault("RECORDRIGHT_KEY", "be" * 32)
    os.environ["RECORDRIGHT_ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "recordright.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _build(advocate, providers, first_patient: int, patients: int, per_patient: int,
           today: date, rng: random.Random) -> None:
    """Add ``patients`` synthetic patients with ``per_patient`` requests each (bulk inserts)."""
    from recordright.patients.models import Patient, PatientAccess, Role
    from recordright.requests.models import RecordsRequest, RequestEvent

    new = Patient.objects.bulk_create(
        Patient(full_name=f"Bench Patient {first_patient + i:05d}", state="IL",
                date_of_birth=date(1950 + i % 50, 1 + i % 12, 1 + i % 28))
        for i in range(patients))
    PatientAccess.objects.bulk_create(PatientAccess(patient=p, user=advocate, role=Role.OWNER,
                                                    legal_basis="authorization") for p in new)
    requests = RecordsRequest.objects.bulk_create(
        RecordsRequest(patient=p, provider=rng.choice(providers), created_by=advocate,
                       state="IL", requester_basis="authorization")
        for p in new for _ in range(per_patient))
    events = []
    for req in requests:
        roll = rng.random()
        if roll < 0.1:
            continue  # a draft
        sent = today - timedelta(days=rng.randint(0, 120))
        events.append(RequestEvent(request=req, type="sent", on=sent, channel="certified_mail"))
        events.append(RequestEvent(request=req, type="delivered",
                                   on=min(today, sent + timedelta(days=3))))
        answer = min(today, sent + timedelta(days=rng.randint(5, 40)))
        if roll < 0.3:
            events.append(RequestEvent(request=req, type="records_provided", on=answer,
                                       facts={"complete": rng.random() < 0.8}))
        elif roll < 0.4:
            events.append(RequestEvent(request=req, type="fee_quote", on=answer, facts={
                "amount": 45.0, "components": ["per_page", "search_retrieval"]}))
        elif roll < 0.45:
            events.append(RequestEvent(request=req, type="denial", on=answer, facts={
                "grounds": ["unpaid_bill"], "scope": "full", "in_writing": True}))
    RequestEvent.objects.bulk_create(events, batch_size=2000)


def _time_page(client, url: str, loads: int) -> list[float]:
    times = []
    for _ in range(loads):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return times


def _p95(times: list[float]) -> float:
    return sorted(times)[max(0, int(round(0.95 * len(times))) - 1)]


def _measure(client, label: str, loads: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from recordright.requests.models import RecordsRequest, RequestEvent

    dashboard, reference = reverse("dashboard"), reverse("accounts:settings")
    start = time.perf_counter()
    client.get(dashboard)  # assesses every request not assessed today
    first = (time.perf_counter() - start) * 1000
    connection.queries_log.clear()  # a full log (9,000 entries) would hide new queries
    with CaptureQueriesContext(connection) as queries:
        client.get(dashboard)
    query_count = len(queries)  # read now: later page loads may reset the connection's log
    ref_times = _time_page(client, reference, loads)
    dash_times = _time_page(client, dashboard, loads)
    row = {"label": label, "requests": RecordsRequest.objects.count(),
           "events": RequestEvent.objects.count(), "queries": query_count, "first_ms": first,
           "median_ms": statistics.median(dash_times), "p95_ms": _p95(dash_times),
           "ref_median_ms": statistics.median(ref_times), "ref_p95_ms": _p95(ref_times)}
    print(f"{label}: {row['requests']:,} requests, {row['events']:,} events")
    print(f"  dashboard   median {row['median_ms']:7.1f} ms   p95 {row['p95_ms']:7.1f} ms   "
          f"{row['queries']} queries per load")
    print(f"  reference   median {row['ref_median_ms']:7.1f} ms   p95 {row['ref_p95_ms']:7.1f} ms"
          "   (account settings page, same run)")
    print(f"  first load after the data changed (assesses every request): {first:,.0f} ms")
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="a throwaway PostgreSQL database")
    parser.add_argument("--loads", type=int, default=30, help="page loads per measurement")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--patients", type=int, default=2000,
                        help="patients at the large size (10 requests each; small is a tenth)")
    args = parser.parse_args(argv)
    _setup(args.database_url)

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from recordright.providers.models import Provider

    print(f"database: {connection.vendor}; {args.loads} loads per measurement")
    rng = random.Random(args.seed)
    today = timezone.localdate()
    advocate = get_user_model().objects.create_user(
        f"advocate-{time.time_ns()}@bench.invalid", "bench-password-123", kind="advocate")
    providers = Provider.objects.bulk_create(
        Provider(owner=advocate, name=f"Bench Clinic {i:03d}", address=f"{i} Main St",
                 city="Springfield", state="IL", zip_code="62701") for i in range(200))
    client = Client()
    client.force_login(advocate)

    small_patients = max(1, args.patients // 10)
    _build(advocate, providers, 0, small_patients, 10, today, rng)
    small = _measure(client, "small", args.loads)
    _build(advocate, providers, small_patients, args.patients - small_patients, 10, today, rng)
    large = _measure(client, "large", args.loads)
    constant = small["queries"] == large["queries"]
    print(f"queries per dashboard load: {small['queries']} at {small['requests']:,} requests, "
          f"{large['queries']} at {large['requests']:,} -> "
          f"{'constant' if constant else 'NOT constant'}")
    target = large["p95_ms"] < 150
    print(f"target p95 < 150 ms at {large['requests']:,} requests: "
          f"{'met' if target else 'NOT met'} ({large['p95_ms']:.1f} ms)")
    return 0 if constant else 1


if __name__ == "__main__":
    sys.exit(main())
