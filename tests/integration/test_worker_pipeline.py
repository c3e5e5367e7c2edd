"""A signed delivery posted over HTTP goes through the real worker into production, and the worker's
outbox tells Saleor (an HTTP stub) about it."""

from __future__ import annotations

from typing import Any

import httpx

from saleor_podops.production.models import EventType, ProductionItem, ProductionOrder
from saleor_podops.saleor.models import Installation, OutboxMessage, OutboxStatus
from saleor_podops.saleor.webhook_events import SaleorEvent
from saleor_podops.webhooks.models import DeliveryStatus, WebhookDelivery

from ..payloads import order, order_line, webhook_body
from ..saleor_stub import SaleorStub
from .conftest import WorkerProcess
from .deliveries import saleor_headers, webhook_url


def _post(live_server: Any, stub: SaleorStub, event: SaleorEvent, body: bytes) -> httpx.Response:
    return httpx.post(
        webhook_url(live_server, event),
        content=body,
        headers=saleor_headers(stub, event, body),
        timeout=10,
    )


def _outbox_settled() -> bool:
    return (
        not OutboxMessage.objects.filter(
            status=OutboxStatus.PENDING, claimed_until__isnull=False
        ).exists()
        and not OutboxMessage.objects.filter(status=OutboxStatus.PENDING, attempts=0).exists()
    )


def test_fully_paid_order_is_produced_by_the_worker_and_reported_to_saleor(
    live_server: Any,
    worker: WorkerProcess,
    saleor_http: SaleorStub,
    live_installation: Installation,
) -> None:
    # given a paid order with two lines, the second carrying the customer's text and options
    lines = [
        order_line(1, product_name="Yellow Portrait"),
        order_line(
            2,
            product_name="Pet Mug",
            metadata={"podops.text": "Rex", "podops.options": '{"background": "Blue"}'},
            quantity=2,
        ),
    ]
    paid_order = order("2001", lines=lines)
    body = webhook_body(SaleorEvent.ORDER_FULLY_PAID, order_data=paid_order)

    # when Saleor delivers ORDER_FULLY_PAID over HTTP
    response = _post(live_server, saleor_http, SaleorEvent.ORDER_FULLY_PAID, body)

    # then it is acknowledged at once, and the worker processes it
    assert response.status_code == 200
    delivery_id = response.json()["delivery"]
    assert response.json() == {"status": "accepted", "delivery": delivery_id}
    delivery = worker.wait_until(
        lambda: WebhookDelivery.objects.filter(
            pk=delivery_id, status=DeliveryStatus.PROCESSED
        ).first(),
        "the delivery to be processed",
    )
    assert (delivery.attempts, delivery.error, delivery.duplicates) == (1, "", 0)

    production_order = ProductionOrder.objects.get()
    assert (production_order.number, production_order.saleor_order_id, production_order.stage) == (
        "2001",
        paid_order["id"],
        "IMAGE_REVIEW",
    )
    items = list(
        ProductionItem.objects.filter(order=production_order).values_list(
            "line_index", "product_name", "quantity", "custom_text", "options", "stage"
        )
    )
    assert items == [
        (1, "Yellow Portrait", 1, "", {}, "IMAGE_REVIEW"),
        (2, "Pet Mug", 2, "Rex", {"background": "Blue"}, "IMAGE_REVIEW"),
    ]
    assert production_order.events.filter(type=EventType.ORDER_RECEIVED).count() == 1

    # and the worker's outbox flush wrote the stage to Saleor and added a note, with the app token
    worker.wait_until(lambda: saleor_http.operations("OrderNoteAdd"), "the order note")
    worker.wait_until(_outbox_settled, "the outbox to be flushed")
    assert saleor_http.operations("UpdatePublicMetadata") == [
        {
            "operation": "UpdatePublicMetadata",
            "variables": {
                "id": paid_order["id"],
                "input": [
                    {"key": "podops.stage", "value": "IMAGE_REVIEW"},
                    {"key": "podops.status", "value": "OPEN"},
                ],
            },
            "authorization": "Bearer app-token-1",
        }
    ]
    assert saleor_http.operations("OrderNoteAdd") == [
        {
            "operation": "OrderNoteAdd",
            "variables": {
                "order": paid_order["id"],
                "message": "PodOps: production stage is now Image review.",
            },
            "authorization": "Bearer app-token-1",
        }
    ]
    assert sorted(OutboxMessage.objects.values_list("kind", "status", "attempts")) == [
        ("ADD_ORDER_NOTE", OutboxStatus.SENT, 1),
        ("UPDATE_METADATA", OutboxStatus.SENT, 1),
    ]


def test_saleor_outage_keeps_the_write_in_the_outbox(
    live_server: Any,
    worker: WorkerProcess,
    saleor_http: SaleorStub,
    live_installation: Installation,
) -> None:
    # given Saleor answers 503 to metadata writes
    saleor_http.responders["UpdatePublicMetadata"] = lambda _: httpx.Response(503)
    body = webhook_body(SaleorEvent.ORDER_FULLY_PAID, order_data=order("2002"))

    # when the paid order is delivered and processed
    response = _post(live_server, saleor_http, SaleorEvent.ORDER_FULLY_PAID, body)
    assert response.status_code == 200
    worker.wait_until(lambda: saleor_http.operations("OrderNoteAdd"), "the order note")
    worker.wait_until(_outbox_settled, "the outbox flush to finish")

    # then the production order exists, the note went through, and the metadata write is kept for
    # a later attempt (the client retried it 3 times within the flush)
    assert ProductionOrder.objects.filter(number="2002").count() == 1
    assert len(saleor_http.operations("UpdatePublicMetadata")) == 3
    metadata = OutboxMessage.objects.get(kind="UPDATE_METADATA")
    assert (metadata.status, metadata.attempts, metadata.last_error) == (
        OutboxStatus.PENDING,
        1,
        "update_public_metadata: HTTP 503",
    )
    assert metadata.payload == {"items": {"podops.stage": "IMAGE_REVIEW", "podops.status": "OPEN"}}
    note = OutboxMessage.objects.get(kind="ADD_ORDER_NOTE")
    assert (note.status, note.attempts) == (OutboxStatus.SENT, 1)


def test_forged_delivery_reaches_neither_the_worker_nor_saleor(
    live_server: Any,
    worker: WorkerProcess,
    saleor_http: SaleorStub,
    live_installation: Installation,
) -> None:
    # given a delivery whose body was changed after signing
    body = webhook_body(SaleorEvent.ORDER_FULLY_PAID, order_data=order("2003"))
    headers = saleor_headers(saleor_http, SaleorEvent.ORDER_FULLY_PAID, body)
    tampered = body.replace(b'"2003"', b'"2004"')

    # when it is posted
    response = httpx.post(
        webhook_url(live_server, SaleorEvent.ORDER_FULLY_PAID),
        content=tampered,
        headers=headers,
        timeout=10,
    )

    # then it is refused and nothing is stored, produced or sent; the key set fetched at install is
    # not fetched again (within the refetch cooldown)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "INVALID_SIGNATURE"
    assert WebhookDelivery.objects.count() == 0
    assert ProductionOrder.objects.count() == 0
    assert OutboxMessage.objects.count() == 0
    assert saleor_http.requests == []
    assert saleor_http.jwks_requests == 0
