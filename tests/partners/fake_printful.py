"""Printful's order API at a real local HTTP server (pytest-httpserver), as far as PodOps uses it:
orders by id or ``@external_id``, create (``?confirm=true``), confirm, cancel (``DELETE``), the
store's webhook configuration (``/webhooks``: set, look up, remove), the
``{"code", "result", "error"}`` envelope, one order per external id, bearer-token auth. It records
every request, can be told to fail (429 with Printful's hint, 5xx, timeouts, a lost answer), and
writes the webhook events Printful would send."""

from __future__ import annotations

import json
import re
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

API_KEY = "pf-private-token-0123456789abcdef"
STORE_ID = "4321"
NOT_CANCELLABLE = {"inprocess", "partial", "fulfilled", "canceled", "archived"}


def _answer(status: int, result: Any, headers: dict[str, str] | None = None) -> Response:
    body: dict[str, Any] = {"code": status, "result": result}
    if status >= 400:
        body["error"] = {"reason": "Error", "message": result}
    return Response(
        json.dumps(body), status=status, headers=headers, content_type="application/json"
    )


@dataclass
class FakePrintful:
    server: HTTPServer
    requests: list[dict[str, Any]] = field(default_factory=list)
    orders: dict[int, dict[str, Any]] = field(default_factory=dict)
    # What to do with the next requests, in order: "500", "429" (the hint in the message),
    # "429-header" (a Retry-After header), "400", "sleep", "lose" (do it, then answer 502).
    script: deque[str] = field(default_factory=deque)
    sleep_seconds: float = 1.0
    next_id: int = 77000
    # The store's webhook configuration (POST /webhooks sets it, one URL per store; GET shows it;
    # DELETE removes it).
    webhook_config: dict[str, Any] | None = None

    @property
    def url(self) -> str:
        return self.server.url_for("").rstrip("/")

    def mount(self) -> None:
        self.server.expect_request(re.compile(r"^/(orders|webhooks).*$")).respond_with_handler(
            self._handle
        )

    # The API ------------------------------------------------------------------------------------

    def _handle(self, request: Request) -> Response:
        body = request.get_data()
        self.requests.append(
            {
                "method": request.method,
                "path": request.path,
                "query": dict(request.args),
                "auth": request.headers.get("Authorization", ""),
                "store": request.headers.get("X-PF-Store-Id", ""),
                "json": json.loads(body) if body else None,
            }
        )
        if request.headers.get("Authorization") != f"Bearer {API_KEY}":
            return _answer(401, "Malformed or missing access token")
        action = self.script.popleft() if self.script else ""
        if action == "sleep":
            time.sleep(self.sleep_seconds)
        if action == "429":
            return _answer(429, "Too many requests. Please try again after 45 seconds.")
        if action == "429-header":
            return _answer(429, "Too many requests", headers={"Retry-After": "12"})
        if action in {"500", "400"}:
            return _answer(int(action), "Something went wrong")
        answer = self._route(request)
        return _answer(502, "Bad gateway") if action == "lose" else answer

    def _route(self, request: Request) -> Response:
        path, method = request.path, request.method
        if path == "/webhooks" and method == "POST":
            data = json.loads(request.get_data())
            if not str(data.get("url", "")).startswith("http") or not data.get("types"):
                return _answer(400, "url and types are required")
            self.webhook_config = {"url": data["url"], "types": data["types"], "params": []}
            return _answer(200, self.webhook_config)
        if path == "/webhooks" and method == "GET":
            return _answer(200, self.webhook_config or {"url": None, "types": [], "params": []})
        if path == "/webhooks" and method == "DELETE":
            self.webhook_config = None
            return _answer(200, {"url": None, "types": [], "params": []})
        if path == "/orders" and method == "POST":
            return self._create(request)
        found = re.fullmatch(r"/orders/(@?[\w-]+)(/confirm)?", path)
        if not found:
            return _answer(404, "Not found")
        order = self._find(found.group(1))
        if order is None:
            return _answer(404, "Order not found")
        if found.group(2) and method == "POST":
            if order["status"] != "draft":
                return _answer(400, "Only a draft order can be confirmed")
            order["status"] = "pending"
            return _answer(200, order)
        if method == "DELETE":
            if order["status"] in NOT_CANCELLABLE:
                return _answer(400, f"An order that is {order['status']} cannot be cancelled")
            order["status"] = "canceled"
            return _answer(200, order)
        return _answer(200, order)

    def _find(self, ref: str) -> dict[str, Any] | None:
        if ref.startswith("@"):
            return next((o for o in self.orders.values() if o["external_id"] == ref[1:]), None)
        return self.orders.get(int(ref)) if ref.isdigit() else None

    def _create(self, request: Request) -> Response:
        data = json.loads(request.get_data())
        external_id = data.get("external_id") or ""
        if len(external_id) > 32:
            return _answer(400, "External ID is too long")
        if external_id and self._find(f"@{external_id}") is not None:
            return _answer(400, f"Order with External ID {external_id} already exists")
        recipient = data.get("recipient") or {}
        for key in ("name", "address1", "city", "country_code"):
            if not recipient.get(key):
                return _answer(400, f"Recipient: {key} is required")
        items = []
        for item in data.get("items") or []:
            if not isinstance(item.get("variant_id"), int) or not item.get("files"):
                return _answer(400, "Item: variant_id and files are required")
            if not all(str(f.get("url", "")).startswith("http") for f in item["files"]):
                return _answer(400, "Item: a file needs its url")
            self.next_id += 1
            items.append({**item, "id": self.next_id})
        if not items:
            return _answer(400, "Items are required")
        self.next_id += 1
        order = {
            "id": self.next_id,
            "external_id": external_id,
            "status": "pending" if request.args.get("confirm") == "true" else "draft",
            "shipping": data.get("shipping"),
            "recipient": recipient,
            "items": items,
            "shipments": [],
            "created": 1795000000,
            "updated": 1795000000,
        }
        self.orders[order["id"]] = order
        return _answer(200, order)

    # What happens at Printful -------------------------------------------------------------------

    def only_order(self) -> dict[str, Any]:
        [order] = self.orders.values()
        return order

    def ship(
        self,
        order_id: int,
        tracking: str,
        *,
        items: list[int] | None = None,
        carrier: str = "USPS",
    ) -> int:
        """A package leaves with ``items`` (Printful item ids; default: all)."""
        order = self.orders[order_id]
        item_ids = items if items is not None else [item["id"] for item in order["items"]]
        self.next_id += 1
        order["shipments"].append(
            {
                "id": self.next_id,
                "carrier": carrier,
                "service": "First Class",
                "tracking_number": tracking,
                "tracking_url": f"https://track.example/{tracking}",
                "created": 1795000100,
                "ship_date": "2026-11-24",
                "shipped_at": 1795000100,
                "reshipment": False,
                "items": [{"item_id": i, "quantity": 1} for i in item_ids],
            }
        )
        shipped = {i["item_id"] for s in order["shipments"] for i in s["items"]}
        all_items = {item["id"] for item in order["items"]}
        order["status"] = "fulfilled" if shipped >= all_items else "partial"
        return self.next_id

    def webhook(
        self,
        event_type: str,
        order_id: int,
        *,
        shipment_id: int | None = None,
        reason: str = "",
        created: int = 1795000200,
        retries: int = 0,
    ) -> bytes:
        """The body Printful posts for an event (v1 webhooks: unsigned)."""
        order = self.orders.get(order_id, {"id": order_id, "external_id": "", "status": ""})
        data: dict[str, Any] = {"order": order}
        if shipment_id is not None:
            shipment = next(
                (s for s in order.get("shipments", []) if s["id"] == shipment_id),
                {"id": shipment_id},
            )
            data["shipment"] = shipment
        if reason:
            data["reason"] = reason
        return json.dumps(
            {
                "type": event_type,
                "created": created,
                "retries": retries,
                "store": int(STORE_ID),
                "data": data,
            }
        ).encode()

    def api_calls(self) -> list[tuple[str, str]]:
        return [(r["method"], r["path"]) for r in self.requests]
