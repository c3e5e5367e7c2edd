"""The real check: PodOps against a real Saleor, end to end (see README.md beside this file).

Drives Saleor's GraphQL API as a merchant and a storefront would, and asserts each step:

1. a staff token (``tokenCreate``);
2. PodOps installed with ``appInstall`` and its manifest URL (reused when already installed, unless
   ``--reinstall``), Saleor's app and webhooks listed, PodOps' stored installation matching it;
3. a payment app with HANDLE_PAYMENTS (``appCreate`` / ``appTokenCreate``);
4. a checkout with one line carrying ``podops.text`` / ``podops.options`` line metadata, addresses and
   a shipping method, paid with ``transactionCreate`` (amountCharged = total), then ``checkoutComplete``;
5. the production order and its items in PodOps (read with ``podops shell``), and on the Saleor order the
   public metadata ``podops.stage`` and the ``PodOps:`` note in the order history;
6. PodOps' staff GraphQL API called with a real dashboard token (``app { accessToken }``);
7. unless ``--no-webhook-migration``: one webhook deleted and one changed as staff, then PodOps'
   ``webhooks_sync`` (its own app token) restores both;
8. unless ``--no-cancel``: ``orderCancel`` in Saleor cancels production, and PodOps tells Saleor; or
   with ``--fulfil``: PodOps' outbox fulfils the order (``orderFulfill`` with a tracking number, then
   ``orderFulfillmentUpdateTracking``) and the Saleor order must be FULFILLED with the new number.

With ``--capture DIR`` the raw webhook bodies PodOps received for that order are written to DIR.

Not part of ``make test``: it needs a running Saleor and PodOps. Exit code 0 means every step passed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

REPO_ROOT = Path(__file__).resolve().parents[2]
LINE_TEXT = "Happy birthday, Anna!"
LINE_OPTIONS = {"background": "LivingRoom", "frame": "oak"}
APP_NAME = "PodOps"
PAYMENT_APP_NAME = "PodOps real check payments"


class CheckFailed(Exception):
    """A step did not see what it must."""


def step(title: str) -> None:
    print(f"\n== {title}", flush=True)


def saw(label: str, value: Any) -> None:
    text = value if isinstance(value, str) else json.dumps(value, indent=2, default=str)
    print(f"   {label}: {text}", flush=True)


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


@dataclass
class Saleor:
    url: str
    http: httpx.Client

    def run(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = self.http.post(
            self.url, json={"query": query, "variables": variables or {}}, headers=headers
        )
        expect(response.status_code == 200, f"Saleor answered HTTP {response.status_code}")
        payload = response.json()
        if payload.get("errors"):
            messages = [error.get("message") for error in payload["errors"]]
            raise CheckFailed(f"GraphQL errors: {messages}")
        return payload["data"]

    def mutate(
        self, field: str, query: str, variables: dict[str, Any], *, token: str | None = None
    ) -> dict[str, Any]:
        result = self.run(query, variables, token=token)[field]
        expect(result is not None, f"{field}: no result")
        expect(not result.get("errors"), f"{field}: {result.get('errors')}")
        return result


class PodOps:
    """Reads PodOps' database through its own ``podops shell`` (same env as the server)."""

    def __init__(self, url: str, command: list[str]) -> None:
        self.url = url.rstrip("/")
        self.command = command

    def shell(self, code: str) -> Any:
        completed = subprocess.run(  # noqa: S603 - our own command and code
            [*self.command, "shell", "-c", code],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=REPO_ROOT,
            check=False,
        )
        if completed.returncode != 0:
            raise CheckFailed(f"podops shell failed: {completed.stderr[-2000:]}")
        marker = "PODOPS_JSON="
        lines = [line for line in completed.stdout.splitlines() if line.startswith(marker)]
        expect(bool(lines), f"podops shell printed no result: {completed.stdout[-1000:]}")
        return json.loads(lines[-1][len(marker) :])


INSTALLATION_CODE = """
import json
from saleor_podops.saleor.models import Installation
rows = [
    {"api_url": i.saleor_api_url, "app_id": i.app_id, "is_active": i.is_active,
     "has_jwks": bool(i.jwks.get("keys")), "installed_at": i.installed_at.isoformat()}
    for i in Installation.objects.filter(saleor_api_url=%(api_url)r)
]
print("PODOPS_JSON=" + json.dumps(rows))
"""

PRODUCTION_CODE = """
import json
from saleor_podops.production.models import ProductionOrder
from saleor_podops.saleor.models import OutboxMessage
from saleor_podops.webhooks.models import WebhookDelivery
order = ProductionOrder.objects.filter(saleor_order_id=%(order_id)r).first()
result = {"order": None}
if order is not None:
    result["order"] = {
        "number": order.number, "status": order.status, "stage": order.stage,
        "customer_email": order.customer_email, "channel": order.channel_slug,
        "total": str(order.total_gross_amount), "currency": order.currency,
        "paid_at": order.paid_at.isoformat() if order.paid_at else None,
        "shipping_method_name": order.shipping_method_name,
        "shipping_country": (order.shipping_address or {}).get("country"),
    }
    result["items"] = [
        {"line": i.saleor_line_id, "product": i.product_name, "quantity": i.quantity,
         "stage": i.stage, "custom_text": i.custom_text, "options": i.options,
         "input_problems": i.input_problems}
        for i in order.items.order_by("line_index")
    ]
    result["timeline"] = [
        {"type": e.type, "actor": e.actor_type, "to_stage": e.to_stage, "comment": e.comment}
        for e in order.events.order_by("created_at", "pk")
    ]
result["outbox"] = [
    {"kind": m.kind, "status": m.status, "attempts": m.attempts, "last_error": m.last_error}
    for m in OutboxMessage.objects.filter(saleor_object_id=%(order_id)r).order_by("pk")
]
result["deliveries"] = [
    {"event": d.event, "status": d.status, "error": d.error[:300], "duplicates": d.duplicates,
     "body": d.body if %(with_bodies)r else None}
    for d in WebhookDelivery.objects.filter(body__contains=%(order_id)r).order_by("received_at")
]
print("PODOPS_JSON=" + json.dumps(result))
"""

WEBHOOK_SYNC_CODE = """
import json
from django.conf import settings
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.webhook_sync import webhooks_sync
if settings.PUBLIC_URL != %(public_url)r:
    result = {"error": "PODOPS_PUBLIC_URL is " + settings.PUBLIC_URL + ", the webhooks use "
              + %(public_url)r + ": export the server's PODOPS_PUBLIC_URL"}
else:
    outcome = webhooks_sync(installation=Installation.objects.get(saleor_api_url=%(api_url)r))
    result = {"created": outcome.created, "updated": outcome.updated,
              "deactivated": outcome.deactivated}
print("PODOPS_JSON=" + json.dumps(result))
"""

FULFIL_CODE = """
import json
from django.db import transaction
from saleor_podops.production.models import ProductionOrder
from saleor_podops.saleor import outbox
from saleor_podops.saleor.models import OutboxMessage
order = ProductionOrder.objects.get(saleor_order_id=%(order_id)r)
lines = {item.saleor_line_id: item.quantity for item in order.items.all()}
with transaction.atomic():
    message = outbox.enqueue_order_fulfilment(
        installation=order.installation, order_id=order.saleor_order_id, lines=lines,
        tracking_number=%(first)r)
outbox.deliver(message.pk)  # None when the running worker took it first
message.refresh_from_db()
with transaction.atomic():
    tracking = outbox.enqueue_fulfilment_tracking(fulfilment_message=message, tracking_number=%(second)r)
outbox.deliver(tracking.pk)
rows = [
    {"kind": m.kind, "status": m.status, "result": m.result, "last_error": m.last_error}
    for m in OutboxMessage.objects.filter(pk__in=[message.pk, tracking.pk]).order_by("pk")
]
print("PODOPS_JSON=" + json.dumps(rows))
"""

STAFF_TOKEN = """
mutation StaffToken($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token errors { field code message } }
}"""

APPS = """
query Apps($search: String!) {
  apps(first: 20, filter: { search: $search }) {
    edges { node { id name isActive identifier permissions { code }
      webhooks { id name identifier isActive targetUrl asyncEvents { eventType } } } }
  }
  appsInstallations { id appName status message manifestUrl }
}"""

APP_ACCESS_TOKEN = """
query DashboardToken($id: ID!) { app(id: $id) { accessToken } }"""

WEBHOOK_DELETE = """
mutation DropWebhook($id: ID!) { webhookDelete(id: $id) { errors { field code message } } }"""

WEBHOOK_DEACTIVATE = """
mutation SpoilWebhook($id: ID!) {
  webhookUpdate(id: $id, input: { isActive: false, name: "changed by the real check" }) {
    errors { field code message }
  }
}"""

PODOPS_STAFF_QUERY = """
query RealCheck($order: ID!) {
  me { userId email roles }
  productionOrder(saleorOrderId: $order) {
    number status stage items { productName stage } timeline { type }
  }
}"""

APP_INSTALL = """
mutation Install($input: AppInstallInput!) {
  appInstall(input: $input) {
    appInstallation { id status message }
    errors { field code message }
  }
}"""

APP_DELETE = """
mutation Delete($id: ID!) { appDelete(id: $id) { errors { field code message } } }"""

APP_CREATE = """
mutation PaymentApp($input: AppInput!) {
  appCreate(input: $input) { authToken app { id } errors { field code message } }
}"""

APP_TOKEN_CREATE = """
mutation PaymentAppToken($app: ID!) {
  appTokenCreate(input: { app: $app, name: "real check" }) {
    authToken errors { field code message }
  }
}"""

VARIANTS = """
query Variants($channel: String!) {
  products(first: 30, channel: $channel, filter: { isPublished: true }) {
    edges { node { name isAvailableForPurchase productType { isShippingRequired }
      variants { id name quantityAvailable pricing { price { gross { amount } } } } } }
  }
}"""

CHECKOUT_CREATE = """
mutation CheckoutCreate($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) {
    checkout { id lines { id metadata { key value } } shippingMethods { id name } }
    errors { field code message }
  }
}"""

DELIVERY_METHOD = """
mutation Delivery($id: ID!, $method: ID!) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {
    checkout { id totalPrice { gross { amount currency } } }
    errors { field code message }
  }
}"""

TRANSACTION_CREATE = """
mutation Pay($id: ID!, $transaction: TransactionCreateInput!) {
  transactionCreate(id: $id, transaction: $transaction) {
    transaction { id chargedAmount { amount currency } }
    errors { field code message }
  }
}"""

CHECKOUT_COMPLETE = """
mutation Complete($id: ID!) {
  checkoutComplete(id: $id) {
    order { id number status chargeStatus isPaid lines { id metadata { key value } } }
    errors { field code message }
  }
}"""

ORDER_CANCEL = """
mutation Cancel($id: ID!) {
  orderCancel(id: $id) { order { id status } errors { field code message } }
}"""

ORDER_FULFILMENTS = """
query Fulfilments($id: ID!) {
  order(id: $id) { status fulfillments { id status trackingNumber lines { quantity } } }
}"""

ORDER = """
query Order($id: ID!) {
  order(id: $id) {
    id number status chargeStatus
    metadata { key value }
    events { type message date app { id } }
  }
}"""

ADDRESS = {
    "firstName": "Anna",
    "lastName": "Tester",
    "streetAddress1": "1470 Pinewood Avenue",
    "city": "Michigan",
    "postalCode": "49855",
    "country": "US",
    "countryArea": "MI",
    "phone": "+12025550123",
}


def staff_token(saleor: Saleor, email: str, password: str) -> str:
    step("Staff token (tokenCreate)")
    result = saleor.mutate("tokenCreate", STAFF_TOKEN, {"email": email, "password": password})
    expect(bool(result["token"]), "tokenCreate gave no token")
    saw("token", "received")
    return result["token"]


def podops_apps(saleor: Saleor, token: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    data = saleor.run(APPS, {"search": APP_NAME}, token=token)
    apps = [edge["node"] for edge in data["apps"]["edges"] if edge["node"]["name"] == APP_NAME]
    installs = [row for row in data["appsInstallations"] if row["appName"] == APP_NAME]
    return apps, installs


def install_podops(
    saleor: Saleor, podops: PodOps, token: str, *, reinstall: bool, timeout: float
) -> dict[str, Any]:
    step("Install PodOps (appInstall with the manifest URL)")
    apps, _ = podops_apps(saleor, token)
    if apps and reinstall:
        for app in apps:
            saleor.mutate("appDelete", APP_DELETE, {"id": app["id"]}, token=token)
            saw("deleted the previous PodOps app", app["id"])
        apps = []
    if apps:
        saw("already installed, reusing", apps[0]["id"])
        return apps[0]
    manifest_url = f"{podops.url}/api/manifest"
    result = saleor.mutate(
        "appInstall",
        APP_INSTALL,
        {
            "input": {
                "appName": APP_NAME,
                "manifestUrl": manifest_url,
                "permissions": ["MANAGE_ORDERS"],
            }
        },
        token=token,
    )
    saw("appInstallation", result["appInstallation"])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        apps, installs = podops_apps(saleor, token)
        failed = [row for row in installs if row["status"] == "FAILED"]
        expect(not failed, f"the install job failed: {failed}")
        if apps:
            saw("installed app", {k: apps[0][k] for k in ("id", "name", "isActive")})
            return apps[0]
        time.sleep(1)
    raise CheckFailed(f"the install job did not finish in {timeout} s: {installs}")


def check_installation(saleor: Saleor, podops: PodOps, app: dict[str, Any]) -> None:
    step("Saleor's app and webhooks; PodOps' stored installation")
    expect(app["isActive"], "the PodOps app is not active")
    saw("permissions", [p["code"] for p in app["permissions"]])
    webhooks = {
        w["name"]: (w["isActive"], [e["eventType"] for e in w["asyncEvents"]], w["targetUrl"])
        for w in app["webhooks"]
    }
    saw("webhooks", webhooks)
    events = {event for _, types, _ in webhooks.values() for event in types}
    for needed in ("ORDER_CREATED", "ORDER_FULLY_PAID", "APP_DELETED"):
        expect(needed in events, f"no webhook for {needed}")
    expect(all(active for active, _, _ in webhooks.values()), "an inactive webhook")
    rows = podops.shell(INSTALLATION_CODE % {"api_url": saleor.url})
    saw("PodOps installations", rows)
    expect(len(rows) == 1, f"expected one installation for {saleor.url}, found {len(rows)}")
    expect(rows[0]["app_id"] == app["id"], "PodOps stored another app id than Saleor's")
    expect(rows[0]["is_active"] and rows[0]["has_jwks"], "the installation is inactive or keyless")


def payment_app_token(saleor: Saleor, token: str) -> str:
    step("Payment app with HANDLE_PAYMENTS")
    data = saleor.run(APPS, {"search": PAYMENT_APP_NAME}, token=token)
    existing = [e["node"] for e in data["apps"]["edges"] if e["node"]["name"] == PAYMENT_APP_NAME]
    if existing:
        result = saleor.mutate(
            "appTokenCreate", APP_TOKEN_CREATE, {"app": existing[0]["id"]}, token=token
        )
        saw("new token for the existing app", existing[0]["id"])
    else:
        result = saleor.mutate(
            "appCreate",
            APP_CREATE,
            {"input": {"name": PAYMENT_APP_NAME, "permissions": ["HANDLE_PAYMENTS"]}},
            token=token,
        )
        saw("created app", result["app"]["id"])
    return result["authToken"]


def pick_variant(saleor: Saleor, channel: str) -> str:
    data = saleor.run(VARIANTS, {"channel": channel})
    for edge in data["products"]["edges"]:
        product = edge["node"]
        if not (product["isAvailableForPurchase"] and product["productType"]["isShippingRequired"]):
            continue
        for variant in product["variants"] or []:
            if (variant["quantityAvailable"] or 0) > 0 and variant["pricing"]:
                saw("variant", f"{product['name']} / {variant['name']} ({variant['id']})")
                return variant["id"]
    raise CheckFailed(f"no purchasable shippable variant in channel {channel}")


def buy(saleor: Saleor, payment_token: str, channel: str, email: str) -> dict[str, Any]:
    step("Checkout with line metadata, shipping, transaction, complete")
    variant_id = pick_variant(saleor, channel)
    line_metadata = [
        {"key": "podops.text", "value": LINE_TEXT},
        {"key": "podops.options", "value": json.dumps(LINE_OPTIONS)},
    ]
    checkout = saleor.mutate(
        "checkoutCreate",
        CHECKOUT_CREATE,
        {
            "input": {
                "channel": channel,
                "email": email,
                "lines": [{"variantId": variant_id, "quantity": 1, "metadata": line_metadata}],
                "shippingAddress": ADDRESS,
                "billingAddress": ADDRESS,
            }
        },
    )["checkout"]
    saw("checkout", checkout["id"])
    saw("checkout line metadata", checkout["lines"][0]["metadata"])
    expect(
        {m["key"] for m in checkout["lines"][0]["metadata"]} >= {"podops.text", "podops.options"},
        "the checkout line did not keep its metadata",
    )
    expect(bool(checkout["shippingMethods"]), "no shipping method for the address")
    method = checkout["shippingMethods"][0]
    saw("shipping method", method)
    total = saleor.mutate(
        "checkoutDeliveryMethodUpdate",
        DELIVERY_METHOD,
        {"id": checkout["id"], "method": method["id"]},
    )["checkout"]["totalPrice"]["gross"]
    saw("total", total)
    transaction = saleor.mutate(
        "transactionCreate",
        TRANSACTION_CREATE,
        {
            "id": checkout["id"],
            "transaction": {
                "name": "Real check",
                "pspReference": f"real-check-{uuid.uuid4()}",
                "amountCharged": {"amount": total["amount"], "currency": total["currency"]},
            },
        },
        token=payment_token,
    )["transaction"]
    saw("transaction", transaction)
    order = saleor.mutate("checkoutComplete", CHECKOUT_COMPLETE, {"id": checkout["id"]})["order"]
    saw("order", {k: order[k] for k in ("id", "number", "status", "chargeStatus", "isPaid")})
    saw("order line metadata", order["lines"][0]["metadata"])
    expect(order["chargeStatus"] == "FULL", f"the order is not fully charged: {order}")
    return order


def wait_for_production(podops: PodOps, order: dict[str, Any], timeout: float) -> dict[str, Any]:
    step("Production order in PodOps")
    deadline = time.monotonic() + timeout
    seen: dict[str, Any] = {}
    while time.monotonic() < deadline:
        seen = podops.shell(PRODUCTION_CODE % {"order_id": order["id"], "with_bodies": False})
        if seen["order"] and seen["order"]["stage"] and seen["items"]:
            break
        time.sleep(2)
    saw("webhook deliveries", seen.get("deliveries"))
    expect(seen.get("order") is not None, f"no production order for {order['id']}: {seen}")
    saw("production order", seen["order"])
    saw("items", seen["items"])
    saw("timeline", seen["timeline"])
    expect(seen["order"]["number"] == order["number"], "the order number differs")
    expect(len(seen["items"]) == len(order["lines"]), "not one item per order line")
    item = seen["items"][0]
    expect(item["custom_text"] == LINE_TEXT, f"custom text not read from the line: {item}")
    expect(item["options"] == LINE_OPTIONS, f"options not read from the line: {item}")
    expect(seen["order"]["stage"] != "", "the production order has no stage")
    return seen


def wait_for_saleor_sync(
    saleor: Saleor, podops: PodOps, token: str, order: dict[str, Any], stage: str, timeout: float
) -> None:
    step("podops.stage metadata and the note on the Saleor order")
    deadline = time.monotonic() + timeout
    saleor_order: dict[str, Any] = {}
    while time.monotonic() < deadline:
        saleor_order = saleor.run(ORDER, {"id": order["id"]}, token=token)["order"]
        metadata = {m["key"]: m["value"] for m in saleor_order["metadata"]}
        notes = [e for e in saleor_order["events"] if e["type"] == "NOTE_ADDED"]
        if metadata.get("podops.stage") and any(
            (n["message"] or "").startswith("PodOps:") for n in notes
        ):
            break
        time.sleep(2)
    metadata = {m["key"]: m["value"] for m in saleor_order["metadata"]}
    saw("order metadata", metadata)
    saw("order events", [(e["type"], e["message"], e["app"]) for e in saleor_order["events"]])
    outbox = podops.shell(PRODUCTION_CODE % {"order_id": order["id"], "with_bodies": False})
    saw("PodOps outbox", outbox["outbox"])
    expect(metadata.get("podops.stage") == stage, f"podops.stage is {metadata.get('podops.stage')}")
    notes = [e["message"] for e in saleor_order["events"] if e["type"] == "NOTE_ADDED"]
    expect(any(n.startswith("PodOps:") for n in notes), f"no PodOps note: {notes}")


def staff_api(
    saleor: Saleor, podops: PodOps, token: str, app: dict[str, Any], order: dict[str, Any]
) -> None:
    step("PodOps' staff API with a real dashboard token (app.accessToken)")
    dashboard_token = saleor.run(APP_ACCESS_TOKEN, {"id": app["id"]}, token=token)["app"][
        "accessToken"
    ]
    expect(bool(dashboard_token), "Saleor gave no dashboard token for the app")
    response = saleor.http.post(
        f"{podops.url}/graphql/",
        json={"query": PODOPS_STAFF_QUERY, "variables": {"order": order["id"]}},
        headers={"authorization-bearer": dashboard_token, "saleor-api-url": saleor.url},
    )
    expect(
        response.status_code == 200,
        f"PodOps answered HTTP {response.status_code}: {response.text[:300]}",
    )
    answer = response.json()
    saw("PodOps answer", answer)
    expect(not answer.get("errors"), f"PodOps refused the dashboard token: {answer}")
    expect(answer["data"]["productionOrder"]["number"] == order["number"], "another order")


def webhook_migration(
    saleor: Saleor, podops: PodOps, token: str, app: dict[str, Any], timeout: float
) -> None:
    step("Webhook migration: PodOps restores its webhooks with its own app token")
    by_identifier = {w["identifier"]: w for w in app["webhooks"]}
    dropped, spoiled = (
        by_identifier["podops-order-updated"],
        by_identifier["podops-order-confirmed"],
    )
    saleor.mutate("webhookDelete", WEBHOOK_DELETE, {"id": dropped["id"]}, token=token)
    saleor.mutate("webhookUpdate", WEBHOOK_DEACTIVATE, {"id": spoiled["id"]}, token=token)
    saw("as staff", "deleted podops-order-updated, deactivated and renamed podops-order-confirmed")
    public_url = dropped["targetUrl"].split("/api/webhooks/")[0]
    outcome = podops.shell(WEBHOOK_SYNC_CODE % {"public_url": public_url, "api_url": saleor.url})
    saw("webhooks_sync", outcome)
    expect("error" not in outcome, str(outcome.get("error")))
    expect(outcome["created"] == ["podops-order-updated"], "the deleted webhook was not created")
    expect(outcome["updated"] == ["podops-order-confirmed"], "the changed webhook was not updated")
    apps, _ = podops_apps(saleor, token)
    restored = {w["identifier"]: w for w in apps[0]["webhooks"]}
    expect(set(restored) == set(by_identifier), f"webhooks now: {sorted(restored)}")
    expect(all(w["isActive"] for w in restored.values()), "a webhook is still inactive")
    expect(restored["podops-order-confirmed"]["name"] == spoiled["name"], "the name is not back")


def fulfil(
    saleor: Saleor, podops: PodOps, token: str, order: dict[str, Any], timeout: float
) -> None:
    step("Fulfilment through PodOps' outbox: orderFulfill with tracking, then a tracking update")
    first, second = f"REAL-{order['number']}-1", f"REAL-{order['number']}-2"
    rows = podops.shell(FULFIL_CODE % {"order_id": order["id"], "first": first, "second": second})
    deadline = time.monotonic() + timeout
    saleor_order: dict[str, Any] = {}
    while time.monotonic() < deadline:
        saleor_order = saleor.run(ORDER_FULFILMENTS, {"id": order["id"]}, token=token)["order"]
        tracking = [f["trackingNumber"] for f in saleor_order["fulfillments"]]
        if saleor_order["status"] == "FULFILLED" and tracking == [second]:
            break
        time.sleep(2)
    saw("PodOps outbox", rows)
    saw("Saleor order", saleor_order)
    expect(saleor_order["status"] == "FULFILLED", "the order is not fulfilled in Saleor")
    expect(
        [f["trackingNumber"] for f in saleor_order["fulfillments"]] == [second],
        "not one fulfillment with the updated tracking number",
    )


def cancel(
    saleor: Saleor, podops: PodOps, token: str, order: dict[str, Any], timeout: float
) -> None:
    step("Cancel the order in Saleor: production is cancelled, Saleor is told")
    cancelled = saleor.mutate("orderCancel", ORDER_CANCEL, {"id": order["id"]}, token=token)
    saw("Saleor order", cancelled["order"])
    deadline = time.monotonic() + timeout
    seen: dict[str, Any] = {}
    saleor_order: dict[str, Any] = {}
    while time.monotonic() < deadline:
        seen = podops.shell(PRODUCTION_CODE % {"order_id": order["id"], "with_bodies": False})
        saleor_order = saleor.run(ORDER, {"id": order["id"]}, token=token)["order"]
        metadata = {m["key"]: m["value"] for m in saleor_order["metadata"]}
        if seen["order"]["status"] == "CANCELLED" and metadata.get("podops.status") == "CANCELLED":
            break
        time.sleep(2)
    saw("production order", seen["order"])
    saw("items", [(item["stage"], item["product"]) for item in seen["items"]])
    metadata = {m["key"]: m["value"] for m in saleor_order["metadata"]}
    saw("order metadata", metadata)
    notes = [e["message"] for e in saleor_order["events"] if e["type"] == "NOTE_ADDED"]
    saw("notes", notes)
    expect(seen["order"]["status"] == "CANCELLED", "production was not cancelled")
    expect(all(item["stage"] == "CANCELLED" for item in seen["items"]), "an item goes on")
    expect(metadata.get("podops.stage") == "CANCELLED", f"podops.stage is {metadata}")
    expect(any("cancelled" in n for n in notes), f"no cancellation note: {notes}")


def capture(podops: PodOps, order: dict[str, Any], directory: Path) -> None:
    """Write each stored delivery's body byte for byte (as Saleor signed it)."""
    step(f"Capturing the raw webhook bodies into {directory}")
    seen = podops.shell(PRODUCTION_CODE % {"order_id": order["id"], "with_bodies": True})
    directory.mkdir(parents=True, exist_ok=True)
    for delivery in seen["deliveries"]:
        path = directory / f"{delivery['event']}.json"
        path.write_bytes(delivery["body"].encode("utf-8"))
        saw("wrote", str(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--saleor-url", default=os.environ.get("SALEOR_URL", "http://127.0.0.1:8000/graphql/")
    )
    parser.add_argument(
        "--podops-url", default=os.environ.get("PODOPS_URL", "http://127.0.0.1:8100")
    )
    parser.add_argument(
        "--podops-command",
        default=os.environ.get("PODOPS_COMMAND", str(REPO_ROOT / ".venv/bin/podops")),
    )
    parser.add_argument("--email", default=os.environ.get("SALEOR_EMAIL", "admin@example.com"))
    parser.add_argument("--password", default=os.environ.get("SALEOR_PASSWORD", "admin"))
    parser.add_argument("--channel", default=os.environ.get("SALEOR_CHANNEL", "default-channel"))
    parser.add_argument(
        "--reinstall", action="store_true", help="delete PodOps first, install anew"
    )
    parser.add_argument("--capture", type=Path, help="write the raw webhook bodies here")
    parser.add_argument(
        "--no-webhook-migration", action="store_true", help="leave the app's webhooks alone"
    )
    parser.add_argument(
        "--fulfil", action="store_true", help="fulfil through PodOps' outbox instead of cancelling"
    )
    parser.add_argument("--no-cancel", action="store_true", help="leave the order open")
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds per waiting step")
    args = parser.parse_args()

    saleor = Saleor(args.saleor_url, httpx.Client(timeout=60.0))
    podops = PodOps(args.podops_url, args.podops_command.split())
    try:
        token = staff_token(saleor, args.email, args.password)
        app = install_podops(saleor, podops, token, reinstall=args.reinstall, timeout=args.timeout)
        check_installation(saleor, podops, app)
        payment_token = payment_app_token(saleor, token)
        order = buy(saleor, payment_token, args.channel, "anna.tester@example.com")
        production = wait_for_production(podops, order, args.timeout)
        wait_for_saleor_sync(
            saleor, podops, token, order, production["order"]["stage"], args.timeout
        )
        staff_api(saleor, podops, token, app, order)
        if not args.no_webhook_migration:
            webhook_migration(saleor, podops, token, app, args.timeout)
        if args.fulfil:
            fulfil(saleor, podops, token, order, args.timeout)
        elif not args.no_cancel:
            cancel(saleor, podops, token, order, args.timeout)
        if args.capture:
            capture(podops, order, args.capture)
    except CheckFailed as failure:
        print(f"\nFAILED: {failure}", file=sys.stderr)
        return 1
    print("\nPASSED: PodOps works against this Saleor.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
