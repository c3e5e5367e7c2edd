"""Keyset cursors of productionOrders and myWork: pages stay right while rows come and go, ties are
broken by id, NULLs sort last, and a cursor that is not one of the list's is a typed error."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from saleor_podops.graphql.core.pagination import sort_keys
from saleor_podops.production.models import ProductionItem, ProductionOrder
from saleor_podops.production.stages import Stage
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.models import Assignment, StaffMember

from ..staff_api import ADMIN, ARTIST, StaffApi, team

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

ORDERS = (
    "query Q($sort: ProductionOrderSort, $first: Int, $after: String)"
    " { productionOrders(sort: $sort, first: $first, after: $after)"
    " { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { number } } } }"
)
MY_WORK = (
    "query Q($first: Int, $after: String) { myWork(first: $first, after: $after)"
    " { pageInfo { hasNextPage endCursor } edges { cursor node { productName } } } }"
)


def order(
    installation: Installation,
    number: int,
    *,
    created_at: datetime = T0,
    priority: int = 0,
    due_at: datetime | None = None,
) -> ProductionOrder:
    made = ProductionOrder.objects.create(
        installation=installation,
        saleor_order_id=f"T3JkZXI6{number}",
        number=str(number),
        priority=priority,
        due_at=due_at,
        stage=Stage.ARTWORK,
    )
    ProductionOrder.objects.filter(pk=made.pk).update(created_at=created_at)
    return made


def held_item(
    installation: Installation,
    member: StaffMember,
    name: str,
    *,
    priority: int = 0,
    entered: datetime | None = T0,
) -> ProductionItem:
    number = ProductionOrder.objects.count() + 5001
    item = ProductionItem.objects.create(
        installation=installation,
        order=order(installation, number, priority=priority),
        saleor_line_id=f"line-{number}",
        line_index=1,
        product_name=name,
        stage=Stage.ARTWORK,
        stage_entered_at=entered,
    )
    Assignment.objects.create(
        installation=installation, item=item, staff=member, stage=Stage.ARTWORK
    )
    return item


def orders_page(
    api: StaffApi, installation: Installation, *, first: int, after: str | None = None, **kw: Any
) -> tuple[list[str], dict[str, Any]]:
    answer = api.as_user(installation, ADMIN, ORDERS, {"first": first, "after": after, **kw})
    assert "errors" not in answer, answer
    data = answer["data"]["productionOrders"]
    return [edge["node"]["number"] for edge in data["edges"]], data


def all_orders(api: StaffApi, installation: Installation, *, first: int, **kw: Any) -> list[str]:
    numbers, data = orders_page(api, installation, first=first, **kw)
    while data["pageInfo"]["hasNextPage"]:
        more, data = orders_page(
            api, installation, first=first, after=data["pageInfo"]["endCursor"], **kw
        )
        numbers += more
    return numbers


def test_the_next_page_follows_the_cursor_row_when_newer_orders_arrive_and_rows_go(
    installation: Installation, staff_api: StaffApi
) -> None:
    # given five orders, the newest first
    team(installation)
    for n in range(1, 6):
        order(installation, 1000 + n, created_at=T0 + timedelta(minutes=n))
    first_page, data = orders_page(staff_api, installation, first=2, sort="NEWEST")
    assert first_page == ["1005", "1004"]
    assert data["pageInfo"]["hasPreviousPage"] is False

    # when two newer orders arrive and the cursor's own row is deleted
    order(installation, 1006, created_at=T0 + timedelta(minutes=6))
    order(installation, 1007, created_at=T0 + timedelta(minutes=7))
    ProductionOrder.objects.filter(number="1004").delete()
    second_page, data = orders_page(
        staff_api, installation, first=2, sort="NEWEST", after=data["pageInfo"]["endCursor"]
    )

    # then the page goes on below the cursor (an offset would repeat 1005 and 1004's neighbour)
    assert second_page == ["1003", "1002"]
    assert (data["pageInfo"]["hasNextPage"], data["pageInfo"]["hasPreviousPage"]) == (True, True)
    assert data["totalCount"] == 6
    last_page, data = orders_page(
        staff_api, installation, first=2, sort="NEWEST", after=data["pageInfo"]["endCursor"]
    )
    assert (last_page, data["pageInfo"]["hasNextPage"]) == (["1001"], False)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        # equal priorities and creation times: the id decides
        ("PRIORITY", ["1003", "1001", "1002", "1004", "1005", "1006", "1007"]),
        ("OLDEST", ["1001", "1002", "1003", "1004", "1005", "1006", "1007"]),
        ("NEWEST", ["1007", "1006", "1005", "1004", "1003", "1002", "1001"]),
        # due dates first, soonest first; orders without one last, by creation time then id
        ("DUE_DATE", ["1006", "1002", "1004", "1001", "1003", "1005", "1007"]),
    ],
)
@pytest.mark.parametrize("size", [1, 2, 3])
def test_pages_of_tied_rows_hold_every_order_once_in_a_stable_order(
    installation: Installation, staff_api: StaffApi, sort: str, size: int, expected: list[str]
) -> None:
    # given seven orders created at the same instant, one of them urgent, three with due dates
    team(installation)
    due = {1002: T0 + timedelta(days=2), 1004: T0 + timedelta(days=2), 1006: T0}
    for n in range(1001, 1008):
        order(installation, n, priority=2 if n == 1003 else 0, due_at=due.get(n))

    # when the whole list is read page by page
    numbers = all_orders(staff_api, installation, first=size, sort=sort)

    # then every order comes once, in the same order as one big page
    assert numbers == expected
    assert orders_page(staff_api, installation, first=10, sort=sort)[0] == expected


def test_my_work_pages_by_priority_entry_time_and_id_across_new_assignments(
    installation: Installation, staff_api: StaffApi
) -> None:
    # given an artist holding items: two urgent, three tied on entry time, one never entered
    member = team(installation)[ARTIST]
    held_item(installation, member, "tied-1", entered=T0)
    held_item(installation, member, "not-entered", entered=None)
    held_item(installation, member, "urgent-late", priority=1, entered=T0 + timedelta(hours=1))
    held_item(installation, member, "tied-2", entered=T0)
    held_item(installation, member, "urgent-early", priority=1, entered=T0 - timedelta(hours=1))
    held_item(installation, member, "tied-3", entered=T0)

    # when the queue is read two at a time, and an urgent item arrives after the first page
    def page(after: str | None) -> tuple[list[str], dict[str, Any]]:
        answer = staff_api.as_user(installation, ARTIST, MY_WORK, {"first": 2, "after": after})
        assert "errors" not in answer, answer
        data = answer["data"]["myWork"]
        return [edge["node"]["productName"] for edge in data["edges"]], data

    names, data = page(None)
    held_item(installation, member, "urgent-new", priority=1, entered=T0)
    while data["pageInfo"]["hasNextPage"]:
        more, data = page(data["pageInfo"]["endCursor"])
        names += more

    # then every item held at the start comes once, in order (the new one sorts before the cursor)
    assert names == ["urgent-early", "urgent-late", "tied-1", "tied-2", "tied-3", "not-entered"]


@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor",
        base64.b64encode(b"arrayconnection:1").decode(),  # an offset cursor of the old API
        base64.urlsafe_b64encode(b'["00000000","2026-03-02T09:00:00+00:00",1]').decode(),
        base64.urlsafe_b64encode(b"{}").decode(),
    ],
)
def test_a_cursor_that_is_not_one_of_the_list_is_a_typed_error(
    installation: Installation, staff_api: StaffApi, cursor: str
) -> None:
    team(installation)
    order(installation, 1001)

    answer = staff_api.as_user(installation, ADMIN, ORDERS, {"first": 1, "after": cursor})

    assert answer["data"] is None
    assert [(e["message"], e["extensions"]["code"]) for e in answer["errors"]] == [
        ("Invalid cursor: use an endCursor of this list with the same sort.", "INVALID_CURSOR")
    ]


def test_a_cursor_of_another_sort_or_with_a_forged_value_is_refused(
    installation: Installation, staff_api: StaffApi
) -> None:
    # given a cursor of the NEWEST list
    team(installation)
    order(installation, 1001)
    order(installation, 1002, created_at=T0 + timedelta(minutes=1))
    _, data = orders_page(staff_api, installation, first=1, sort="NEWEST")
    cursor = data["pageInfo"]["endCursor"]
    padded = cursor + "=" * (-len(cursor) % 4)
    forged = base64.urlsafe_b64encode(
        base64.urlsafe_b64decode(padded).replace(b"2026-03-02", b"not-a-date")
    ).decode()

    for sort, after in (("PRIORITY", cursor), ("NEWEST", forged)):
        # when it is used with another sort, or with its date changed
        answer = staff_api.as_user(
            installation, ADMIN, ORDERS, {"first": 1, "after": after, "sort": sort}
        )

        # then the answer is the typed error
        assert answer["data"] is None
        assert answer["errors"][0]["extensions"]["code"] == "INVALID_CURSOR"


def test_an_ordering_that_cannot_page_by_keyset_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="ends with id"):
        sort_keys(ProductionOrder.objects.order_by("-created_at"))
    with pytest.raises(ValueError, match="due_at may be NULL"):
        sort_keys(ProductionOrder.objects.order_by("due_at", "id"))
    assert [key.path for key in sort_keys(ProductionOrder.objects.order_by("number", "pk"))] == [
        "number",
        "id",
    ]
