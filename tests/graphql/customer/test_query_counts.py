"""Customer lists cost the same number of queries for one order as for many."""

from __future__ import annotations

from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

from saleor_podops.saleor.models import Installation

from ...customer_api import (
    CUSTOMER,
    CustomerApi,
    SaleorCustomers,
    bring_to_approval,
    customer_order,
    customer_token,
    reject_photo,
)

ORDERS = """{ customerOrders { number status waitingForYou items { status waitingForYou
  proof { versionNumber previewUrl freeRevisionsLeft } photoRequest { reason photoUrl } } } }"""
PROOFS = "{ customerProofs { versionNumber previewUrl productName orderNumber freeRevisionsLeft } }"
PHOTOS = "{ customerPhotoRequests { reason photoUrl productName orderNumber } }"


def _queries(api: CustomerApi, document: str, token: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        answer = api(document, token=token)
    assert "errors" not in answer
    return len(captured.captured_queries)


def test_lists_cost_a_fixed_number_of_queries(
    installation: Installation,
    customers: SaleorCustomers,
    customer_api: CustomerApi,
    tmp_path: Path,
) -> None:
    orders = {
        bring_to_approval(customer_order(installation, "1001"), tmp_path).order.saleor_order_id,
        reject_photo(customer_order(installation, "1002")).order.saleor_order_id,
    }
    customers.orders_of[CUSTOMER] = orders
    token = customer_token(installation)
    small = [_queries(customer_api, d, token) for d in (ORDERS, PROOFS, PHOTOS)]

    for number in ("1003", "1004", "1005"):
        orders.add(
            bring_to_approval(customer_order(installation, number), tmp_path).order.saleor_order_id
        )
    for number in ("1006", "1007"):
        orders.add(reject_photo(customer_order(installation, number)).order.saleor_order_id)
    large = [_queries(customer_api, d, token) for d in (ORDERS, PROOFS, PHOTOS)]

    assert large == small
    assert len(customer_api(ORDERS, token=token)["data"]["customerOrders"]) == 7
