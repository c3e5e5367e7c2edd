"""``bench/run`` (``python -m bench``): the webhook intake benchmark.

Signed ORDER_FULLY_PAID deliveries go through the real HTTP stack: gunicorn serving
``saleor_podops.wsgi`` on 127.0.0.1 with production settings (``PODOPS_DEBUG=false``), PostgreSQL, the
Redis broker. Every request is a distinct, validly signed delivery (its own order id), so dedupe never
short-circuits it. The baseline is a bare Django view answering 200 (``bench/urls.py``), served by the
same gunicorn and driven by the same load generator (``bench/load.py``, a separate process) in the
same run. Printed: requests/s and p50/p99 latency of both, their ratios, and the targets with
PASS/MISS: intake costs at most 3x the bare view, and takes at least 300 deliveries/s on 2 cores.

The benchmark uses its own database (recreated each run) and Redis database (emptied before and
after); no worker runs during the measurement, so the numbers are the acknowledgement path alone.
Afterwards it checks that every delivery was stored once, that the web processes queued (coalesced)
drain wakes, and, running two drains side by side, that every delivery is processed exactly once.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from .load import PreparedRequest

ROOT = Path(__file__).resolve().parent.parent
API_URL = "http://127.0.0.1:9/graphql/"  # never called: the key set is cached on the installation
MAX_COST_RATIO = 3.0
MIN_INTAKE_RPS = 300.0


@dataclass(frozen=True)
class Options:
    requests: int
    rounds: int
    warmup: int
    concurrency: int
    web_workers: int
    threads: int
    max_seconds: float
    database_url: str
    broker_url: str
    keep_database: bool


def parse_options() -> Options:
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1500, help="per view and round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=200, help="per view, not measured")
    parser.add_argument("--concurrency", type=int, default=8, help="keep-alive connections")
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="cap per load phase")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "PODOPS_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/podops_bench"
        ),
    )
    parser.add_argument(
        "--broker-url",
        default=os.environ.get("PODOPS_BENCH_BROKER_URL", "redis://127.0.0.1:6379/2"),
    )
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args()
    return Options(
        requests=args.requests,
        rounds=args.rounds,
        warmup=args.warmup,
        concurrency=args.concurrency,
        web_workers=args.web_workers,
        threads=args.threads,
        max_seconds=args.max_seconds,
        database_url=args.database_url,
        broker_url=args.broker_url,
        keep_database=args.keep_database,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def configure_environment(options: Options, port: int, var_dir: Path) -> dict[str, str]:
    """Production settings for this process and gunicorn: no debug, real keys, quiet logs."""
    from cryptography.fernet import Fernet

    bench_env = {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "PODOPS_DEBUG": "false",
        "PODOPS_SECRET_KEY": secrets.token_urlsafe(50),
        "PODOPS_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "PODOPS_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "PODOPS_ALLOWED_HOSTS": "127.0.0.1",
        "PODOPS_ALLOWED_SALEOR_URLS": API_URL,
        "PODOPS_DATABASE_URL": options.database_url,
        "PODOPS_BROKER_URL": options.broker_url,
        "PODOPS_VAR_DIR": str(var_dir),
        "PODOPS_LOG_LEVEL": "WARNING",
    }
    os.environ.update(bench_env)
    return {**os.environ, **bench_env}


def recreate_database(database_url: str) -> None:
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(database_url: str) -> None:
    import psycopg

    parts = urlsplit(database_url)
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def empty_broker(broker_url: str) -> None:
    import redis

    redis.Redis.from_url(broker_url).flushdb()


def queued_messages(broker_url: str) -> int:
    import redis

    return int(redis.Redis.from_url(broker_url).llen("celery"))


def drain_concurrently(drains: int) -> tuple[int, float]:
    """After the measurement: ``drains`` drains side by side (threads, each on its own connection),
    as workers would run them, until nothing is due. Returns how many deliveries they processed in
    all, and the seconds it took."""
    import threading

    from django.db import connection

    from saleor_podops.webhooks import inbox

    counts: list[int] = []
    lock = threading.Lock()

    def run() -> None:
        processed = 0
        try:
            while True:
                result = inbox.drain()
                processed += result.processed
                if not result.more_due:
                    break
        finally:
            connection.close()
            with lock:
                counts.append(processed)

    started = time.perf_counter()
    threads = [threading.Thread(target=run) for _ in range(drains)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts), time.perf_counter() - started


def prepare_installation() -> Any:
    """The installation deliveries are signed for, with its key set cached (no Saleor is called)."""
    from django.core.management import call_command
    from django.utils import timezone

    from saleor_podops.saleor.models import Installation
    from tests.saleor_stub import SaleorStub, SigningKey, new_rsa_key

    call_command("migrate", interactive=False, verbosity=0)
    stub = SaleorStub(api_url=API_URL, keys=[SigningKey(new_rsa_key(), "bench-key")])
    installation = Installation(
        saleor_api_url=API_URL,
        saleor_domain="127.0.0.1:9",
        app_id=stub.app_id,
        jwks=stub.jwks(),
        jwks_fetched_at=timezone.now(),
    )
    installation.set_auth_token("bench-app-token")
    installation.save()
    return stub


def signed_deliveries(stub: Any, first_number: int, count: int) -> list[PreparedRequest]:
    """``count`` ORDER_FULLY_PAID deliveries for distinct orders, each signed. The payload shape is
    checked once against the subscription document and both Saleor schemas."""
    from saleor_podops.saleor.webhook_events import SaleorEvent
    from tests.payloads import check_against_subscription, event_payload, order

    event = SaleorEvent.ORDER_FULLY_PAID
    template = check_against_subscription(event, event_payload(event))
    prepared = []
    for number in range(first_number, first_number + count):
        payload = copy.deepcopy(template)
        payload["order"]["id"] = order(str(number))["id"]
        payload["order"]["number"] = str(number)
        body = json.dumps(payload).encode()
        headers = {
            "Content-Type": "application/json",
            "Saleor-Event": event.value,
            "Saleor-Domain": "127.0.0.1:9",
            "Saleor-Api-Url": API_URL,
            "Saleor-Signature": stub.key.sign_webhook(body),
        }
        prepared.append(PreparedRequest(f"/api/webhooks/{event.path_segment}", headers, body))
    return prepared


def bare_requests(deliveries: list[PreparedRequest]) -> list[PreparedRequest]:
    """The same bodies and headers, to the bare view."""
    return [PreparedRequest("/bench/bare", d.headers, d.body) for d in deliveries]


@contextmanager
def gunicorn(options: Options, port: int, env: dict[str, str], log: Path) -> Iterator[None]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "saleor_podops.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(options.web_workers),
        "--threads",
        str(options.threads),
        "--worker-class",
        "gthread",
        "--log-level",
        "warning",
    ]
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        yield
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def load(
    requests: list[PreparedRequest], options: Options, port: int, work_dir: Path, name: str
) -> dict[str, Any]:
    """Run the load generator in its own process over ``requests``."""
    requests_file = work_dir / f"{name}.jsonl"
    requests_file.write_text("\n".join(r.to_json() for r in requests) + "\n")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.load",
            str(requests_file),
            "--port",
            str(port),
            "--concurrency",
            str(options.concurrency),
            "--max-seconds",
            str(options.max_seconds),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=options.max_seconds + 60,
        check=True,
    )
    return dict(json.loads(completed.stdout))


def combine(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals over rounds; latency percentiles as the mean of the rounds'."""
    count = sum(r["requests"] for r in results)
    elapsed = sum(r["elapsed_s"] for r in results)
    statuses: dict[str, int] = {}
    for result in results:
        for status, n in result["statuses"].items():
            statuses[status] = statuses.get(status, 0) + n
    return {
        "requests": count,
        "statuses": statuses,
        "rps": count / elapsed if elapsed else 0.0,
        "p50_ms": sum(r["p50_ms"] for r in results) / len(results),
        "p99_ms": sum(r["p99_ms"] for r in results) / len(results),
    }


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main() -> int:
    options = parse_options()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="podops-bench-") as temporary:
        work_dir = Path(temporary)
        env = configure_environment(options, port, work_dir / "var")
        recreate_database(options.database_url)
        empty_broker(options.broker_url)

        import django

        django.setup()
        from django.db import connections

        stub = prepare_installation()
        total = options.warmup + options.requests * options.rounds
        print(f"Signing {total} distinct deliveries ...", flush=True)
        deliveries = signed_deliveries(stub, 100000, total)
        bare = bare_requests(deliveries)
        connections.close_all()

        measured: dict[str, list[dict[str, Any]]] = {"bare": [], "intake": []}
        with gunicorn(options, port, env, work_dir / "gunicorn.log"):
            load(bare[: options.warmup], options, port, work_dir, "warmup-bare")
            warmup = load(deliveries[: options.warmup], options, port, work_dir, "warmup-intake")
            for round_index in range(options.rounds):
                start = options.warmup + round_index * options.requests
                window = slice(start, start + options.requests)
                measured["bare"].append(load(bare[window], options, port, work_dir, "bare"))
                measured["intake"].append(
                    load(deliveries[window], options, port, work_dir, "intake")
                )
                print(
                    f"round {round_index + 1}: bare {measured['bare'][-1]['rps']:.0f} req/s, "
                    f"intake {measured['intake'][-1]['rps']:.0f} req/s",
                    flush=True,
                )

        from saleor_podops.production.models import ProductionOrder
        from saleor_podops.webhooks.models import DeliveryStatus, WebhookDelivery

        stored = WebhookDelivery.objects.count()
        duplicates = sum(WebhookDelivery.objects.values_list("duplicates", flat=True))
        wakes = queued_messages(options.broker_url)
        print(f"Draining {stored} stored deliveries with 2 concurrent drains ...", flush=True)
        drained, drain_seconds = drain_concurrently(2)
        processed_once = WebhookDelivery.objects.filter(
            status=DeliveryStatus.PROCESSED, attempts=1
        ).count()
        production_orders = ProductionOrder.objects.count()
        connections.close_all()
        empty_broker(options.broker_url)
        if not options.keep_database:
            drop_database(options.database_url)

    bare_result, intake_result = combine(measured["bare"]), combine(measured["intake"])
    cost_ratio = bare_result["rps"] / intake_result["rps"] if intake_result["rps"] else float("inf")
    p50_ratio = intake_result["p50_ms"] / bare_result["p50_ms"] if bare_result["p50_ms"] else 0.0
    p99_ratio = intake_result["p99_ms"] / bare_result["p99_ms"] if bare_result["p99_ms"] else 0.0
    sent = sum(r["requests"] for r in [warmup, *measured["intake"]])

    print()
    print(
        f"PodOps intake benchmark: {os.cpu_count()} cores, gunicorn gthread "
        f"{options.web_workers}x{options.threads}, PostgreSQL, Redis broker, "
        f"{options.concurrency} keep-alive connections, {options.rounds} rounds"
    )
    print(f"{'':32}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}  statuses")
    for label, result in (
        ("bare Django view (baseline)", bare_result),
        ("signed ORDER_FULLY_PAID intake", intake_result),
    ):
        print(
            f"{label:32}{result['requests']:>9}{result['rps']:>9.1f}{result['p50_ms']:>9.2f}"
            f"{result['p99_ms']:>9.2f}  {result['statuses']}"
        )
    print(
        f"ratios intake/bare: cost (req/s) {cost_ratio:.2f}x, p50 {p50_ratio:.2f}x, p99 {p99_ratio:.2f}x"
    )
    print(
        f"target: intake costs at most {MAX_COST_RATIO:.0f}x the bare view: "
        f"{cost_ratio:.2f}x  {verdict(cost_ratio <= MAX_COST_RATIO)}"
    )
    print(
        f"target: at least {MIN_INTAKE_RPS:.0f} deliveries/s: "
        f"{intake_result['rps']:.1f}/s  {verdict(intake_result['rps'] >= MIN_INTAKE_RPS)}"
    )
    print(
        f"check: {sent} deliveries sent, {stored} stored, {duplicates} deduplicated, "
        f"{wakes} drain wakes queued in Redis"
    )
    print(
        f"check: drained afterwards in {drain_seconds:.1f} s: {drained} processed by the drains, "
        f"{processed_once} processed with exactly one attempt, {production_orders} production orders"
    )
    accepted = all(set(r["statuses"]) == {"200"} for r in measured["intake"] + measured["bare"])
    stored_once = stored == sent and duplicates == 0
    drained_once = drained == processed_once == production_orders == sent
    if not accepted or not stored_once or not drained_once or not 1 <= wakes < sent:
        print(
            "bench: FAILED: some requests were not answered 200, not stored once, not woken "
            "or not processed exactly once"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
