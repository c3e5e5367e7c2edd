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

With ``--lifecycle`` the checkout of 4 is a new customer account's, with a photo uploaded through
PodOps, and in place of 6 and 8 the order goes through every production stage by PodOps' own APIs:
the staff API with the superuser's dashboard token (roles and settings, image review, the artwork
PNG by GraphQL multipart upload, QC, batching and sending), the customer API with the customer's
Saleor token (the proof approval), and a print partner (``--partner http``: a local generic HTTP
partner, ``partner_stub.py``, that takes the signed job and posts signed status webhooks back;
``--partner manual``: the batch's archive and ``jobRecordStatus``), until Saleor's order is FULFILLED
with the partner's tracking number, ``podops.stage`` SHIPPED and every step on PodOps' timeline.

With ``--capture DIR`` the raw webhook bodies PodOps received for that order are written to DIR.

Not part of ``make test``: it needs a running Saleor and PodOps. Exit code 0 means every step passed.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import time
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from partner_stub import PartnerStub, ReceivedJob

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


def buy(
    saleor: Saleor,
    payment_token: str,
    channel: str,
    email: str,
    *,
    customer_token: str | None = None,
    uploads: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A guest checkout, or the signed-in customer's with ``customer_token``; ``uploads`` go to the
    line as ``podops.uploads``."""
    step("Checkout with line metadata, shipping, transaction, complete")
    variant_id = pick_variant(saleor, channel)
    line_metadata = [
        {"key": "podops.text", "value": LINE_TEXT},
        {"key": "podops.options", "value": json.dumps(LINE_OPTIONS)},
    ]
    if uploads:
        line_metadata.append({"key": "podops.uploads", "value": json.dumps(list(uploads))})
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
        token=customer_token,
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
        token=customer_token,
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
    order = saleor.mutate(
        "checkoutComplete", CHECKOUT_COMPLETE, {"id": checkout["id"]}, token=customer_token
    )["order"]
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


# --- --lifecycle: the production order driven through PodOps' own APIs, as staff, customer and
# print partner would, until Saleor has a fulfillment with the partner's tracking number.

LIFECYCLE_PARTNER_NAME = "Real check partner (local HTTP)"
MANUAL_PARTNER_NAME = "Real check partner (manual)"
LIFECYCLE_CARRIER = "DHL"
WORKER_ROLES = ("IMAGE_PROCESSOR", "ARTIST", "ART_QC", "FULFILLER")
# Each stage move of the item, with who made it: Saleor's payment starts it, the staff member
# works it, the customer approves; the partner's parcel ships it (a SYSTEM move: the workflow knows
# staff, customers and the system; the PARCEL_SHIPPED event beside it is the partner's).
LIFECYCLE_MOVES = [
    ("SALEOR", None, "IMAGE_REVIEW"),
    ("STAFF", "IMAGE_REVIEW", "ARTWORK"),
    ("STAFF", "ARTWORK", "ARTWORK_QC"),
    ("STAFF", "ARTWORK_QC", "CUSTOMER_APPROVAL"),
    ("CUSTOMER", "CUSTOMER_APPROVAL", "FULFILMENT_QUEUE"),
    ("STAFF", "FULFILMENT_QUEUE", "IN_PRODUCTION"),
    ("SYSTEM", "IN_PRODUCTION", "SHIPPED"),
]
# The order's stages as PodOps' notes on the Saleor order name them, one note each.
STAGE_LABELS = (
    "Image review",
    "Artwork",
    "Artwork QC",
    "Customer approval",
    "Fulfilment queue",
    "In production",
    "Shipped",
)
LIFECYCLE_EVENTS = {
    "ORDER_RECEIVED",
    "STAGE_CHANGED",
    "ASSIGNED",
    "UNASSIGNED",
    "FILE_ADDED",
    "BATCH_UPDATED",
    "PARTNER_JOB_SENT",
    "PARTNER_STATUS",
    "PARCEL_SHIPPED",
}

ACCOUNT_REGISTER = """
mutation Register($input: AccountRegisterInput!) {
  accountRegister(input: $input) { requiresConfirmation errors { field code message } }
}"""

CUSTOMER_FIND = """
query Customer($email: String!) {
  customers(first: 1, filter: { search: $email }) {
    edges { node { id email isActive isConfirmed } }
  }
}"""

CUSTOMER_CONFIRM = """
mutation Confirm($id: ID!) {
  customerUpdate(id: $id, input: { isConfirmed: true, isActive: true }) {
    user { id isConfirmed } errors { field code message }
  }
}"""

ORDER_OWNER = """
query Owner($id: ID!) { order(id: $id) { user { id email } userEmail } }"""

LC_ME = "{ me { userId email roles member { capacity load isAway } } }"

LC_PRODUCT_TYPES = """
query Types($search: String, $slugs: [String!]) {
  saleorProductTypes(search: $search, slugs: $slugs, first: 100) { slug name }
}"""
SALEOR_PRODUCT_TYPES = "{ productTypes(first: 100) { edges { node { slug name } } } }"

LC_ROLE_ASSIGN = """
mutation Role($user: String!, $email: String!, $role: PodOpsRole!) {
  staffRoleAssign(userId: $user, email: $email, role: $role) {
    staffMember { roles } errors { field code message }
  }
}"""

LC_CAPACITY = """
mutation Capacity($user: String!) {
  staffCapacityUpdate(userId: $user, capacity: 1000) {
    staffMember { capacity freeCapacity } errors { field code message }
  }
}"""

LC_AWAY = """
mutation Back($user: String!) {
  staffAwayUpdate(userId: $user, isAway: false) { errors { field code message } }
}"""

LC_FLOW_ON = """
mutation {
  flowSettingsUpdate(input: {
    imageReviewEnabled: true, artworkQcEnabled: true, customerApprovalEnabled: true
  }) {
    flowSettings { imageReviewEnabled artworkQcEnabled customerApprovalEnabled }
    errors { field code message }
  }
}"""

LC_FULFILMENT_SETTINGS = """
mutation {
  fulfilmentSettingsUpdate(input: { graceMinutes: 0, spotCheckPercent: 0, qaProductTypes: [] }) {
    settings { graceMinutes spotCheckPercent qaProductTypes }
    errors { field code message }
  }
}"""

LC_PARTNERS = "{ printPartners { id name kind endpointUrl webhookUrl isActive } }"

LC_PARTNER_FIELDS = "partner { id name kind endpointUrl webhookUrl isActive hasSecret }"

LC_PARTNER_CREATE = f"""
mutation Partner($input: PrintPartnerInput!) {{
  printPartnerCreate(input: $input) {{ {LC_PARTNER_FIELDS} errors {{ field code message }} }}
}}"""

LC_PARTNER_UPDATE = f"""
mutation Partner($id: ID!, $input: PrintPartnerInput!) {{
  printPartnerUpdate(id: $id, input: $input) {{ {LC_PARTNER_FIELDS} errors {{ field code message }} }}
}}"""

LC_ITEM_FIELDS = """
  id stage assignee { userId } availableActions uploadReferences
  customerUploads { reference status width height }
"""

LC_ORDER = f"""
query Order($order: ID!) {{
  productionOrder(saleorOrderId: $order) {{
    id number status stage customerUserId customerEmail shippedAt
    items {{ {LC_ITEM_FIELDS} }}
  }}
}}"""

LC_TIMELINE = """
query Timeline($order: ID!) {
  productionOrder(saleorOrderId: $order) {
    number status stage shippedAt
    items { id stage }
    timeline { type actorType actorId fromStage toStage itemId comment }
  }
}"""

LC_MOVE = f"""
mutation Move($id: ID!) {{
  %s(id: $id) {{ item {{ {LC_ITEM_FIELDS} }} errors {{ field code message }} }}
}}"""

LC_ARTWORK_UPLOAD = """
mutation Artwork($id: ID!, $file: Upload!) {
  artworkUpload(id: $id, file: $file, submit: true) {
    version { number sha256 width height status printCheck { format widthPx heightPx resolution } }
    errors { field code message }
  }
}"""

LC_QUEUE = """
{ fulfilmentQueue(mine: true) { item { id } inGrace sendableAt approvedArtwork { number sha256 } } }"""

LC_BATCH_CREATE = """
mutation Batch($partner: ID!, $items: [ID!]!) {
  batchCreate(partner: $partner, items: $items) {
    batch { id status items { id } } errors { field code message }
  }
}"""

LC_BATCH_SEND = """
mutation Send($id: ID!) {
  batchSend(id: $id) {
    batch { id status } jobs { id dispatchState } errors { field code message }
  }
}"""

LC_JOBS = """
{ partnerJobs(first: 50) {
    id externalId dispatchState partnerStatus attempts lastError order { number }
    lines { id shippedAt } parcels { carrier trackingNumber }
} }"""

LC_REPRINT = """
mutation Reprint($id: ID!, $comment: String) {
  lineReprint(id: $id, reason: DAMAGED, comment: $comment) {
    reprint { id } errors { field code message }
} }"""

LC_ARCHIVE_LINK = """
mutation Archive($batch: ID!) { archiveLinkCreate(batch: $batch) { url errors { field code message } } }"""

LC_RECORD_STATUS = """
mutation Record($id: ID!, $status: PartnerStatus!, $parcels: [ParcelInput!]) {
  jobRecordStatus(id: $id, status: $status, parcels: $parcels) {
    job { id partnerStatus parcels { carrier trackingNumber } } errors { field code message }
  }
}"""

CUSTOMER_PROOFS = """
{ customerProofs { id orderNumber itemId versionNumber round status previewUrl } }"""

CUSTOMER_PROOF_APPROVE = """
mutation Approve($proof: ID!) {
  proofApprove(proofId: $proof) { proof { id status } errors { field code message } }
}"""

CUSTOMER_ORDER_STATUS = """
{ customerOrders { number stage status waitingForYou } }"""


def png_image(width: int, height: int, seed: int) -> bytes:
    """A real PNG with some content (gradients and a frame), made with Pillow."""
    from PIL import Image, ImageDraw

    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for i in range(12):
        x, y = (seed * 37 + i * 97) % width, (seed * 53 + i * 131) % height
        draw.ellipse((x, y, x + width // 6, y + height // 6), fill=(40 * i % 255, 120, 200))
    draw.rectangle((10, 10, width - 10, height - 10), outline=(200, 30, 30), width=8)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@dataclass
class StaffApi:
    """PodOps' staff API as the dashboard calls it: a fresh dashboard token (``app.accessToken``,
    about 5 minutes valid) in ``authorization-bearer``, with ``saleor-api-url``."""

    saleor: Saleor
    podops: PodOps
    staff_token: str
    app_id: str
    _token: str = ""
    _fetched_at: float = 0.0

    def token(self) -> str:
        if not self._token or time.monotonic() - self._fetched_at > 60:
            data = self.saleor.run(APP_ACCESS_TOKEN, {"id": self.app_id}, token=self.staff_token)
            self._token = data["app"]["accessToken"]
            expect(bool(self._token), "Saleor gave no dashboard token for the app")
            self._fetched_at = time.monotonic()
        return self._token

    def run(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> dict[str, Any]:
        """``files``: variable path -> (name, bytes, type), sent as a GraphQL multipart request."""
        headers = {"authorization-bearer": self.token(), "saleor-api-url": self.saleor.url}
        url = f"{self.podops.url}/graphql/"
        if files:
            operations = {"query": query, "variables": variables or {}}
            response = self.saleor.http.post(
                url,
                data={
                    "operations": json.dumps(operations),
                    "map": json.dumps({str(i): [path] for i, path in enumerate(files)}),
                },
                files={str(i): part for i, part in enumerate(files.values())},
                headers=headers,
            )
        else:
            response = self.saleor.http.post(
                url, json={"query": query, "variables": variables or {}}, headers=headers
            )
        expect(response.status_code == 200, f"PodOps: HTTP {response.status_code} {response.text}")
        answer = response.json()
        expect(not answer.get("errors"), f"PodOps: {answer.get('errors')}")
        return answer["data"]

    def mutate(
        self, field: str, query: str, variables: dict[str, Any] | None = None, **kw: Any
    ) -> dict[str, Any]:
        result = self.run(query, variables, **kw)[field]
        expect(result is not None, f"{field}: no result")
        expect(result["errors"] == [], f"{field}: {result['errors']}")
        return result


@dataclass
class Customer:
    """A Saleor customer account made for this run; tokens are refreshed (they live 5 minutes)."""

    saleor: Saleor
    email: str
    password: str
    user_id: str
    _token: str = ""
    _fetched_at: float = 0.0

    def token(self) -> str:
        if not self._token or time.monotonic() - self._fetched_at > 60:
            result = self.saleor.mutate(
                "tokenCreate", STAFF_TOKEN, {"email": self.email, "password": self.password}
            )
            self._token, self._fetched_at = result["token"], time.monotonic()
        return self._token

    def podops(self, podops: PodOps, query: str, variables: dict[str, Any] | None = None) -> Any:
        """PodOps' customer API, signed in with the Saleor customer token (as a storefront)."""
        response = self.saleor.http.post(
            f"{podops.url}/graphql/customer/",
            json={"query": query, "variables": variables or {}},
            headers={"Authorization": f"Bearer {self.token()}", "Saleor-Api-Url": self.saleor.url},
        )
        expect(response.status_code == 200, f"PodOps: HTTP {response.status_code} {response.text}")
        answer = response.json()
        expect(not answer.get("errors"), f"PodOps customer API: {answer.get('errors')}")
        return answer["data"]


def wait_until(what: str, probe: Any, timeout: float, interval: float = 1.0) -> Any:
    """Call ``probe`` until it answers something truthy; fail with ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        seen = probe()
        if seen:
            return seen
        if time.monotonic() > deadline:
            raise CheckFailed(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def product_types(saleor: Saleor, token: str, api: StaffApi) -> None:
    """The settings' product type pickers: PodOps asks Saleor with its app token and answers the
    shop's product types as Saleor has them (the staff user sees the same), found by search and
    by slug."""
    step("Product types for the settings' pickers (saleorProductTypes: Saleor's own, app token)")
    edges = saleor.run(SALEOR_PRODUCT_TYPES, token=token)["productTypes"]["edges"]
    saleors = sorted((e["node"]["name"], e["node"]["slug"]) for e in edges)
    found = api.run(LC_PRODUCT_TYPES)["saleorProductTypes"]
    saw("PodOps' answer", found)
    expect(bool(saleors), "the sample shop has no product types")
    expect(sorted((t["name"], t["slug"]) for t in found) == saleors, "not Saleor's product types")
    name, slug = saleors[0]
    searched = api.run(LC_PRODUCT_TYPES, {"search": name[:4]})["saleorProductTypes"]
    expect(slug in [t["slug"] for t in searched], f"searching {name[:4]!r} misses {slug}")
    by_slug = api.run(LC_PRODUCT_TYPES, {"slugs": [slug, "no-such-type"]})["saleorProductTypes"]
    expect([t["slug"] for t in by_slug] == [slug], f"by slug: {by_slug}")


def lifecycle_setup(api: StaffApi) -> str:
    """The superuser takes every worker role with room for all work; every stage on; no grace
    window and no spot checks (so the item can be sent at once). Answers the user id."""
    step("Lifecycle setup through PodOps' staff API (the superuser is ADMIN by the bootstrap rule)")
    me = api.run(LC_ME)["me"]
    saw("me", me)
    expect("ADMIN" in me["roles"], f"the superuser is not a PodOps ADMIN: {me['roles']}")
    user_id = me["userId"]
    for role in WORKER_ROLES:
        api.mutate(
            "staffRoleAssign",
            LC_ROLE_ASSIGN,
            {"user": user_id, "email": me["email"], "role": role},
        )
    api.mutate("staffCapacityUpdate", LC_CAPACITY, {"user": user_id})
    api.mutate("staffAwayUpdate", LC_AWAY, {"user": user_id})
    saw("roles and capacity", api.run(LC_ME)["me"])
    flow = api.mutate("flowSettingsUpdate", LC_FLOW_ON)["flowSettings"]
    saw("flow settings", flow)
    settings = api.mutate("fulfilmentSettingsUpdate", LC_FULFILMENT_SETTINGS)["settings"]
    saw("fulfilment settings", settings)
    return user_id


def print_partner(api: StaffApi, stub: PartnerStub | None) -> dict[str, Any]:
    """The check's partner, made or updated by name: the local HTTP partner (its port and secret
    change every run), or a manual partner when ``stub`` is None."""
    step("The print partner (printPartnerCreate / printPartnerUpdate)")
    if stub is None:
        partner_input: dict[str, Any] = {"name": MANUAL_PARTNER_NAME, "kind": "MANUAL"}
    else:
        partner_input = {
            "name": LIFECYCLE_PARTNER_NAME,
            "kind": "GENERIC_HTTP",
            "endpointUrl": stub.endpoint_url,
            "secret": stub.secret,
        }
    partner_input["isActive"] = True
    existing = [
        p for p in api.run(LC_PARTNERS)["printPartners"] if p["name"] == partner_input["name"]
    ]
    if existing:
        saved = api.mutate(
            "printPartnerUpdate",
            LC_PARTNER_UPDATE,
            {"id": existing[0]["id"], "input": partner_input},
        )["partner"]
    else:
        saved = api.mutate("printPartnerCreate", LC_PARTNER_CREATE, {"input": partner_input})[
            "partner"
        ]
    saw("print partner", saved)
    expect(saved["kind"] == partner_input["kind"] and saved["isActive"], "partner not saved")
    if stub is not None:
        expect(saved["endpointUrl"] == stub.endpoint_url and saved["hasSecret"], "no endpoint")
    return saved


def customer_account(saleor: Saleor, staff_token: str, channel: str) -> Customer:
    step("A customer account in Saleor (accountRegister, confirmed by staff, tokenCreate)")
    email = f"podops.check+{uuid.uuid4().hex[:10]}@example.com"
    password = f"Rc-{uuid.uuid4().hex}"
    registered = saleor.mutate(
        "accountRegister",
        ACCOUNT_REGISTER,
        {
            "input": {
                "email": email,
                "password": password,
                "firstName": ADDRESS["firstName"],
                "lastName": ADDRESS["lastName"],
                "channel": channel,
                "redirectUrl": "http://127.0.0.1:3000/account-confirm/",
            }
        },
    )
    saw("accountRegister", registered)
    found = wait_until(
        f"the customer {email}",
        lambda: saleor.run(CUSTOMER_FIND, {"email": email}, token=staff_token)["customers"][
            "edges"
        ],
        30,
    )[0]["node"]
    if not (found["isConfirmed"] and found["isActive"]):
        found = saleor.mutate(
            "customerUpdate", CUSTOMER_CONFIRM, {"id": found["id"]}, token=staff_token
        )["user"]
        saw("confirmed by staff (customerUpdate isConfirmed)", found)
    customer = Customer(saleor, email, password, found["id"])
    customer.token()
    saw("customer", {"email": email, "id": found["id"], "token": "received"})
    return customer


def customer_photo(saleor: Saleor, podops: PodOps, customer: Customer) -> str:
    step("The customer's photo through PodOps' upload API (Saleor customer token)")
    photo = png_image(1200, 1600, seed=1)
    response = saleor.http.post(
        f"{podops.url}/api/uploads",
        files={"file": ("anna.png", photo, "image/png")},
        headers={"Authorization": f"Bearer {customer.token()}", "Saleor-Api-Url": saleor.url},
    )
    saw("answer", f"HTTP {response.status_code} {response.text[:400]}")
    expect(response.status_code == 201, "the upload was refused")
    reference = response.json()["reference"]
    expect(reference.startswith("upl_"), f"an odd reference: {reference}")
    return reference


def lifecycle_item(api: StaffApi, order: dict[str, Any]) -> dict[str, Any]:
    production = api.run(LC_ORDER, {"order": order["id"]})["productionOrder"]
    expect(production is not None, "PodOps' staff API does not know the order")
    expect(len(production["items"]) == 1, f"expected one item: {production['items']}")
    return {**production["items"][0], "order": production}


def wait_for_item(
    api: StaffApi, order: dict[str, Any], stage: str, assignee: str | None, timeout: float
) -> dict[str, Any]:
    """The item once it is in ``stage`` held by ``assignee`` (None: nobody)."""

    def probe() -> dict[str, Any] | None:
        item = lifecycle_item(api, order)
        holder = (item["assignee"] or {}).get("userId")
        return item if item["stage"] == stage and holder == assignee else None

    try:
        return wait_until(f"the item in {stage} held by {assignee}", probe, timeout)
    except CheckFailed:
        saw("item now", lifecycle_item(api, order))
        raise


def check_intake(
    saleor: Saleor,
    api: StaffApi,
    token: str,
    order: dict[str, Any],
    customer: Customer,
    upload: str,
) -> None:
    step("The order is the customer's in Saleor and in PodOps, with the photo")
    owner = saleor.run(ORDER_OWNER, {"id": order["id"]}, token=token)["order"]
    saw("Saleor order's user", owner)
    expect((owner["user"] or {}).get("id") == customer.user_id, "not the customer's order")
    item = lifecycle_item(api, order)
    production = item["order"]
    saw(
        "production order",
        {k: production[k] for k in ("number", "customerUserId", "customerEmail")},
    )
    saw(
        "item uploads", {"references": item["uploadReferences"], "uploads": item["customerUploads"]}
    )
    expect(production["customerUserId"] == customer.user_id, "not the customer's Saleor user id")
    expect(production["customerEmail"] == customer.email, "not the customer's email")
    expect(item["uploadReferences"] == [upload], "the photo was not attached to the item")
    expect(item["customerUploads"][0]["status"] == "ACCEPTED", "the photo was not accepted")


def review_image(api: StaffApi, order: dict[str, Any], me: str, timeout: float) -> None:
    step("Image review: the image processor (assigned) approves the customer's photo")
    item = wait_for_item(api, order, "IMAGE_REVIEW", me, timeout)
    saw("item", {k: item[k] for k in ("stage", "assignee", "availableActions")})
    moved = api.mutate("imageApprove", LC_MOVE % "imageApprove", {"id": item["id"]})["item"]
    saw("after imageApprove", {k: moved[k] for k in ("stage", "assignee")})
    expect(moved["stage"] == "ARTWORK", "the item did not go to ARTWORK")


def upload_artwork(api: StaffApi, order: dict[str, Any], me: str, timeout: float) -> str:
    """Answers the artwork's SHA-256."""
    step("Artwork: the artist uploads a PNG (GraphQL multipart request) and submits it")
    item = wait_for_item(api, order, "ARTWORK", me, timeout)
    artwork = png_image(1800, 2400, seed=int(order["number"]))
    digest = hashlib.sha256(artwork).hexdigest()
    uploaded = api.mutate(
        "artworkUpload",
        LC_ARTWORK_UPLOAD,
        {"id": item["id"], "file": None},
        files={"variables.file": (f"artwork-{order['number']}.png", artwork, "image/png")},
    )
    saw("artworkUpload", uploaded["version"])
    expect(uploaded["version"]["sha256"] == digest, "PodOps stored other bytes than uploaded")
    item = lifecycle_item(api, order)
    saw("item", {k: item[k] for k in ("stage", "assignee")})
    expect(item["stage"] == "ARTWORK_QC", "the submitted artwork did not go to QC")
    return digest


def qc_approve(api: StaffApi, order: dict[str, Any], me: str, timeout: float) -> None:
    step("Artwork QC: the art manager (assigned) approves")
    item = wait_for_item(api, order, "ARTWORK_QC", me, timeout)
    moved = api.mutate("qcApprove", LC_MOVE % "qcApprove", {"id": item["id"]})["item"]
    saw("after qcApprove", {k: moved[k] for k in ("stage", "assignee")})
    expect(moved["stage"] == "CUSTOMER_APPROVAL", "the item did not go to customer approval")


def customer_approves(
    podops: PodOps, customer: Customer, order: dict[str, Any], timeout: float
) -> None:
    step("Customer approval: the customer approves the proof through PodOps' customer API")

    def proof() -> dict[str, Any] | None:
        proofs = customer.podops(podops, CUSTOMER_PROOFS)["customerProofs"]
        return next((p for p in proofs if p["orderNumber"] == order["number"]), None)

    waiting = wait_until("the proof for the customer", proof, timeout)
    saw("proof", waiting)
    saw("customerOrders", customer.podops(podops, CUSTOMER_ORDER_STATUS)["customerOrders"])
    answer = customer.podops(podops, CUSTOMER_PROOF_APPROVE, {"proof": waiting["id"]})
    result = answer["proofApprove"]
    saw("proofApprove", result)
    expect(result["errors"] == [], f"proofApprove: {result['errors']}")


def batch_and_send(
    api: StaffApi,
    saved_partner: dict[str, Any],
    order: dict[str, Any],
    me: str,
    artwork_sha256: str,
    timeout: float,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fulfiller batches the item they hold and sends the batch; answers (batch, job)."""
    step(
        f"Fulfilment queue: the fulfiller batches the item and sends it to {saved_partner['name']}"
    )
    item = wait_for_item(api, order, "FULFILMENT_QUEUE", me, timeout)

    def queued() -> dict[str, Any] | None:
        queue = api.run(LC_QUEUE)["fulfilmentQueue"]
        entry = next((e for e in queue if e["item"]["id"] == item["id"]), None)
        return entry if entry and not entry["inGrace"] else None

    entry = wait_until("the item out of its grace window in my queue", queued, timeout)
    saw("queue entry", entry)
    expect(entry["approvedArtwork"]["sha256"] == artwork_sha256, "another artwork was approved")
    batch = api.mutate(
        "batchCreate", LC_BATCH_CREATE, {"partner": saved_partner["id"], "items": [item["id"]]}
    )["batch"]
    saw("batch", batch)
    sent = api.mutate("batchSend", LC_BATCH_SEND, {"id": batch["id"]})
    saw("batchSend", {"batch": sent["batch"], "jobs": sent["jobs"]})
    expect(len(sent["jobs"]) == 1, "not one job for the order")
    item = lifecycle_item(api, order)
    expect(item["stage"] == "IN_PRODUCTION", f"the item is {item['stage']}, not IN_PRODUCTION")
    return batch, sent["jobs"][0]


def http_partner_receives(
    api: StaffApi,
    stub: PartnerStub,
    sent: dict[str, Any],
    order: dict[str, Any],
    artwork_sha256: str,
    timeout: float,
) -> tuple[ReceivedJob, dict[str, Any]]:
    """The local partner got the signed job, with a working link to the approved artwork; PodOps
    recorded the partner's job id. Answers the job and its one line."""
    step("The HTTP partner receives the job (signed, with an idempotency key and artwork links)")
    job = stub.wait_for_job(order["number"], timeout)
    expect(job is not None, f"the partner got no job for order {order['number']}")
    assert job is not None
    saw("the partner received", {"id": job.external_id, "key": job.idempotency_key, **job.body})
    expect(not stub.refused, f"the partner refused requests: {stub.refused}")
    [line] = job.body["items"]
    [file] = line["files"]
    expect(file["sha256"] == artwork_sha256, "the job names another artwork file")
    download = api.saleor.http.get(file["url"])
    expect(download.status_code == 200, f"the artwork link answered HTTP {download.status_code}")
    expect(
        hashlib.sha256(download.content).hexdigest() == artwork_sha256,
        "the partner downloaded other bytes than the artist uploaded",
    )
    saw("artwork link", f"downloaded {len(download.content)} bytes, SHA-256 matches")
    expect(job.body["recipient"].get("country") == ADDRESS["country"], "no shipping address")

    def recorded() -> dict[str, Any] | None:
        jobs = api.run(LC_JOBS)["partnerJobs"]
        return next(
            (
                j
                for j in jobs
                if j["id"] == sent["id"]
                and j["externalId"] == job.external_id
                and j["dispatchState"] == "SENT"
            ),
            None,
        )

    saw("PodOps' job", wait_until("PodOps to record the partner's job id", recorded, timeout))
    return job, line


def manual_partner_archive(
    api: StaffApi, batch: dict[str, Any], order: dict[str, Any], artwork_sha256: str
) -> None:
    """The fulfiller downloads the batch's zip for the print shop: the approved artwork in it."""
    step("The manual partner's archive (archiveLinkCreate, the zip the print shop gets)")
    url = api.mutate("archiveLinkCreate", LC_ARCHIVE_LINK, {"batch": batch["id"]})["url"]
    download = api.saleor.http.get(url)
    expect(download.status_code == 200, f"the archive link answered HTTP {download.status_code}")
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        names = archive.namelist()
        digests = {n: hashlib.sha256(archive.read(n)).hexdigest() for n in names}
        metadata = json.loads(archive.read("print-metadata.json"))
    saw("archive", {"bytes": len(download.content), "files": names})
    expect(artwork_sha256 in digests.values(), "the zip lacks the approved artwork")
    expect(order["number"] in json.dumps(metadata), "print-metadata.json does not name the order")


def manual_partner_ships(api: StaffApi, job: dict[str, Any], tracking: str) -> None:
    step("The fulfiller records the print shop's PRINTED and SHIPPED (jobRecordStatus)")
    parcel = {
        "parcelId": "P1",
        "carrier": LIFECYCLE_CARRIER,
        "trackingNumber": tracking,
        "trackingUrl": f"https://tracking.example.com/{tracking}",
    }
    for status, parcels in (("PRINTED", []), ("SHIPPED", [parcel])):
        recorded = api.mutate(
            "jobRecordStatus",
            LC_RECORD_STATUS,
            {"id": job["id"], "status": status, "parcels": parcels},
        )["job"]
        saw(status, recorded)
        expect(recorded["partnerStatus"] == status, f"the job is {recorded['partnerStatus']}")


def http_partner_ships(
    partner: PartnerStub, job: ReceivedJob, line: dict[str, Any], tracking: str
) -> None:
    step("The partner reports PRINTING, PRINTED and SHIPPED (signed status webhooks)")
    parcel = {
        "id": f"{job.external_id}-P1",
        "carrier": LIFECYCLE_CARRIER,
        "tracking_number": tracking,
        "tracking_url": f"https://tracking.example.com/{tracking}",
        "items": [line["reference"]],
    }
    for status, parcels in (("PRINTING", []), ("PRINTED", []), ("SHIPPED", [parcel])):
        response = partner.report(job, status, parcels=parcels)
        saw(status, f"HTTP {response.status_code} {response.text[:300]}")
        expect(response.status_code == 200, f"PodOps refused the {status} webhook")
        expect(response.json()["status"] == "accepted", f"the {status} event was not applied")


def wait_for_fulfilled(
    saleor: Saleor, token: str, order: dict[str, Any], tracking: str, timeout: float
) -> None:
    step("Saleor: the order is FULFILLED with the partner's tracking number, production COMPLETED")

    def fulfilled() -> tuple[dict[str, Any], dict[str, Any]] | None:
        shipped = saleor.run(ORDER_FULFILMENTS, {"id": order["id"]}, token=token)["order"]
        state = saleor.run(ORDER, {"id": order["id"]}, token=token)["order"]
        metadata = {m["key"]: m["value"] for m in state["metadata"]}
        last_note = f"PodOps: production stage is now {STAGE_LABELS[-1]}."
        done = (
            shipped["status"] == "FULFILLED"
            and metadata == {"podops.stage": "SHIPPED", "podops.status": "COMPLETED"}
            and any(e["message"] == last_note for e in state["events"])
        )
        return (shipped, state) if done else None

    try:
        shipped, state = wait_until("the fulfilled order in Saleor", fulfilled, timeout, 2)
    finally:
        saw(
            "Saleor order", saleor.run(ORDER_FULFILMENTS, {"id": order["id"]}, token=token)["order"]
        )
    metadata = {m["key"]: m["value"] for m in state["metadata"]}
    saw("order metadata", metadata)
    notes = [e["message"] for e in state["events"] if e["type"] == "NOTE_ADDED"]
    saw("PodOps notes", [n for n in notes if n.startswith("PodOps:")])
    fulfilments = shipped["fulfillments"]
    expect(len(fulfilments) == 1, f"expected one fulfillment: {fulfilments}")
    expect(fulfilments[0]["trackingNumber"] == tracking, "the fulfillment lacks the tracking")
    expect(fulfilments[0]["status"] == "FULFILLED", "the fulfillment is not FULFILLED")
    for label in STAGE_LABELS:
        expected = f"PodOps: production stage is now {label}."
        expect(expected in notes, f"no note {expected!r}")


def check_lifecycle_timeline(
    api: StaffApi, order: dict[str, Any], me: str, partner_actor: str
) -> None:
    """Every move in order, by whom; the assignments; the file, batch, job, status and parcel
    events (the partner's own, or recorded by staff for a manual partner)."""
    step("PodOps' timeline has every step")
    production = api.run(LC_TIMELINE, {"order": order["id"]})["productionOrder"]
    saw("order", {k: production[k] for k in ("number", "status", "stage", "shippedAt")})
    [item] = production["items"]
    events = production["timeline"]
    for event in events:
        saw(
            "event",
            f"{event['type']:<18} {event['actorType']:<8} {event['fromStage'] or '-'} -> "
            f"{event['toStage'] or '-'}  {event['comment'][:70]}",
        )
    moves = [
        (e["actorType"], e["fromStage"], e["toStage"])
        for e in events
        if e["type"] == "STAGE_CHANGED" and e["itemId"] == item["id"]
    ]
    expect(moves == LIFECYCLE_MOVES, f"the item's moves are {moves}")
    staff_moves = [
        e["actorId"] for e in events if e["type"] == "STAGE_CHANGED" and e["actorType"] == "STAFF"
    ]
    expect(set(staff_moves) == {me}, f"staff moves by someone else: {staff_moves}")
    missing = LIFECYCLE_EVENTS - {e["type"] for e in events}
    expect(not missing, f"the timeline lacks {sorted(missing)}")
    reported = {e["actorType"] for e in events if e["type"] in {"PARTNER_STATUS", "PARCEL_SHIPPED"}}
    expect(reported == {partner_actor}, f"partner statuses recorded by {sorted(reported)}")
    assigned = [
        e["toStage"] for e in events if e["type"] == "ASSIGNED" and e["itemId"] == item["id"]
    ]
    expect(
        assigned == ["IMAGE_REVIEW", "ARTWORK", "ARTWORK_QC", "FULFILMENT_QUEUE"],
        f"assignments: {assigned}",
    )
    expect(production["status"] == "COMPLETED" and production["stage"] == "SHIPPED", "not done")
    expect(item["stage"] == "SHIPPED", "the item has not shipped")


def reprint_reships(
    saleor: Saleor,
    token: str,
    api: StaffApi,
    stub: PartnerStub,
    order: dict[str, Any],
    first: ReceivedJob,
    timeout: float,
) -> None:
    """The parcel arrived damaged: a manager reprints the line, the partner gets the reprint job
    and ships it with a new tracking number, and Saleor's one fulfillment carries that number."""
    step("Reprint: the line came back damaged (lineReprint), the partner reships it")
    jobs = [j for j in api.run(LC_JOBS)["partnerJobs"] if j["order"]["number"] == order["number"]]
    [shipped_line] = [line for job in jobs for line in job["lines"] if line["shippedAt"]]
    reprint = api.mutate(
        "lineReprint", LC_REPRINT, {"id": shipped_line["id"], "comment": "Arrived damaged"}
    )["reprint"]
    saw("reprint line", reprint)
    job = stub.wait_for_job(order["number"], timeout, besides=(first.external_id,))
    expect(job is not None, "the partner got no reprint job")
    assert job is not None
    saw("the partner received the reprint", {"id": job.external_id, **job.body})
    [line] = job.body["items"]
    tracking = f"RC-{order['number']}-R-{uuid.uuid4().hex[:6].upper()}"
    http_partner_ships(stub, job, line, tracking)

    def retracked() -> list[dict[str, Any]] | None:
        shipped = saleor.run(ORDER_FULFILMENTS, {"id": order["id"]}, token=token)["order"]
        numbers = [f["trackingNumber"] for f in shipped["fulfillments"]]
        return shipped["fulfillments"] if numbers == [tracking] else None

    fulfilments = wait_until(
        "Saleor's fulfillment to carry the reprint's tracking", retracked, timeout, 2
    )
    saw("Saleor fulfillments", fulfilments)
    events = api.run(LC_TIMELINE, {"order": order["id"]})["productionOrder"]["timeline"]
    types = [e["type"] for e in events]
    expect("REPRINT_CREATED" in types, "the timeline lacks the reprint")
    expect(
        any(e["type"] == "PARCEL_SHIPPED" and tracking in e["comment"] for e in events),
        "the timeline lacks the reprint's parcel",
    )


def lifecycle(
    saleor: Saleor,
    podops: PodOps,
    token: str,
    app: dict[str, Any],
    args: argparse.Namespace,
) -> dict[str, Any]:
    """The whole production lifecycle of one checkout, through PodOps' own APIs; answers the
    Saleor order."""
    stub = PartnerStub(secret=f"rc-{uuid.uuid4().hex}").start() if args.partner == "http" else None
    try:
        api = StaffApi(saleor, podops, token, app["id"])
        me = lifecycle_setup(api)
        product_types(saleor, token, api)
        saved_partner = print_partner(api, stub)
        customer = customer_account(saleor, token, args.channel)
        upload = customer_photo(saleor, podops, customer)
        payment_token = payment_app_token(saleor, token)
        order = buy(
            saleor,
            payment_token,
            args.channel,
            customer.email,
            customer_token=customer.token(),
            uploads=(upload,),
        )
        production = wait_for_production(podops, order, args.timeout)
        wait_for_saleor_sync(
            saleor, podops, token, order, production["order"]["stage"], args.timeout
        )
        check_intake(saleor, api, token, order, customer, upload)
        review_image(api, order, me, args.timeout)
        artwork_sha256 = upload_artwork(api, order, me, args.timeout)
        qc_approve(api, order, me, args.timeout)
        customer_approves(podops, customer, order, args.timeout)
        batch, job = batch_and_send(api, saved_partner, order, me, artwork_sha256, args.timeout)
        tracking = f"RC-{order['number']}-{uuid.uuid4().hex[:6].upper()}"
        if stub is not None:
            received, line = http_partner_receives(
                api, stub, job, order, artwork_sha256, args.timeout
            )
            http_partner_ships(stub, received, line, tracking)
        else:
            manual_partner_archive(api, batch, order, artwork_sha256)
            manual_partner_ships(api, job, tracking)
        wait_for_fulfilled(saleor, token, order, tracking, args.timeout)
        check_lifecycle_timeline(api, order, me, "PARTNER" if stub is not None else "STAFF")
        if args.reprint:
            expect(stub is not None, "--reprint needs the HTTP partner")
            assert stub is not None
            reprint_reships(saleor, token, api, stub, order, received, args.timeout)
        return order
    finally:
        if stub is not None:
            stub.stop()


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
    parser.add_argument(
        "--lifecycle",
        action="store_true",
        help="a customer's checkout through every production stage (PodOps' staff and customer "
        "APIs, a local HTTP print partner) to a fulfilled Saleor order",
    )
    parser.add_argument(
        "--reprint",
        action="store_true",
        help="with --lifecycle: the shipped line is reprinted and reshipped with a new tracking "
        "number, which Saleor's fulfillment must then carry",
    )
    parser.add_argument(
        "--partner",
        choices=("http", "manual"),
        default=os.environ.get("PODOPS_CHECK_PARTNER", "http"),
        help="--lifecycle's print partner: a local generic HTTP partner, or a manual one",
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
        if args.lifecycle:
            if not args.no_webhook_migration:
                webhook_migration(saleor, podops, token, app, args.timeout)
            order = lifecycle(saleor, podops, token, app, args)
            if args.capture:
                capture(podops, order, args.capture)
            print("\nPASSED: a checkout went through PodOps to a fulfilled Saleor order.")
            return 0
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
