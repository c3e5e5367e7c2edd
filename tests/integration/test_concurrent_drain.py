"""Drains running side by side on PostgreSQL: each delivery is claimed by one of them only
(``FOR UPDATE SKIP LOCKED``), and a lock on the installation row holds none of them up."""

from __future__ import annotations

import threading
import time
from collections import Counter
from typing import Any

import pytest
from django.db import connection, transaction

from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.webhook_events import SaleorEvent
from saleor_podops.webhooks import inbox, wake
from saleor_podops.webhooks.models import DeliveryStatus, WebhookDelivery

from ..conftest import install_from
from ..payloads import order, webhook_body
from ..saleor_stub import SaleorStub

DELIVERIES = 40


@pytest.fixture
def installed(
    transactional_db: None, saleor: SaleorStub, monkeypatch: pytest.MonkeyPatch
) -> Installation:
    """Installed, with the wake silenced: only the drains under test process the deliveries (not
    a worker another integration test started)."""
    monkeypatch.setattr(wake, "wake", lambda: None)
    return install_from(saleor)


def _store(installation: Installation, count: int) -> None:
    for number in range(count):
        inbox.delivery_store(
            installation=installation,
            event=SaleorEvent.ORDER_FULLY_PAID,
            body=webhook_body(SaleorEvent.ORDER_FULLY_PAID, order_data=order(str(5000 + number))),
        )


def _in_thread(target: Any, results: list[Any]) -> threading.Thread:
    def run() -> None:
        try:
            results.append(target())
        finally:
            connection.close()

    return threading.Thread(target=run)


def test_two_concurrent_drains_never_process_one_delivery_twice(
    installed: Installation, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given stored deliveries and a handler slow enough for the drains to overlap
    _store(installed, DELIVERIES)
    handled: Counter[int] = Counter()
    by_thread: Counter[str] = Counter()
    lock = threading.Lock()

    def slow_dispatch(delivery: WebhookDelivery) -> None:
        with lock:
            handled[delivery.pk] += 1
            by_thread[threading.current_thread().name] += 1
        time.sleep(0.01)

    monkeypatch.setattr(inbox, "_dispatch", slow_dispatch)

    # when two drains run at the same time, each on its own connection
    results: list[inbox.DrainResult] = []
    threads = [_in_thread(inbox.drain, results) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # then every delivery was handled exactly once, by one drain or the other, and both worked
    assert sum(r.processed for r in results) == DELIVERIES
    assert set(handled.values()) == {1}
    assert len(handled) == DELIVERIES
    assert len(by_thread) == 2
    assert list(WebhookDelivery.objects.values_list("status", "attempts").distinct()) == [
        (DeliveryStatus.PROCESSED, 1)
    ]


def test_a_locked_installation_row_does_not_hold_up_the_drain(
    installed: Installation, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a delivery, and another transaction holding the installation's row lock
    _store(installed, 1)
    monkeypatch.setattr(inbox, "_dispatch", lambda delivery: None)
    locked, release = threading.Event(), threading.Event()

    def hold_installation() -> None:
        with transaction.atomic():
            Installation.objects.select_for_update().get(pk=installed.pk)
            locked.set()
            release.wait(timeout=30)
        return None

    holder_results: list[Any] = []
    holder = _in_thread(hold_installation, holder_results)
    holder.start()
    assert locked.wait(timeout=10)

    # when a drain runs meanwhile (with a short lock timeout, so waiting would fail the test)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
        result = inbox.drain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
        release.set()
        holder.join(timeout=30)

    # then it claimed and processed the delivery (only the delivery row is locked)
    assert result.processed == 1
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PROCESSED
