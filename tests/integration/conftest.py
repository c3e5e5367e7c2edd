"""Integration fixtures: a real Celery worker process, a Saleor stub served over HTTP, PostgreSQL.

These tests run only with ``PODOPS_TEST_INTEGRATION=1`` and a PostgreSQL ``PODOPS_DATABASE_URL``
(``make test-postgres`` sets both); otherwise they are skipped. Asking for them without PostgreSQL and
Redis is a usage error, so a misconfigured CI cannot skip them silently.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
import redis
import respx
from django.conf import settings
from django.db import connection
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from saleor_podops.celery import app as celery_app
from saleor_podops.saleor.models import Installation

from ..conftest import install_from, signing_key
from ..saleor_stub import SaleorStub

HERE = Path(__file__).resolve().parent
T = TypeVar("T")

WORKER_START_SECONDS = 60
WAIT_SECONDS = 30


def _unavailable_reason() -> str | None:
    if os.environ.get("PODOPS_TEST_INTEGRATION") != "1":
        return "integration tests need PODOPS_TEST_INTEGRATION=1 (make test-postgres)"
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise pytest.UsageError(
            "PODOPS_TEST_INTEGRATION=1 needs PODOPS_DATABASE_URL to name a PostgreSQL database"
        )
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        raise pytest.UsageError("PODOPS_TEST_INTEGRATION=1 needs PODOPS_BROKER_URL=redis://...")
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    mine = [item for item in items if item.path.is_relative_to(HERE)]
    if not mine:
        return
    reason = _unavailable_reason()
    for item in mine:
        item.add_marker(pytest.mark.integration)
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _real_broker(_eager_tasks: None) -> Iterator[None]:
    """Tasks go to Redis and the worker process runs them (the suite default is eager)."""
    celery_app.conf.task_always_eager = False
    yield


class WorkerProcess:
    """``podops worker`` in its own process group, on the test database and the Redis broker."""

    def __init__(self, process: subprocess.Popen[bytes], log: Path) -> None:
        self.process = process
        self.log = log

    def log_tail(self, lines: int = 60) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def wait_until(self, condition: Callable[[], T], what: str, timeout: float = WAIT_SECONDS) -> T:
        """Poll ``condition`` until it is truthy; fail with the worker's log when it never is."""
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            if self.process.poll() is not None:
                pytest.fail(f"The worker exited while waiting for {what}:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                pytest.fail(f"Timed out after {timeout}s waiting for {what}:\n{self.log_tail()}")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # warm shutdown: running tasks finish
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def _test_database_url() -> str:
    """The configured URL pointed at pytest-django's test database (``test_<name>``)."""
    parts = urlsplit(os.environ["PODOPS_DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{connection.settings_dict['NAME']}"))


def _worker_command() -> list[str]:
    script = Path(sys.executable).with_name("podops")
    if script.exists():
        return [str(script), "worker", "--concurrency", "4"]
    return [sys.executable, "-m", "saleor_podops.cli", "worker", "--concurrency", "4"]


@pytest.fixture(scope="session")
def worker(
    django_db_setup: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WorkerProcess]:
    """One real worker for the session. The broker database is emptied first, so no task left by
    an earlier run reaches it."""
    redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
    var_dir = tmp_path_factory.mktemp("worker-var")
    log = var_dir / "worker.log"
    env = {
        **os.environ,
        "PODOPS_DATABASE_URL": _test_database_url(),
        "PODOPS_BROKER_URL": settings.CELERY_BROKER_URL,
        "PODOPS_VAR_DIR": str(var_dir),
        "PODOPS_LOG_LEVEL": "INFO",
    }
    with log.open("wb") as output:
        process = subprocess.Popen(
            _worker_command(),
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    running = WorkerProcess(process, log)
    try:
        running.wait_until(
            lambda: celery_app.control.ping(timeout=0.5),
            "the worker to answer a ping",
            timeout=WORKER_START_SECONDS,
        )
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    """pytest-httpserver listens on loopback, on a free port."""
    return ("127.0.0.1", 0)


@pytest.fixture
def saleor_http(httpserver: HTTPServer) -> Iterator[SaleorStub]:
    """The suite's Saleor stub (its JWKS, its GraphQL API, the check of every document against
    both schemas) served over real HTTP, so another process (the worker) can call it."""
    stub = SaleorStub(
        api_url=httpserver.url_for("/graphql/"), keys=[signing_key("key-1")], app_id="QXBwOjE="
    )
    router = respx.MockRouter(assert_all_called=False, assert_all_mocked=True)
    stub.mount(router)

    def answer(request: Request) -> Response:
        forwarded = httpx.Request(
            request.method,
            request.url,
            headers=list(request.headers.items()),
            content=request.get_data(),
        )
        response = router.handler(forwarded)
        return Response(
            response.content,
            status=response.status_code,
            content_type=response.headers.get("content-type", "application/json"),
        )

    httpserver.expect_request("/graphql/", method="POST").respond_with_handler(answer)
    httpserver.expect_request("/.well-known/jwks.json", method="GET").respond_with_handler(answer)
    yield stub
    httpserver.check_handler_errors()  # e.g. a document invalid for one of the schemas
    httpserver.check_assertions()  # a request nothing answers


@pytest.fixture
def live_installation(transactional_db: None, saleor_http: SaleorStub) -> Installation:
    """PodOps installed into the HTTP stub (token checked and keys fetched over HTTP)."""
    installed = install_from(saleor_http)
    saleor_http.requests.clear()
    saleor_http.jwks_requests = 0
    return installed
