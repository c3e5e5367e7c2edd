"""Authorization matrix of every customer query and mutation: who may read and decide what.

Callers: nobody, a dashboard (staff) token, the customer, another customer, a revoked or expired
customer token, the approval link of this item, of another order, an expired one, one whose item has
moved on, and a tampered one. Every refusal changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from saleor_podops.approvals.links import approval_link_token
from saleor_podops.approvals.models import PhotoRequest, Proof, ProofDecision
from saleor_podops.notifications.models import ScheduledNotification
from saleor_podops.production.models import ProductionItem, TimelineEvent
from saleor_podops.saleor.models import Installation

from ...customer_api import (
    CUSTOMER,
    OTHER_CUSTOMER,
    CustomerApi,
    SaleorCustomers,
    bring_to_approval,
    customer_order,
    customer_token,
    reject_photo,
)
from ...payloads import global_id
from ...staff_api import dashboard_token


@dataclass
class World:
    installation: Installation
    proof_item: ProductionItem
    photo_item: ProductionItem
    other_item: ProductionItem
    proof: Proof
    customers: SaleorCustomers


@pytest.fixture
def world(installation: Installation, customers: SaleorCustomers, tmp_path: Path) -> World:
    proof_item = bring_to_approval(customer_order(installation, "1001"), tmp_path)
    photo_item = reject_photo(customer_order(installation, "1002"))
    other_item = bring_to_approval(
        customer_order(installation, "2001", user=7, email="kim@example.com"), tmp_path
    )
    customers.orders_of[CUSTOMER] = {
        proof_item.order.saleor_order_id,
        photo_item.order.saleor_order_id,
    }
    customers.orders_of[OTHER_CUSTOMER] = {other_item.order.saleor_order_id}
    return World(
        installation,
        proof_item,
        photo_item,
        other_item,
        Proof.objects.get(item=proof_item),
        customers,
    )


Caller = Callable[[World], dict[str, Any]]


def _token(world: World, **kwargs: Any) -> dict[str, Any]:
    return {"token": customer_token(world.installation, **kwargs)}


def _revoked(world: World) -> dict[str, Any]:
    token = customer_token(world.installation)
    world.customers.revoked.add(token)
    return {"token": token}


def _expired_link(world: World) -> dict[str, Any]:
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        return {"link": approval_link_token(world.proof_item)}


def _moved_on_link(world: World) -> dict[str, Any]:
    link = approval_link_token(world.proof_item)
    ProductionItem.objects.filter(pk=world.proof_item.pk).update(
        stage_entered_at=timezone.now() + timedelta(seconds=1)
    )
    return {"link": link}


CALLERS: dict[str, Caller] = {
    "anonymous": lambda w: {},
    "dashboard_token": lambda w: {"token": dashboard_token(w.installation, "VXNlcjox")},
    "staff_header_only": lambda w: {"staff_header": dashboard_token(w.installation, "VXNlcjox")},
    "customer": lambda w: _token(w),
    "other_customer": lambda w: _token(w, user_id=OTHER_CUSTOMER, email="kim@example.com"),
    "revoked_token": _revoked,
    "expired_token": lambda w: _token(w, expires_in=-60),
    "proof_link": lambda w: {"link": approval_link_token(w.proof_item)},
    "photo_link": lambda w: {"link": approval_link_token(w.photo_item)},
    "other_order_link": lambda w: {"link": approval_link_token(w.other_item)},
    "expired_link": _expired_link,
    "moved_on_link": _moved_on_link,
    "tampered_link": lambda w: {"link": approval_link_token(w.proof_item)[:-2] + "xx"},
}
REFUSED = {
    "anonymous": "UNAUTHENTICATED",
    "dashboard_token": "TOKEN_INVALID",
    "staff_header_only": "UNAUTHENTICATED",
    "revoked_token": "TOKEN_INVALID",
    "expired_token": "TOKEN_EXPIRED",
    "expired_link": "LINK_EXPIRED",
    "moved_on_link": "LINK_USED_UP",
    "tampered_link": "LINK_INVALID",
}


def _snapshot() -> tuple[Any, ...]:
    return (
        sorted(ProductionItem.objects.values_list("pk", "stage", "stage_entered_at")),
        ProofDecision.objects.count(),
        sorted(PhotoRequest.objects.values_list("pk", "status")),
        TimelineEvent.objects.count(),
        ScheduledNotification.objects.count(),
    )


def _call(api: CustomerApi, world: World, caller: str, query: str, variables: Any = None) -> Any:
    return api(query, variables, **CALLERS[caller](world))


def _refusal_code(answer: dict[str, Any]) -> str | None:
    errors = answer.get("errors") or []
    return errors[0]["extensions"]["code"] if errors else None


ORDERS = "{ customerOrders { number status items { status waitingForYou } } }"
PROOFS = "{ customerProofs { orderNumber versionNumber } }"
PHOTOS = "{ customerPhotoRequests { orderNumber reason } }"

QUERY_EXPECTATIONS: dict[str, tuple[list[str], list[str], list[str]]] = {
    # caller: (order numbers, proof order numbers, photo request order numbers)
    "customer": (["1002", "1001"], ["1001"], ["1002"]),
    "other_customer": (["2001"], ["2001"], []),
    "proof_link": (["1001"], ["1001"], []),
    "photo_link": (["1002"], [], ["1002"]),
    "other_order_link": (["2001"], ["2001"], []),
}


@pytest.mark.parametrize("caller", list(CALLERS))
def test_queries_show_only_what_the_caller_may_see(
    world: World, customer_api: CustomerApi, caller: str
) -> None:
    # given the caller's credentials; when they list orders, proofs and photo requests
    credentials = CALLERS[caller](world)
    before = _snapshot()
    answers = [customer_api(query, **credentials) for query in (ORDERS, PROOFS, PHOTOS)]

    # then refused callers get one top-level error with the reason, the others only their own
    if caller in REFUSED:
        assert [_refusal_code(a) for a in answers] == [REFUSED[caller]] * 3
        assert all(a["data"] is None for a in answers)
    else:
        orders, proofs, photos = QUERY_EXPECTATIONS[caller]
        assert [o["number"] for o in answers[0]["data"]["customerOrders"]] == orders
        assert [p["orderNumber"] for p in answers[1]["data"]["customerProofs"]] == proofs
        assert [p["orderNumber"] for p in answers[2]["data"]["customerPhotoRequests"]] == photos
    assert _snapshot() == before


ORDER = "query($id: ID!) { customerOrder(id: $id) { number history { text } } }"


@pytest.mark.parametrize("caller", ["customer", "other_customer", "proof_link", "other_order_link"])
def test_one_order_is_null_for_anyone_but_its_customer(
    world: World, customer_api: CustomerApi, caller: str
) -> None:
    order_id = global_id("CustomerOrder", world.proof_item.order_id)

    answer = _call(customer_api, world, caller, ORDER, {"id": order_id})

    order = answer["data"]["customerOrder"]
    if caller in {"customer", "proof_link"}:
        assert order["number"] == "1001"
        assert order["history"][0] == {"text": "Order received"}
        assert order["history"][-1] == {"text": "Waiting for you: please approve your design"}
    else:
        assert order is None


APPROVE = """mutation($id: ID!) { proofApprove(proofId: $id) {
  proof { status } errors { field code message } } }"""
CHANGES = """mutation($id: ID!) { proofRequestChanges(proofId: $id, comment: "Bigger", marks: []) {
  proof { status } errors { field code message } } }"""
GO_AHEAD = (
    """mutation($id: ID!) { photoGoAhead(itemId: $id) { itemId errors { field code message } } }"""
)

MUTATIONS: dict[str, tuple[str, Callable[[World], str], str, set[str]]] = {
    # name: (document, target id, stage reached, callers allowed)
    "proofApprove": (
        APPROVE,
        lambda w: global_id("CustomerProof", w.proof.pk),
        "FULFILMENT_QUEUE",
        {"customer", "proof_link"},
    ),
    "proofRequestChanges": (
        CHANGES,
        lambda w: global_id("CustomerProof", w.proof.pk),
        "ARTWORK",
        {"customer", "proof_link"},
    ),
    "photoGoAhead": (
        GO_AHEAD,
        lambda w: global_id("CustomerItem", w.photo_item.pk),
        "ARTWORK",
        {"customer", "photo_link"},
    ),
}


@pytest.mark.parametrize("mutation", list(MUTATIONS))
@pytest.mark.parametrize("caller", list(CALLERS))
def test_mutations_only_for_the_customer_or_the_items_link(
    world: World, customer_api: CustomerApi, mutation: str, caller: str
) -> None:
    document, target, reached, allowed = MUTATIONS[mutation]
    item = world.photo_item if mutation == "photoGoAhead" else world.proof_item
    credentials = CALLERS[caller](world)
    before = _snapshot()

    answer = customer_api(document, {"id": target(world)}, **credentials)

    if caller in allowed:
        assert answer["data"][mutation]["errors"] == []
        assert ProductionItem.objects.get(pk=item.pk).stage == reached
        return
    if caller in REFUSED:
        assert _refusal_code(answer) == REFUSED[caller]
    else:
        what = "item" if mutation == "photoGoAhead" else "proof"
        assert answer["data"][mutation]["errors"] == [
            {"field": "id", "code": "NOT_FOUND", "message": f"No such {what}."}
        ]
    assert _snapshot() == before


def test_saleor_is_asked_with_the_customers_own_token_for_every_request(
    world: World, customer_api: CustomerApi, saleor: Any
) -> None:
    token = customer_token(world.installation)
    saleor.requests.clear()

    customer_api(ORDERS, token=token)
    customer_api(APPROVE, {"id": global_id("CustomerProof", world.proof.pk)}, token=token)

    asked = saleor.operations("CustomerOwnedOrders")
    assert [r["authorization"] for r in asked] == [f"Bearer {token}"] * 2
    # the candidates are the orders of the token's user id or email; Saleor says which are theirs
    assert sorted(asked[0]["variables"]["ids"]) == sorted(
        [world.proof_item.order.saleor_order_id, world.photo_item.order.saleor_order_id]
    )


def test_saleor_unreachable_refuses_without_changes(
    world: World, customer_api: CustomerApi, saleor: Any
) -> None:
    import httpx

    saleor.responders["CustomerOwnedOrders"] = lambda record: httpx.Response(503)
    before = _snapshot()

    answer = customer_api(
        APPROVE,
        {"id": global_id("CustomerProof", world.proof.pk)},
        token=customer_token(world.installation),
    )

    assert _refusal_code(answer) == "SALEOR_UNAVAILABLE"
    assert _snapshot() == before


def test_a_link_of_another_installation_is_refused(
    world: World, customer_api: CustomerApi, other_installation: Installation
) -> None:
    other = customer_order(other_installation, "3001")
    link = approval_link_token(other)

    answer = customer_api(PROOFS, link=link)

    assert _refusal_code(answer) == "LINK_USED_UP"


def test_too_many_requests_from_one_address_are_refused_before_saleor_is_asked(
    world: World, customer_api: CustomerApi, saleor: Any, settings: Any
) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.CUSTOMER_API_RATE_PER_IP = "2/m"
    token = customer_token(world.installation)
    saleor.requests.clear()

    # django-ratelimit counts in windows aligned to the clock: one instant, one window
    with time_machine.travel(timezone.now(), tick=False):
        answers = [customer_api(PROOFS, token=token) for _ in range(3)]

    assert [_refusal_code(a) for a in answers] == [None, None, "RATE_LIMITED"]
    assert len(saleor.operations("CustomerOwnedOrders")) == 2
    cache.clear()
