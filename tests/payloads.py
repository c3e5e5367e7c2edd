"""Webhook payload fixtures in the exact shapes PodOps' subscription documents select.

``webhook_body`` executes the subscription document against both real Saleor schemas with the fixture
as the event: the result must equal the fixture, so a fixture that selects a field the document does
not (or misses one it does) fails the test that uses it.
"""

from __future__ import annotations

import base64
import copy
import json
from typing import Any

from graphql import execute, parse

from saleor_podops.saleor.webhook_events import SaleorEvent, subscription_query

from .saleor_schemas import SCHEMA_VERSIONS, saleor_schema

_EVENT_TYPES = {
    SaleorEvent.ORDER_CREATED: "OrderCreated",
    SaleorEvent.ORDER_CONFIRMED: "OrderConfirmed",
    SaleorEvent.ORDER_FULLY_PAID: "OrderFullyPaid",
    SaleorEvent.ORDER_UPDATED: "OrderUpdated",
    SaleorEvent.ORDER_CANCELLED: "OrderCancelled",
    SaleorEvent.ORDER_FULLY_REFUNDED: "OrderFullyRefunded",
    SaleorEvent.APP_DELETED: "AppDeleted",
}


def global_id(type_name: str, pk: object) -> str:
    """A Saleor global ID (base64 of ``Type:pk``)."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def order_line(
    index: int,
    *,
    product_type: str = "portrait",
    metadata: dict[str, str] | None = None,
    product_name: str = "Yellow Portrait",
    quantity: int = 1,
) -> dict[str, Any]:
    return {
        "id": global_id("OrderLine", f"0000000{index}-line"),
        "productName": product_name,
        "variantName": "Full",
        "productSku": f"SKU-{index}",
        "quantity": quantity,
        "variant": {
            "id": global_id("ProductVariant", index),
            "product": {"id": global_id("Product", index), "productType": {"slug": product_type}},
        },
        "metadata": [{"key": k, "value": v} for k, v in (metadata or {}).items()],
    }


def order(
    number: str = "1023",
    *,
    status: str = "UNFULFILLED",
    charge_status: str = "FULL",
    lines: list[dict[str, Any]] | None = None,
    user_id: int | None = 6,
    city: str = "Berlin",
    language: str = "EN_US",
) -> dict[str, Any]:
    return {
        "id": global_id("Order", f"00000000-0000-0000-0000-00000000{number}"),
        "number": number,
        "created": "2026-11-20T10:00:00+00:00",
        "updatedAt": "2026-11-20T10:05:00+00:00",
        "status": status,
        "isPaid": charge_status in {"FULL", "OVERCHARGED"},
        "chargeStatus": charge_status,
        "channel": {"slug": "default-channel"},
        "user": {"id": global_id("User", user_id), "email": "ashley.cook@example.com"}
        if user_id
        else None,
        "userEmail": "ashley.cook@example.com",
        "shippingMethodName": "DHL Express",
        "shippingAddress": {
            "firstName": "Ashley",
            "lastName": "Cook",
            "companyName": "",
            "streetAddress1": "Torstrasse 1",
            "streetAddress2": "",
            "city": city,
            "cityArea": "",
            "postalCode": "10119",
            "country": {"code": "DE"},
            "countryArea": "",
            "phone": "+4930123456",
        },
        "total": {"gross": {"amount": 59.9, "currency": "EUR"}},
        "lines": lines if lines is not None else [order_line(1)],
        "languageCodeEnum": language,
    }


def event_payload(
    event: SaleorEvent,
    *,
    order_data: dict[str, Any] | None = None,
    issued_by_app: str | None = None,
    issued_at: str = "2026-11-20T10:06:00+00:00",
    app_id: str = "QXBwOjE=",
) -> dict[str, Any]:
    principal = (
        {"__typename": "App", "id": issued_by_app}
        if issued_by_app
        else {"__typename": "User", "id": "VXNlcjox"}
    )
    payload: dict[str, Any] = {
        "issuedAt": issued_at,
        "version": "3.24.0",
        "issuingPrincipal": principal,
    }
    if event == SaleorEvent.APP_DELETED:
        payload["app"] = {"id": app_id}
    else:
        payload["order"] = order_data if order_data is not None else order()
    return payload


def _strip_typenames(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_typenames(v) for k, v in value.items() if k != "__typename"}
    if isinstance(value, list):
        return [_strip_typenames(v) for v in value]
    return value


def check_against_subscription(event: SaleorEvent, payload: dict[str, Any]) -> dict[str, Any]:
    """Execute the subscription with ``payload`` as the event; assert the shape round-trips."""
    document = parse(subscription_query(event))
    root = {"event": {"__typename": _EVENT_TYPES[event], **copy.deepcopy(payload)}}
    expected = _strip_typenames(payload)
    for version in SCHEMA_VERSIONS:
        result = execute(saleor_schema(version), document, root_value=root)
        assert not result.errors, (version, result.errors)
        assert result.data == {"event": expected}, f"fixture does not match the {event} document"
    return expected


def webhook_body(event: SaleorEvent, payload: dict[str, Any] | None = None, **kwargs: Any) -> bytes:
    payload = payload if payload is not None else event_payload(event, **kwargs)
    return json.dumps(check_against_subscription(event, payload)).encode()
