"""Workflow benchmarks on PostgreSQL.

``.venv/bin/python -m bench.workflow [pages|assignment|all] [--items N] [--rounds N]``

- pages: ``myWork`` and ``productionOrders`` (50-row pages) through the staff GraphQL API (Django
  test client, a real signed dashboard token) with 100,000 items in the database, beside the plain SQL
  of the same page (the same rows fetched with hand-written SQL, no ORM, no GraphQL) in the same run,
  one of each in turn in every round (noise from other work on the machine hits both alike).
  Printed: p50/p95 and the SQL query count of each. Targets: within 3x of the plain SQL and under
  50 ms p95.
- assignment: 10,000 waiting items handed out among 50 artists by 4 worker processes running
  ``queue_fill`` at once. Printed: assignments per second; checked: zero double assignments, zero
  over capacity, every item assigned.

Uses its own database (``podops_bench_workflow``, recreated each run; override with
``PODOPS_BENCH_DATABASE_URL``). Only loopback.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/podops_bench_workflow"
API_URL = "https://bench.example.com/graphql/"
APP_ID = "QXBwOjE="
MAX_RATIO = 3.0
MAX_P95_MS = 50.0
PAGE = 50


def database_url() -> str:
    return os.environ.get("PODOPS_BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    """Production settings (no debug middleware, no query log), with throwaway secrets."""
    from cryptography.fernet import Fernet

    os.environ["PODOPS_DATABASE_URL"] = url
    os.environ["PODOPS_DEBUG"] = "false"
    os.environ.setdefault("PODOPS_SECRET_KEY", "bench-" + os.urandom(16).hex())
    os.environ.setdefault("PODOPS_ENCRYPTION_KEYS", Fernet.generate_key().decode())
    os.environ["PODOPS_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_podops.settings")
    os.environ.setdefault("PODOPS_LOG_LEVEL", "WARNING")
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# Data ------------------------------------------------------------------------------------------


def make_installation() -> tuple[Any, Any]:
    """An installation whose cached key set verifies tokens signed by the returned key."""
    import json

    import jwt
    from cryptography.hazmat.primitives.asymmetric import rsa

    from saleor_podops.saleor.models import Installation

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": "bench", "use": "sig", "alg": "RS256"})
    installation = Installation(saleor_api_url=API_URL, app_id=APP_ID, jwks={"keys": [jwk]})
    installation.set_auth_token("bench-app-token")
    installation.save()
    return installation, key


def dashboard_token(key: Any, user_id: str) -> str:
    import jwt

    now = int(time.time())
    claims = {
        "iat": now,
        "owner": "saleor",
        "iss": API_URL,
        "exp": now + 3600,
        "email": f"{user_id}@example.com",
        "type": "thirdparty",
        "user_id": user_id,
        "is_staff": True,
        "app": APP_ID,
        "permissions": ["MANAGE_ORDERS"],
        "user_permissions": ["MANAGE_ORDERS"],
    }
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "bench"})


def make_staff(installation: Any, artists: int, capacity: int) -> list[Any]:
    from saleor_podops.staff.models import RoleAssignment, StaffMember
    from saleor_podops.staff.roles import Role

    members = StaffMember.objects.bulk_create(
        [
            StaffMember(
                installation=installation,
                saleor_user_id=f"artist-{n}",
                email=f"artist-{n}@example.com",
                capacity=capacity,
            )
            for n in range(artists)
        ]
        + [StaffMember(installation=installation, saleor_user_id="admin", capacity=0)]
    )
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(staff=m, role=Role.ARTIST) for m in members[:-1]]
        + [RoleAssignment(staff=members[-1], role=Role.ADMIN)]
    )
    return members[:-1]


def make_items(installation: Any, count: int, stages: list[str]) -> None:
    """``count`` items, two per order, stages spread over ``stages``."""
    from django.utils import timezone

    from saleor_podops.production.models import ProductionItem, ProductionOrder

    now = timezone.now()
    batch = 5000
    made = 0
    number = 100_000
    while made < count:
        size = min(batch, count - made)
        orders = ProductionOrder.objects.bulk_create(
            [
                ProductionOrder(
                    installation=installation,
                    saleor_order_id=f"T3JkZXI6{number + n}",
                    number=str(number + n),
                    customer_email=f"customer{(number + n) % 5000}@example.com",
                    stage=stages[(made // 2 + n) % len(stages)],
                    priority=(number + n) % 3,
                )
                for n in range((size + 1) // 2)
            ]
        )
        items: list[ProductionItem] = []
        for order in orders:
            for line in (1, 2):
                if len(items) < size:
                    items.append(
                        ProductionItem(
                            installation=installation,
                            order=order,
                            saleor_line_id=f"line-{order.number}-{line}",
                            line_index=line,
                            product_name="Yellow Portrait",
                            product_type_slug="portrait" if line == 1 else "mug",
                            stage=order.stage,
                            stage_entered_at=now,
                        )
                    )
        ProductionItem.objects.bulk_create(items)
        made += len(items)
        number += len(orders)


def assign_directly(installation: Any, artists: list[Any], stage: str) -> None:
    """Give every item in ``stage`` to the artists round-robin (bulk, for the page bench)."""
    from django.db.models import F

    from saleor_podops.production.models import ProductionItem
    from saleor_podops.staff.models import Assignment, StaffMember

    ids = list(
        ProductionItem.objects.filter(installation=installation, stage=stage).values_list(
            "pk", flat=True
        )
    )
    rows = [
        Assignment(
            installation=installation, item_id=pk, staff=artists[n % len(artists)], stage=stage
        )
        for n, pk in enumerate(ids)
    ]
    Assignment.objects.bulk_create(rows, batch_size=5000)
    for artist in artists:
        held = sum(1 for row in rows if row.staff_id == artist.pk)
        StaffMember.objects.filter(pk=artist.pk).update(load=F("load") + held)


# Measuring --------------------------------------------------------------------------------------


def percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def measure_pair(
    first: Callable[[], Any], second: Callable[[], Any], rounds: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """p50/p95 in ms of two ways of fetching the same page, measured in alternating rounds (one
    of each per round) so that noise from other work on the machine hits both alike."""
    for _ in range(3):
        first()
        second()
    first_times: list[float] = []
    second_times: list[float] = []
    for _ in range(rounds):
        for run, times in ((first, first_times), (second, second_times)):
            started = time.perf_counter()
            run()
            times.append((time.perf_counter() - started) * 1000)
    return percentiles(first_times), percentiles(second_times)


def query_count(run: Callable[[], Any]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


MY_WORK = """
query { myWork(first: 50) { edges { cursor node {
  id stage stageEnteredAt productName productTypeSlug rejectionCount artworkRound reworkSource
  order { number priority } assignee { userId }  availableActions
} } pageInfo { hasNextPage endCursor } } }
"""
ORDERS = """
query { productionOrders(first: 50, sort: NEWEST) { edges { cursor node {
  id number stage priority customerEmail createdAt
  items { id stage productName productTypeSlug assignee { userId } }
} } pageInfo { hasNextPage endCursor } } }
"""

PLAIN_MY_WORK = [
    (
        "SELECT i.id, i.stage, i.stage_entered_at, i.product_name, i.product_type_slug,"
        " i.rejection_count, i.artwork_round, i.rework_source, o.number, o.priority"
        " FROM podops_production_productionitem i"
        " JOIN podops_production_productionorder o ON o.id = i.order_id"
        " WHERE i.installation_id = %(inst)s AND EXISTS (SELECT 1 FROM podops_staff_assignment a"
        "  JOIN podops_staff_staffmember s ON s.id = a.staff_id"
        "  WHERE a.item_id = i.id AND a.released_at IS NULL AND s.saleor_user_id = %(user)s)"
        " ORDER BY o.priority DESC, i.stage_entered_at, i.id LIMIT 51"
    ),
    (
        "SELECT a.item_id, s.saleor_user_id FROM podops_staff_assignment a"
        " JOIN podops_staff_staffmember s ON s.id = a.staff_id"
        " WHERE a.released_at IS NULL AND a.item_id = ANY(%(ids)s)"
    ),
]
PLAIN_ORDERS = [
    (
        "SELECT id, number, stage, priority, customer_email, created_at"
        " FROM podops_production_productionorder WHERE installation_id = %(inst)s"
        " ORDER BY created_at DESC, id DESC LIMIT 51"
    ),
    (
        "SELECT id, order_id, stage, product_name, product_type_slug"
        " FROM podops_production_productionitem WHERE order_id = ANY(%(ids)s) ORDER BY line_index"
    ),
    (
        "SELECT a.item_id, s.saleor_user_id FROM podops_staff_assignment a"
        " JOIN podops_staff_staffmember s ON s.id = a.staff_id"
        " WHERE a.released_at IS NULL AND a.item_id = ANY(%(ids)s)"
    ),
]


def plain_page(statements: list[str], params: dict[str, Any]) -> Callable[[], Any]:
    from django.db import connection

    def run() -> Any:
        with connection.cursor() as cursor:
            cursor.execute(statements[0], params)
            rows = cursor.fetchall()
            ids = [row[0] for row in rows]
            for statement in statements[1:]:
                cursor.execute(statement, {**params, "ids": ids})
                found = cursor.fetchall()
                if statement is not statements[-1]:
                    ids = [row[0] for row in found]
        return rows

    return run


def bench_pages(items: int, rounds: int) -> bool:
    from django.test import Client

    installation, key = make_installation()
    artists = make_staff(installation, artists=50, capacity=10_000)
    stages = ["IMAGE_REVIEW", "ARTWORK", "ARTWORK", "ARTWORK_QC", "FULFILMENT_QUEUE"]
    print(f"pages: creating {items} items ...", flush=True)
    make_items(installation, items, stages)
    assign_directly(installation, artists, "ARTWORK")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # the steady state autovacuum keeps

    client = Client()
    ok = True
    for label, document, user, plain in (
        ("myWork", MY_WORK, "artist-7", PLAIN_MY_WORK),
        ("productionOrders", ORDERS, "admin", PLAIN_ORDERS),
    ):
        headers = {
            "authorization-bearer": dashboard_token(key, user),
            "saleor-api-url": API_URL,
        }

        def api(document: str = document, headers: dict[str, str] = headers) -> Any:
            response = client.post(
                "/graphql/", {"query": document}, content_type="application/json", headers=headers
            )
            body = response.json()
            assert "errors" not in body, body
            (data,) = body["data"].values()
            assert len(data["edges"]) == PAGE, len(data["edges"])
            return body

        sql = plain_page(plain, {"inst": installation.pk, "user": user})
        (api_p50, api_p95), (sql_p50, sql_p95) = measure_pair(api, sql, rounds)
        api_queries, sql_queries = query_count(api), query_count(sql)
        ratio = api_p95 / sql_p95 if sql_p95 else float("inf")
        passed = ratio <= MAX_RATIO and api_p95 <= MAX_P95_MS
        ok = ok and passed
        print(
            f"{label:>17}: API p50 {api_p50:6.2f} ms  p95 {api_p95:6.2f} ms  {api_queries} queries"
            f" | plain SQL p50 {sql_p50:6.2f} ms  p95 {sql_p95:6.2f} ms  {sql_queries} queries"
            f" | p95 ratio {ratio:4.1f}x (target <= {MAX_RATIO:.0f}x, p95 <= {MAX_P95_MS:.0f} ms)"
            f" {'PASS' if passed else 'MISS'}"
        )
    return ok


def _assign_worker(url: str, installation_id: int, results: Any) -> None:
    setup_django(url)
    from saleor_podops.staff.assignment import queue_fill

    started = time.perf_counter()
    count = queue_fill(installation_id=installation_id)
    results.put((count, time.perf_counter() - started))


def bench_assignment(url: str, items: int, workers: int) -> bool:
    from django.db import connections
    from django.db.models import Count, Sum

    from saleor_podops.staff.models import Assignment, StaffMember
    from saleor_podops.workflow.flow import FlowSwitches, flow_settings_update

    installation, _ = make_installation()
    flow_settings_update(
        installation=installation, switches=FlowSwitches(image_review_enabled=False)
    )
    make_staff(installation, artists=50, capacity=items // 50)
    print(f"assignment: creating {items} waiting items ...", flush=True)
    make_items(installation, items, ["ARTWORK"])
    connections.close_all()

    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    processes = [
        context.Process(target=_assign_worker, args=(url, installation.pk, results))
        for _ in range(workers)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=3600) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    elapsed = time.perf_counter() - started

    assigned = sum(count for count, _ in outcomes)
    open_rows = Assignment.objects.filter(released_at__isnull=True)
    doubles = open_rows.values("item").annotate(n=Count("id")).filter(n__gt=1).count()
    over = 0
    mismatched = 0
    for member in StaffMember.objects.filter(installation=installation):
        held = open_rows.filter(staff=member).aggregate(total=Sum("weight"))["total"] or 0
        over += member.load > member.capacity
        mismatched += member.load != held
    total = open_rows.count()
    ok = doubles == 0 and over == 0 and mismatched == 0 and total == items == assigned
    print(
        f"assignment: {total} items to 50 artists by {workers} workers in {elapsed:.2f} s"
        f" ({total / elapsed:,.0f} assignments/s; per worker {[c for c, _ in outcomes]})"
        f" | double assignments {doubles}, over capacity {over}, load mismatches {mismatched}"
        f" {'PASS' if ok else 'FAIL'}"
    )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.workflow", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("which", nargs="?", default="all", choices=["pages", "assignment", "all"])
    parser.add_argument("--items", type=int, default=100_000, help="items for the page bench")
    parser.add_argument("--assign-items", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=100)
    options = parser.parse_args()

    url = database_url()
    ok = True
    if options.which in {"pages", "all"}:
        recreate_database(url)
        setup_django(url)
        migrate()
        ok = bench_pages(options.items, options.rounds) and ok
    if options.which in {"assignment", "all"}:
        recreate_database(url) if options.which == "assignment" else None
        if options.which == "assignment":
            setup_django(url)
            migrate()
        else:
            from django.db import connections

            connections.close_all()
            recreate_database(url)
            migrate()
        ok = bench_assignment(url, options.assign_items, options.workers) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
