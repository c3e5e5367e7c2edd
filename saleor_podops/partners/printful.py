"""Printful, through its order API (v1: ``https://api.printful.com``) and its webhooks.

Jobs: one Printful order per job, its ``external_id`` the job's idempotency key (32 characters, the
same on every try). A try first looks the order up (``GET /orders/@<external_id>``): found, it is
adopted (and confirmed if it is still a draft), so a re-send never makes a second order even when
Printful's answer to an earlier try was lost; not found, it is created and confirmed in one call
(``POST /orders?confirm=true``). The recipient comes from the order's shipping snapshot; each item
names its Printful variant (the partner's ``variant_ids``: SKU or product type -> variant id), its
PodOps line reference as its ``external_id``, and its approved artwork as a file by signed, expiring
URL (placement ``default`` unless ``file_placements`` says otherwise per product type). Cancel is
``DELETE /orders/<id>`` (Printful refuses once an order is in process: a permanent error).

Answers: 429 and 5xx are transient, with Printful's retry hint (``Retry-After``, or "after N
seconds" in its message) when it gives one; timeouts and connection errors are transient; any
other 4xx is permanent (its message kept).

Webhooks: Printful's (v1) webhook events are not signed. PodOps authenticates them by a secret token
in the webhook URL path (``/api/partners/<public id>/webhook/<token>``, compared in constant time)
and then trusts nothing in the body but the order id: it fetches the order from Printful's API and
derives the status from what the API answers (a forged or stale event can at most make PodOps look
the order up). The event type only adds its reason (hold, failure, cancellation, return) and marks a
returned package. Event ids are stable across Printful's retries (type, order, shipment, event time).
The store's one webhook URL is set with ``POST /webhooks`` and removed with ``DELETE /webhooks`` after
``GET /webhooks`` showed it is still ours (``fulfilment/printful_webhooks.py`` decides when).
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
import pydantic

from .http import partner_http_client
from .interface import (
    JobRequest,
    ParcelReport,
    PartnerPermanentError,
    PartnerStatus,
    PartnerTransientError,
    StatusUpdate,
    SubmitResult,
    WebhookRejected,
)

USER_AGENT = "PodOps-for-Saleor"
DEFAULT_SHIPPING = "STANDARD"
DEFAULT_PLACEMENT = "default"

# Printful order status -> PodOps partner status (None: nothing to report).
STATUS_MAP: dict[str, PartnerStatus | None] = {
    "draft": None,
    "pending": PartnerStatus.QUEUED,
    "inprocess": PartnerStatus.PRINTING,
    "onhold": PartnerStatus.ON_HOLD,
    "partial": PartnerStatus.SHIPPED,
    "fulfilled": PartnerStatus.SHIPPED,
    "failed": PartnerStatus.FAILED,
    "canceled": PartnerStatus.FAILED,
    "archived": None,
}
# The webhook events PodOps subscribes to (anything else is answered 200 and ignored).
EVENTS = frozenset(
    {
        "package_shipped",
        "package_returned",
        "order_failed",
        "order_canceled",
        "order_put_hold",
        "order_remove_hold",
        "order_updated",
    }
)
_REASON_EVENTS = {
    "order_failed": "failed",
    "order_canceled": "canceled",
    "order_put_hold": "onhold",
}
_AFTER_SECONDS = re.compile(r"after (\d+(?:\.\d+)?) seconds?", re.IGNORECASE)


class _OrderRef(pydantic.BaseModel):
    id: int


class _ShipmentRef(pydantic.BaseModel):
    id: int


class _EventData(pydantic.BaseModel):
    order: _OrderRef
    shipment: _ShipmentRef | None = None
    reason: str = pydantic.Field(default="", max_length=1000)


class _Envelope(pydantic.BaseModel):
    type: str = pydantic.Field(max_length=100)
    created: int
    retries: int = 0
    store: int | None = None
    data: dict[str, Any] = {}


def _message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:300]
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict) and error.get("message"):
            return str(error["message"])[:300]
        if isinstance(body.get("result"), str):
            return str(body["result"])[:300]
    return response.text[:300]


def retry_hint(response: httpx.Response) -> float | None:
    """Seconds Printful asks us to wait: ``Retry-After``, else "after N seconds" in its message."""
    try:
        return max(float(response.headers.get("Retry-After", "")), 0.0)
    except ValueError:
        pass
    found = _AFTER_SECONDS.search(_message(response))
    return float(found.group(1)) if found else None


class PrintfulPartner:
    can_cancel = True

    def __init__(
        self,
        *,
        api_url: str,
        api_key: str,
        options: Mapping[str, Any] | None = None,
        webhook_token: str = "",
        connect_timeout: float = 5.0,
        read_timeout: float = 20.0,
        take_token: Callable[[], float] | None = None,
    ) -> None:
        self.api_url = api_url.rstrip("/")
        self.api_key = api_key
        self.options = dict(options or {})
        self.webhook_token = webhook_token
        self.timeout = httpx.Timeout(read_timeout, connect=connect_timeout)
        self.take_token = take_token

    # The order API ------------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        what: str,
        *,
        body: Mapping[str, Any] | None = None,
        params: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.api_key}", "User-Agent": USER_AGENT}
        store_id = str(self.options.get("store_id") or "")
        if store_id:
            headers["X-PF-Store-Id"] = store_id
        try:
            with partner_http_client(self.timeout) as client:
                return client.request(
                    method, f"{self.api_url}{path}", json=body, params=params, headers=headers
                )
        except httpx.TimeoutException as exc:
            raise PartnerTransientError(f"{what}: timeout ({exc.__class__.__name__})") from exc
        except httpx.TransportError as exc:
            raise PartnerTransientError(f"{what}: {exc.__class__.__name__}: {exc}") from exc

    @staticmethod
    def _result(response: httpx.Response, what: str) -> Any:
        status = response.status_code
        if status == 429 or status >= 500:
            raise PartnerTransientError(
                f"{what}: HTTP {status} {_message(response)}".strip(), retry_hint(response)
            )
        if status >= 300:
            raise PartnerPermanentError(f"{what}: HTTP {status} {_message(response)}".strip())
        try:
            result = response.json()["result"]
        except (ValueError, KeyError, TypeError) as exc:
            raise PartnerTransientError(f"{what}: the answer is not Printful's") from exc
        return result

    def _order(self, order_ref: str, what: str) -> dict[str, Any] | None:
        """``GET /orders/<id or @external_id>``; None when Printful has no such order."""
        response = self._call("GET", f"/orders/{order_ref}", what)
        if response.status_code == 404:
            return None
        order = self._result(response, what)
        if not isinstance(order, dict) or "id" not in order:
            raise PartnerTransientError(f"{what}: the answer has no order")
        return order

    def submit_job(self, job: JobRequest) -> SubmitResult:
        body = self.order_body(job)  # a job Printful cannot take is refused before any call
        existing = self._order(f"@{job.idempotency_key}", "look up order")
        if existing is None:
            created = self._result(
                self._call(
                    "POST", "/orders", "create order", body=body, params={"confirm": "true"}
                ),
                "create order",
            )
            if not isinstance(created, dict) or not created.get("id"):
                raise PartnerTransientError("create order: the answer has no order id")
            return SubmitResult(external_id=str(created["id"]))
        if existing.get("status") == "draft":
            self._result(
                self._call("POST", f"/orders/{existing['id']}/confirm", "confirm order"),
                "confirm order",
            )
        return SubmitResult(external_id=str(existing["id"]), duplicate=True)

    def register_webhook(self, url: str) -> None:
        """Point the store's webhooks at ``url`` for the events PodOps reads (``POST /webhooks``;
        Printful keeps one webhook URL per store, so this replaces an earlier one)."""
        body = {"url": url, "types": sorted(EVENTS)}
        self._result(
            self._call("POST", "/webhooks", "register webhooks", body=body), "register webhooks"
        )

    def remove_webhook(self, path: str) -> bool:
        """Take the store's webhooks away (``DELETE /webhooks``) when they still point at a URL
        whose path starts with ``path``: the store has one webhook URL, and another partner or
        tool may have taken it since. False when it is not (or no longer) ours."""
        current = self._result(
            self._call("GET", "/webhooks", "look up webhooks"), "look up webhooks"
        )
        url = str(current.get("url") or "") if isinstance(current, dict) else ""
        if not url or not urlsplit(url).path.startswith(path):
            return False
        self._result(self._call("DELETE", "/webhooks", "remove webhooks"), "remove webhooks")
        return True

    def cancel_job(self, external_id: str) -> None:
        self._result(self._call("DELETE", f"/orders/{external_id}", "cancel order"), "cancel order")

    def order_body(self, job: JobRequest) -> dict[str, Any]:
        """The Printful order for a job (``PartnerPermanentError`` when it cannot be one)."""
        variants = {str(k): v for k, v in (self.options.get("variant_ids") or {}).items()}
        placements = self.options.get("file_placements") or {}
        items = []
        for line in job.lines:
            variant = variants.get(line.sku) if line.sku else None
            if variant is None:
                variant = variants.get(line.product_type)
            if variant is None:
                raise PartnerPermanentError(
                    f"No Printful variant for SKU {line.sku or '-'} (product type "
                    f"{line.product_type or '-'}): add it to the partner's variant ids"
                )
            if not line.files:
                raise PartnerPermanentError(f"{line.reference} has no artwork file")
            placement = str(placements.get(line.product_type) or DEFAULT_PLACEMENT)
            items.append(
                {
                    "external_id": line.reference,
                    "variant_id": int(variant),
                    "quantity": line.quantity,
                    "name": " ".join(filter(None, [line.product_name, line.variant_name]))[:255],
                    "files": [
                        {"type": placement, "url": f.url, "filename": f.file_name}
                        for f in line.files
                    ],
                }
            )
        shipping = (self.options.get("shipping_methods") or {}).get(job.shipping_method)
        return {
            "external_id": job.idempotency_key,
            "shipping": str(shipping or DEFAULT_SHIPPING),
            "recipient": recipient(job.recipient),
            "items": items,
        }

    # Webhooks -----------------------------------------------------------------------------------

    def parse_status_webhook(
        self, headers: Mapping[str, str], body: bytes, *, path_token: str = ""
    ) -> list[StatusUpdate]:
        if not self.webhook_token or not hmac.compare_digest(
            path_token.encode(), self.webhook_token.encode()
        ):
            raise WebhookRejected(401, "INVALID_TOKEN", "The webhook URL's token does not match")
        try:
            envelope = _Envelope.model_validate_json(body)
        except pydantic.ValidationError as exc:
            raise WebhookRejected(400, "MALFORMED_PAYLOAD", f"Not a Printful event: {exc}") from exc
        if envelope.type not in EVENTS:
            return []
        try:
            data = _EventData.model_validate(envelope.data)
        except pydantic.ValidationError as exc:
            raise WebhookRejected(400, "MALFORMED_PAYLOAD", f"Not a Printful event: {exc}") from exc
        store_id = str(self.options.get("store_id") or "")
        if store_id and envelope.store is not None and str(envelope.store) != store_id:
            raise WebhookRejected(401, "OTHER_STORE", "The event is for another Printful store")
        order = self._fetch_for_webhook(data.order.id)
        return updates_from_order(envelope, data, order)

    def _fetch_for_webhook(self, order_id: int) -> dict[str, Any]:
        if self.take_token is not None:
            wait = self.take_token()
            if wait > 0:
                raise WebhookRejected(
                    503, "RATE_LIMITED", "Printful's rate limit: deliver it again", wait
                )
        try:
            order = self._order(str(order_id), "confirm event")
        except PartnerTransientError as exc:
            raise WebhookRejected(
                503, "PARTNER_UNAVAILABLE", f"Could not confirm the event: {exc}"
            ) from exc
        except PartnerPermanentError as exc:
            raise WebhookRejected(401, "NOT_CONFIRMED", f"Printful refused: {exc}") from exc
        if order is None:
            raise WebhookRejected(401, "NOT_CONFIRMED", "Printful has no such order")
        return order


def recipient(snapshot: Mapping[str, Any]) -> dict[str, Any]:
    """Printful's recipient from PodOps' shipping snapshot (Saleor's address, snake_case)."""
    name = " ".join(
        filter(None, [str(snapshot.get("first_name") or ""), str(snapshot.get("last_name") or "")])
    )
    result = {
        "name": name,
        "company": snapshot.get("company_name") or None,
        "address1": snapshot.get("street_address_1") or "",
        "address2": snapshot.get("street_address_2") or None,
        "city": snapshot.get("city") or "",
        "state_code": snapshot.get("country_area") or None,
        "country_code": str(snapshot.get("country") or ""),
        "zip": snapshot.get("postal_code") or "",
        "phone": snapshot.get("phone") or None,
    }
    missing = [key for key in ("name", "address1", "city", "country_code") if not result[key]]
    if missing:
        raise PartnerPermanentError(
            f"The shipping address lacks what Printful needs: {', '.join(missing)}"
        )
    return {key: value for key, value in result.items() if value is not None}


def _parcel(shipment: Mapping[str, Any], references: Mapping[int, str]) -> ParcelReport:
    lines = tuple(
        references[item["item_id"]]
        for item in shipment.get("items") or []
        if isinstance(item, dict) and item.get("item_id") in references
    )
    return ParcelReport(
        carrier=str(shipment.get("carrier") or ""),
        tracking_number=str(shipment.get("tracking_number") or ""),
        tracking_url=str(shipment.get("tracking_url") or "")[:500],
        line_references=lines,
        parcel_id=str(shipment.get("id") or ""),
    )


def updates_from_order(
    envelope: _Envelope, data: _EventData, order: Mapping[str, Any]
) -> list[StatusUpdate]:
    """The updates an event stands for, from the order as Printful's API shows it."""
    at = datetime.fromtimestamp(envelope.created, tz=UTC)
    order_id = str(order["id"])
    shipment_id = str(data.shipment.id) if data.shipment else ""
    key = f"printful:{envelope.type}:{order_id}:{shipment_id}:{envelope.created}"
    references = {
        item["id"]: str(item["external_id"])
        for item in order.get("items") or []
        if isinstance(item, dict) and item.get("id") is not None and item.get("external_id")
    }
    shipments = [s for s in order.get("shipments") or [] if isinstance(s, dict)]
    updates: list[StatusUpdate] = []
    printful_status = str(order.get("status") or "")
    status = STATUS_MAP.get(printful_status)
    if status is not None:
        reason = ""
        if _REASON_EVENTS.get(envelope.type) == printful_status:
            reason = data.reason
        if printful_status == "canceled":
            reason = "Cancelled at Printful" + (f": {reason}" if reason else "")
        parcels: tuple[ParcelReport, ...] = ()
        if status == PartnerStatus.SHIPPED:
            parcels = tuple(_parcel(s, references) for s in shipments if s.get("tracking_number"))
        updates.append(
            StatusUpdate(
                event_id=f"{key}:{printful_status}",
                external_job_id=order_id,
                status=status,
                occurred_at=at,
                reason=reason,
                parcels=parcels,
            )
        )
    if envelope.type == "package_returned" and data.shipment is not None:
        returned = next((s for s in shipments if str(s.get("id")) == shipment_id), None)
        if returned is not None:
            updates.append(
                StatusUpdate(
                    event_id=f"{key}:returned",
                    external_job_id=order_id,
                    status=PartnerStatus.RETURNED,
                    occurred_at=at,
                    reason=data.reason,
                    line_references=_parcel(returned, references).line_references,
                )
            )
    return updates
