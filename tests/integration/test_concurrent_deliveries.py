"""Saleor re-delivers, and deliveries for one order can arrive at the same moment: on PostgreSQL, with
the real worker, they still make one stored delivery per event and one production order."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from saleor_podops.production.models import EventType, ProductionItem, ProductionOrder
from saleor_podops.saleor.models import Installation, OutboxMessage, OutboxStatus
from saleor_podops.saleor.webhook_events import SaleorEvent
from saleor_podops.webhooks.models import DeliveryStatus, WebhookDelivery

from ..payloads import order, webhook_body
from ..saleor_stub import SaleorStub
from .conftest import WorkerProcess
from .deliveries import saleor_headers, webhook_url

THREADS = 8


def _post_all_at_once(
    live_server: Any, stub: SaleorStub, deliveries: list[tuple[SaleorEvent, bytes]]
) -> list[httpx.Response]:
    """Each delivery from its own thread and connection, released together by a barrier."""
    barrier = threading.Barrier(len(deliveries))

    def send(delivery: tuple[SaleorEvent, bytes]) -> httpx.Response:
        event, body = delivery
        headers = saleor_headers(stub, event, body)
        with httpx.Client(timeout=20) as client:
            client.get(f"{live_server.url}/api/health")  # open the connection before the race
            barrier.wait(timeout=10)
            return client.post(webhook_url(live_server, event), content=body, headers=headers)

    with ThreadPoolExecutor(max_workers=len(deliveries)) as pool:
        return list(pool.map(send, deliveries))


def _all_processed() -> bool:
    return not WebhookDelivery.objects.exclude(status=DeliveryStatus.PROCESSED).exists()


def _outbox_sent() -> bool:
    return not OutboxMessage.objects.exclude(status=OutboxStatus.SENT).exists()


def test_same_delivery_from_many_threads_is_stored_and_produced_once(
    live_server: Any,
    worker: WorkerProcess,
    saleor_http: SaleorStub,
    live_installation: Installation,
) -> None:
    # given one signed ORDER_FULLY_PAID delivery
    body = webhook_body(SaleorEvent.ORDER_FULLY_PAID, order_data=order("3001"))

    # when it arrives from 8 connections at the same moment
    responses = _post_all_at_once(
        live_server, saleor_http, [(SaleorEvent.ORDER_FULLY_PAID, body)] * THREADS
    )

    # then every copy is acknowledged, one as accepted and the rest as duplicates of the same row
    assert [r.status_code for r in responses] == [200] * THREADS
    assert Counter(r.json()["status"] for r in responses) == {
        "accepted": 1,
        "duplicate": THREADS - 1,
    }
    delivery = WebhookDelivery.objects.get()
    assert {r.json()["delivery"] for r in responses} == {delivery.pk}
    assert delivery.duplicates == THREADS - 1

    # and the worker makes one production order of it, told to Saleor once
    worker.wait_until(_all_processed, "the delivery to be processed")
    worker.wait_until(_outbox_sent, "the outbox to be flushed")
    assert WebhookDelivery.objects.values_list("status", "attempts").get() == (
        DeliveryStatus.PROCESSED,
        1,
    )
    assert list(ProductionOrder.objects.values_list("number", flat=True)) == ["3001"]
    assert ProductionItem.objects.count() == 1
    assert len(saleor_http.operations("UpdatePublicMetadata")) == 1
    assert len(saleor_http.operations("OrderNoteAdd")) == 1


def test_different_events_for_one_order_at_once_make_one_production_order(
    live_server: Any,
    worker: WorkerProcess,
    saleor_http: SaleorStub,
    live_installation: Installation,
) -> None:
    # given four events for the same paid order, each delivered twice
    paid_order = order("3002", status="UNFULFILLED", charge_status="FULL")
    events = [
        SaleorEvent.ORDER_CREATED,
        SaleorEvent.ORDER_CONFIRMED,
        SaleorEvent.ORDER_FULLY_PAID,
        SaleorEvent.ORDER_UPDATED,
    ]
    deliveries = [(event, webhook_body(event, order_data=paid_order)) for event in events] * 2

    # when all eight arrive at the same moment
    responses = _post_all_at_once(live_server, saleor_http, deliveries)

    # then there is one stored delivery per event, each seen twice
    assert [r.status_code for r in responses] == [200] * len(deliveries)
    assert Counter(r.json()["status"] for r in responses) == {"accepted": 4, "duplicate": 4}
    assert sorted(WebhookDelivery.objects.values_list("event", "duplicates")) == sorted(
        (event.value, 1) for event in events
    )

    # and the worker, processing them side by side, creates exactly one production order
    worker.wait_until(_all_processed, "every delivery to be processed")
    worker.wait_until(_outbox_sent, "the outbox to be flushed")
    production_order = ProductionOrder.objects.get()
    assert production_order.number == "3002"
    assert production_order.items.count() == 1
    assert production_order.events.filter(type=EventType.ORDER_RECEIVED).count() == 1
    assert sorted(WebhookDelivery.objects.values_list("attempts", "error")) == [(1, "")] * 4
    assert len(saleor_http.operations("UpdatePublicMetadata")) == 1
    assert len(saleor_http.operations("OrderNoteAdd")) == 1
