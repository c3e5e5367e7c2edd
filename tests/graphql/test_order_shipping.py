"""Where an order ships, in the staff API: the address snapshot and shipping method as typed fields
for fulfillers, managers and admins; refused (PERMISSION_DENIED) to everyone else, who also do not
read the address in the timeline's shipping events."""

from __future__ import annotations

import json
from typing import Any

import pytest

from saleor_podops.production.actions import order_update_shipping
from saleor_podops.production.models import ActorType, ProductionOrder
from saleor_podops.production.timeline import Actor
from saleor_podops.saleor.models import Installation

from ..staff_api import (
    ADMIN,
    ART_QC,
    ARTIST,
    FULFILLER,
    MANAGER,
    PROCESSOR,
    StaffApi,
    paid_order,
    team,
)

pytestmark = pytest.mark.django_db

SHIPPING = """
query Q($id: ID!) { productionOrder(saleorOrderId: $id) { number shipping {
  methodName address { firstName lastName name companyName streetAddress1 streetAddress2
    city cityArea postalCode countryCode countryArea phone } } } }
"""
TIMELINE = """
query Q($id: ID!) { productionOrder(saleorOrderId: $id) { timeline { type data } } }
"""
BERLIN = {
    "firstName": "Ashley",
    "lastName": "Cook",
    "name": "Ashley Cook",
    "companyName": "",
    "streetAddress1": "Torstrasse 1",
    "streetAddress2": "",
    "city": "Berlin",
    "cityArea": "",
    "postalCode": "10119",
    "countryCode": "DE",
    "countryArea": "",
    "phone": "+4930123456",
}


def shipping_of(
    api: StaffApi, installation: Installation, user: str, order: ProductionOrder
) -> Any:
    return api.as_user(installation, user, SHIPPING, {"id": order.saleor_order_id})


@pytest.mark.parametrize("user", [FULFILLER, MANAGER, ADMIN])
def test_fulfillers_and_managers_read_the_shipping_address_and_method(
    installation: Installation, staff_api: StaffApi, user: str
) -> None:
    # given an order paid with a shipping address in Berlin
    team(installation)
    order = paid_order(installation, "7001")

    # when
    answer = shipping_of(staff_api, installation, user, order)

    # then
    assert answer == {
        "data": {
            "productionOrder": {
                "number": "7001",
                "shipping": {"methodName": "DHL Express", "address": BERLIN},
            }
        }
    }


@pytest.mark.parametrize("user", [PROCESSOR, ARTIST, ART_QC])
def test_other_roles_are_refused_the_shipping_details(
    installation: Installation, staff_api: StaffApi, user: str
) -> None:
    team(installation)
    order = paid_order(installation, "7002")

    answer = shipping_of(staff_api, installation, user, order)

    (error,) = answer["errors"]
    assert error["extensions"]["code"] == "PERMISSION_DENIED"
    assert error["path"] == ["productionOrder", "shipping"]
    assert error["message"] == "You need one of these PodOps roles: ADMIN, FULFILLER, MANAGER."
    assert answer["data"] == {"productionOrder": None}


def test_an_order_without_an_address_has_none_and_old_snapshots_read_as_empty_fields(
    installation: Installation, staff_api: StaffApi
) -> None:
    # given an order with no address and one whose snapshot lacks most keys
    team(installation)
    digital = paid_order(installation, "7003")
    ProductionOrder.objects.filter(pk=digital.pk).update(
        shipping_address=None, shipping_method_name=""
    )
    sparse = paid_order(installation, "7004")
    ProductionOrder.objects.filter(pk=sparse.pk).update(
        shipping_address={"city": "Lyon", "country": "FR", "phone": None}
    )

    # when
    none = shipping_of(staff_api, installation, FULFILLER, digital)
    partial = shipping_of(staff_api, installation, FULFILLER, sparse)

    # then
    assert none["data"]["productionOrder"]["shipping"] == {"methodName": "", "address": None}
    assert partial["data"]["productionOrder"]["shipping"]["address"] == {
        **{key: "" for key in BERLIN},
        "city": "Lyon",
        "countryCode": "FR",
    }


def test_the_timeline_shows_shipping_changes_without_the_address_to_other_roles(
    installation: Installation, staff_api: StaffApi
) -> None:
    # given the customer moved the delivery to Munich
    team(installation)
    order = paid_order(installation, "7005")
    old_address = order.shipping_address
    new_address = {**(old_address or {}), "city": "Munich", "postal_code": "80331"}
    assert order_update_shipping(
        order=order,
        actor=Actor(ActorType.SALEOR, ""),
        shipping_address=new_address,
        shipping_method_name="DHL",
    )

    def shipping_event(user: str) -> Any:
        answer = staff_api.as_user(installation, user, TIMELINE, {"id": order.saleor_order_id})
        assert "errors" not in answer, answer
        (event,) = [
            e
            for e in answer["data"]["productionOrder"]["timeline"]
            if e["type"] == "SHIPPING_UPDATED"
        ]
        return json.loads(event["data"])

    # when / then: the artist reads that it changed, not where to
    assert shipping_event(ARTIST) == {
        "old": {"address": None, "method": "DHL Express"},
        "new": {"address": None, "method": "DHL"},
    }
    # the fulfiller reads both addresses
    assert shipping_event(FULFILLER) == {
        "old": {"address": old_address, "method": "DHL Express"},
        "new": {"address": new_address, "method": "DHL"},
    }
