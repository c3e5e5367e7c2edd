"""Replaying what real Saleors (3.24.0-a.0 and 3.23.28) sent PodOps, byte for byte, with their real
signatures (captured by e2e/real_saleor/capture_proxy.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client

from saleor_podops.intake.actions import order_event_received
from saleor_podops.intake.models import CancelledSaleorOrder
from saleor_podops.production.models import OrderStatus, ProductionOrder
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.payloads import OrderEvent
from saleor_podops.saleor.webhook_events import SaleorEvent

pytestmark = pytest.mark.django_db

CAPTURED = Path(__file__).resolve().parents[2] / "e2e" / "real_saleor" / "captured"
RUNS = {
    # captured run -> (PodOps' app id in that Saleor, final production state per order number)
    "3.24": (CAPTURED, "QXBwOjQ=", {"24": OrderStatus.CANCELLED}),
    "3.23": (
        CAPTURED / "saleor-3.23",
        "QXBwOjE=",
        {"21": OrderStatus.CANCELLED, "22": OrderStatus.OPEN},
    ),
}


def deliveries(run: Path) -> list[tuple[dict[str, str], bytes]]:
    recorded = []
    for meta in sorted((run / "webhooks").glob("*.json")):
        headers = json.loads(meta.read_text())["headers"]
        recorded.append((headers, meta.with_suffix(".body").read_bytes()))
    return recorded


def installed(run: Path, app_id: str) -> Installation:
    api_url = deliveries(run)[0][0]["saleor-api-url"]
    installation = Installation(
        saleor_api_url=api_url, app_id=app_id, jwks=json.loads((run / "jwks.json").read_text())
    )
    installation.set_auth_token("not-used")
    installation.save()
    return installation


@pytest.mark.parametrize("version", sorted(RUNS))
def test_real_deliveries_replay_to_the_same_production_state(
    version: str, client: Client, respx_router, django_capture_on_commit_callbacks
) -> None:
    run, app_id, expected = RUNS[version]
    installation = installed(run, app_id)
    respx_router.route(host="127.0.0.1").respond(200, json={"data": {}})  # outbox writes

    answers = []
    for headers, body in deliveries(run):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/api/webhooks/{headers['saleor-event'].replace('_', '-')}",
                data=body,
                content_type="application/json",
                headers={k: v for k, v in headers.items() if k.lower() != "content-type"},
            )
        assert response.status_code == 200, (headers["saleor-event"], response.content)
        answers.append(response.json()["status"])

    own_events = [
        json.loads(body).get("issuingPrincipal") == {"id": app_id} for _, body in deliveries(run)
    ]
    assert [a == "ignored" for a in answers] == own_events
    final = dict(
        ProductionOrder.objects.filter(installation=installation).values_list("number", "status")
    )
    assert final == expected
    installation.refresh_from_db()
    assert installation.is_active  # 3.24's APP_DELETED was for the previous install's app


@pytest.mark.parametrize("trigger_event", [SaleorEvent.ORDER_CREATED, SaleorEvent.ORDER_FULLY_PAID])
def test_a_delivery_rendered_after_cancellation_never_starts_production(
    trigger_event: SaleorEvent,
) -> None:
    """Saleor renders payloads when it sends them: a backlog can deliver ORDER_CREATED for an order
    that is already CANCELED (real body from Saleor 3.24)."""
    run, app_id, _ = RUNS["3.24"]
    installation = installed(run, app_id)
    body = (run / "webhooks" / "07-order_cancelled.body").read_bytes()
    payload = OrderEvent.model_validate_json(body)
    assert payload.order.status == "CANCELED"

    result = order_event_received(installation=installation, event=trigger_event, payload=payload)

    assert result is None
    assert ProductionOrder.objects.count() == 0
    assert CancelledSaleorOrder.objects.filter(saleor_order_id=payload.order.id).count() == 1
