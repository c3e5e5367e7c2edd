"""Calling PodOps' staff GraphQL API as the Saleor Dashboard would: real RS256 dashboard tokens
(claims shaped like the real sample), the ``authorization-bearer`` and ``saleor-api-url`` headers.
Also small builders for staff members and paid orders."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.test import Client

from saleor_podops.intake.actions import order_event_received
from saleor_podops.production.models import ProductionItem, ProductionOrder
from saleor_podops.saleor import payloads as saleor_payloads
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.webhook_events import SaleorEvent
from saleor_podops.staff.assignment import queue_fill
from saleor_podops.staff.models import RoleAssignment, StaffMember
from saleor_podops.staff.roles import Role

from .conftest import OTHER_SALEOR_API_URL, SALEOR_API_URL, signing_key
from .payloads import order, order_line, webhook_body

ADMIN = "VXNlcjox"
MANAGER = "VXNlcjoy"
PROCESSOR = "VXNlcjoz"
ARTIST = "VXNlcjo0"
OTHER_ARTIST = "VXNlcjo1"
ART_QC = "VXNlcjo3"
FULFILLER = "VXNlcjo4"
NO_ROLE = "VXNlcjo5"
CUSTOMER = "VXNlcjo2"

_KIDS = {SALEOR_API_URL: "key-1", OTHER_SALEOR_API_URL: "other-1"}


def dashboard_token(
    installation: Installation,
    user_id: str,
    *,
    user_permissions: Iterable[str] = ("MANAGE_ORDERS",),
    expires_in: int = 300,
    kid: str | None = None,
    **overrides: Any,
) -> str:
    now = int(time.time())
    claims: dict[str, Any] = {
        "iat": now,
        "owner": "saleor",
        "iss": installation.saleor_api_url,
        "exp": now + expires_in,
        "token": "3rnhbOpn6ChY",
        "email": f"{user_id.lower()}@example.com",
        "type": "thirdparty",
        "user_id": user_id,
        "is_staff": True,
        "app": installation.app_id,
        "permissions": ["MANAGE_ORDERS"],
        "user_permissions": list(user_permissions),
    }
    claims.update(overrides)
    claims = {k: v for k, v in claims.items() if v is not None}
    return signing_key(kid or _KIDS[installation.saleor_api_url]).sign_token(claims)


def customer_token(installation: Installation, user_id: str = CUSTOMER) -> str:
    now = int(time.time())
    claims = {
        "iat": now,
        "owner": "saleor",
        "iss": installation.saleor_api_url,
        "exp": now + 300,
        "token": "4dXdVq4rCIms",
        "email": "ashley.cook@example.com",
        "type": "access",
        "user_id": user_id,
        "is_staff": False,
    }
    return signing_key(_KIDS[installation.saleor_api_url]).sign_token(claims)


@dataclass
class StaffApi:
    client: Client

    def __call__(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None,
        api_url: str | None = SALEOR_API_URL,
    ) -> dict[str, Any]:
        headers = {}
        if token is not None:
            headers["authorization-bearer"] = token
        if api_url is not None:
            headers["saleor-api-url"] = api_url
        response = self.client.post(
            "/graphql/",
            data=json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            headers=headers,
        )
        return dict(response.json())

    def as_user(
        self,
        installation: Installation,
        user_id: str,
        query: str,
        variables: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        return self(
            query,
            variables,
            token=dashboard_token(installation, user_id),
            api_url=installation.saleor_api_url,
        )


def staff_member(
    installation: Installation,
    user_id: str,
    *roles: Role,
    capacity: int = 5,
    skills: Iterable[str] = (),
    is_away: bool = False,
) -> StaffMember:
    member, _ = StaffMember.objects.update_or_create(
        installation=installation,
        saleor_user_id=user_id,
        defaults={
            "email": f"{user_id.lower()}@example.com",
            "capacity": capacity,
            "skills": list(skills),
            "is_away": is_away,
        },
    )
    for role in roles:
        RoleAssignment.objects.get_or_create(staff=member, role=role)
    return member


def team(installation: Installation) -> dict[str, StaffMember]:
    """An admin, a manager and one person per worked role (two artists)."""
    return {
        ADMIN: staff_member(installation, ADMIN, Role.ADMIN),
        MANAGER: staff_member(installation, MANAGER, Role.MANAGER),
        PROCESSOR: staff_member(installation, PROCESSOR, Role.IMAGE_PROCESSOR),
        ARTIST: staff_member(installation, ARTIST, Role.ARTIST),
        OTHER_ARTIST: staff_member(installation, OTHER_ARTIST, Role.ARTIST, capacity=0),
        ART_QC: staff_member(installation, ART_QC, Role.ART_QC),
        FULFILLER: staff_member(installation, FULFILLER, Role.FULFILLER),
    }


def paid_order(
    installation: Installation,
    number: str = "1001",
    *,
    product_types: Iterable[str] = ("portrait",),
    assign: bool = True,
) -> ProductionOrder:
    """A fully paid Saleor order through intake (the webhook's payload shape), then the
    assignment intake schedules on commit."""
    lines = [
        order_line(index, product_type=slug) for index, slug in enumerate(product_types, start=1)
    ]
    body = webhook_body(SaleorEvent.ORDER_FULLY_PAID, order_data=order(number, lines=lines))
    payload = saleor_payloads.OrderEvent.model_validate_json(body)
    production_order = order_event_received(
        installation=installation, event=SaleorEvent.ORDER_FULLY_PAID, payload=payload
    )
    assert production_order is not None
    if assign:
        queue_fill(installation_id=installation.pk)
    return production_order


def first_item(production_order: ProductionOrder) -> ProductionItem:
    return ProductionItem.objects.filter(order=production_order).order_by("line_index").first()  # type: ignore[return-value]


def item_global_id(item: ProductionItem) -> str:
    from graphql_relay import to_global_id

    return to_global_id("ProductionItem", str(item.pk))
