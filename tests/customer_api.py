"""The customer side in tests: real RS256 customer tokens, Saleor's answers to the ownership query
(``me`` + ``orders(where: {ids})`` with the customer's own token), a client for the customer
GraphQL API, and orders brought to the stages where the customer decides, through the real
intake and workflow actions."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jwt
from django.test import Client

from saleor_podops.approvals.proofs import customer_requests_open
from saleor_podops.artwork.imaging import file_digest
from saleor_podops.artwork.incoming import IncomingFile
from saleor_podops.artwork.models import ArtworkVersion
from saleor_podops.artwork.versions import ArtworkUploader, artwork_version_create
from saleor_podops.intake.actions import order_event_received
from saleor_podops.production.models import ActorType, ProductionItem
from saleor_podops.production.timeline import Actor
from saleor_podops.saleor import payloads as saleor_payloads
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.webhook_events import SaleorEvent
from saleor_podops.workflow import actions as workflow
from saleor_podops.workflow.transitions import SYSTEM_PERSON

from .artwork.images import image_bytes
from .conftest import OTHER_SALEOR_API_URL, SALEOR_API_URL, signing_key
from .payloads import global_id, order, order_line, webhook_body
from .saleor_stub import SaleorStub

CUSTOMER = global_id("User", 6)
OTHER_CUSTOMER = global_id("User", 7)
_KIDS = {SALEOR_API_URL: "key-1", OTHER_SALEOR_API_URL: "other-1"}


def customer_token(
    installation: Installation,
    user_id: str = CUSTOMER,
    *,
    email: str = "ashley.cook@example.com",
    expires_in: int = 300,
    **overrides: Any,
) -> str:
    """Claims shaped like the real sample's customer token."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "iat": now,
        "owner": "saleor",
        "iss": installation.saleor_api_url,
        "exp": now + expires_in,
        "token": "4dXdVq4rCIms",
        "email": email,
        "type": "access",
        "user_id": user_id,
        "is_staff": False,
    }
    claims.update(overrides)
    return signing_key(_KIDS[installation.saleor_api_url]).sign_token(claims)


@dataclass
class SaleorCustomers:
    """What the stub Saleor knows about customers: whose orders are whose, revoked tokens."""

    orders_of: dict[str, set[str]] = field(default_factory=dict)
    revoked: set[str] = field(default_factory=set)

    def answer(self, record: dict[str, Any]) -> dict[str, Any]:
        token = (record["authorization"] or "")[len("Bearer ") :]
        if token in self.revoked:
            return {"me": None}
        user_id = jwt.decode(token, options={"verify_signature": False})["user_id"]
        owned = self.orders_of.get(user_id, set())
        ids = [i for i in record["variables"]["ids"] if i in owned]
        return {"me": {"id": user_id, "orders": {"edges": [{"node": {"id": i}} for i in ids]}}}

    def mount(self, stub: SaleorStub) -> None:
        stub.responders["CustomerOwnedOrders"] = self.answer


@dataclass
class CustomerApi:
    client: Client

    def __call__(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        link: str | None = None,
        api_url: str | None = SALEOR_API_URL,
        staff_header: str | None = None,
    ) -> dict[str, Any]:
        headers: dict[str, str] = {}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        if link is not None:
            headers["Podops-Approval-Link"] = link
        if api_url is not None:
            headers["Saleor-Api-Url"] = api_url
        if staff_header is not None:
            headers["authorization-bearer"] = staff_header
        response = self.client.post(
            "/graphql/customer/",
            data=json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            headers=headers,
        )
        return dict(response.json())


def customer_order(
    installation: Installation,
    number: str = "1001",
    *,
    user: int | None = 6,
    email: str = "ashley.cook@example.com",
    lines: int = 1,
    language: str = "EN_US",
) -> ProductionItem:
    """A fully paid order through intake; its first item (in IMAGE_REVIEW)."""
    data = order(
        number, lines=[order_line(i) for i in range(1, lines + 1)], user_id=user, language=language
    )
    data["userEmail"] = email
    if data["user"]:
        data["user"]["email"] = email
    body = webhook_body(SaleorEvent.ORDER_FULLY_PAID, order_data=data)
    payload = saleor_payloads.OrderEvent.model_validate_json(body)
    production_order = order_event_received(
        installation=installation, event=SaleorEvent.ORDER_FULLY_PAID, payload=payload
    )
    assert production_order is not None
    return production_order.items.order_by("line_index").first()  # type: ignore[return-value]


def _manager_uploader() -> ArtworkUploader:
    return ArtworkUploader(
        actor=Actor(ActorType.STAFF, "VXNlcjoy"), is_manager=True, assignees=lambda ids: {}
    )


def artwork_add(
    item: ProductionItem, tmp_path: Path, colour: Any = (30, 160, 60)
) -> ArtworkVersion:
    path = tmp_path / f"artwork-{item.pk}-{time.monotonic_ns()}.png"
    path.write_bytes(image_bytes("PNG", (300, 400), colour=colour))
    incoming = IncomingFile(path=path, name="design.png", digest=file_digest(path))
    return artwork_version_create(item=item, incoming=incoming, uploader=_manager_uploader())


def reload(item: ProductionItem) -> ProductionItem:
    return ProductionItem.objects.get(pk=item.pk)


def bring_to_approval(item: ProductionItem, tmp_path: Path) -> ProductionItem:
    """Image approved, artwork made and submitted, QC passed: the customer has a proof."""
    item = reload(item)
    if item.stage == "IMAGE_REVIEW":
        item = workflow.item_approve_image(item=item, person=SYSTEM_PERSON)
    artwork_add(item, tmp_path)
    item = workflow.artwork_submit(item=item, person=SYSTEM_PERSON)
    item = workflow.qc_approve(item=item, person=SYSTEM_PERSON)
    customer_requests_open()
    return reload(item)


def reject_photo(item: ProductionItem, reason_code: str = "LOW_RESOLUTION") -> ProductionItem:
    item = workflow.item_reject_image(
        item=reload(item), person=SYSTEM_PERSON, reason_code=reason_code, comment="Too blurry"
    )
    customer_requests_open()
    return reload(item)
