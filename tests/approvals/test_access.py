"""Customer access: Saleor confirms the token and says which orders are the customer's."""

from __future__ import annotations

from typing import Any

import pytest

from saleor_podops.approvals.access import customer_access_confirm
from saleor_podops.approvals.error_codes import AccessDenied
from saleor_podops.production.models import ProductionOrder
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.tokens import verify_customer_token

from ..customer_api import CUSTOMER, SaleorCustomers, customer_token
from ..payloads import global_id
from ..saleor_stub import SaleorStub


def _orders(
    installation: Installation, count: int, user_id: str = CUSTOMER
) -> list[ProductionOrder]:
    return ProductionOrder.objects.bulk_create(
        ProductionOrder(
            installation=installation,
            saleor_order_id=global_id("Order", f"{user_id}-{n}"),
            number=str(5000 + n),
            customer_user_id=user_id,
        )
        for n in range(count)
    )


def test_many_orders_are_asked_about_in_pages_of_100(
    installation: Installation, customers: SaleorCustomers, saleor: SaleorStub
) -> None:
    orders = _orders(installation, 150)
    owned = {o.saleor_order_id for o in orders[::2]}
    customers.orders_of[CUSTOMER] = owned
    principal = verify_customer_token(installation, customer_token(installation))

    access = customer_access_confirm(principal)

    asked = saleor.operations("CustomerOwnedOrders")
    assert [len(r["variables"]["ids"]) for r in asked] == [100, 50]
    assert all(r["variables"]["first"] == 100 for r in asked)
    assert access.order_ids == frozenset(o.pk for o in orders[::2])


def test_a_customer_without_orders_still_has_the_token_confirmed(
    installation: Installation, customers: SaleorCustomers, saleor: SaleorStub
) -> None:
    principal = verify_customer_token(installation, customer_token(installation))

    access = customer_access_confirm(principal)

    assert access.order_ids == frozenset()
    assert [r["variables"]["ids"] for r in saleor.operations("CustomerOwnedOrders")] == [[]]


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ({"me": None}, "TOKEN_INVALID"),
        ({"me": {"id": global_id("User", 99), "orders": {"edges": []}}}, "TOKEN_INVALID"),
    ],
)
def test_saleor_refusing_the_token_refuses_access(
    installation: Installation, saleor: SaleorStub, answer: dict[str, Any], code: str
) -> None:
    _orders(installation, 1)
    saleor.responders["CustomerOwnedOrders"] = lambda record: answer
    principal = verify_customer_token(installation, customer_token(installation))

    with pytest.raises(AccessDenied) as refused:
        customer_access_confirm(principal)

    assert refused.value.code == code


def test_saleor_graphql_errors_refuse_access(
    installation: Installation, saleor: SaleorStub
) -> None:
    import httpx

    saleor.responders["CustomerOwnedOrders"] = lambda record: httpx.Response(
        200, json={"errors": [{"message": "Signature has expired"}], "data": None}
    )
    principal = verify_customer_token(installation, customer_token(installation))

    with pytest.raises(AccessDenied) as refused:
        customer_access_confirm(principal)

    assert (refused.value.code, refused.value.message) == (
        "TOKEN_INVALID",
        "Saleor did not accept the token: sign in again.",
    )
