"""Lists cost a constant number of SQL queries, whatever their length."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saleor_podops.artwork.models import CustomerUpload
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.actions import complexity_weight_set
from saleor_podops.staff.roles import Role
from saleor_podops.workflow import actions
from saleor_podops.workflow.transitions import Person, PersonKind

from ..staff_api import (
    ADMIN,
    ARTIST,
    MANAGER,
    PROCESSOR,
    StaffApi,
    dashboard_token,
    paid_order,
    team,
)

pytestmark = pytest.mark.django_db

ORDERS = """
{ productionOrders(first: 50) { totalCount edges { node {
    number stage timeline { type }
    items { stage assignee { userId roles } availableActions blockedActions { code } timeline { type } }
} } } }
"""
MY_WORK = """
{ myWork(first: 50) { edges { node {
    stage order { number } assignee { userId roles } availableActions
} } } }
"""
# Every scalar field of orders, items and their holders: the columns a page loads follow the
# fields asked for, and none is left to load row by row.
ASSIGNEE = "assignee { userId email capacity load freeCapacity isAway skills lastAssignedAt }"
ITEM_FIELDS = f"""
    id lineIndex productName variantName sku productTypeSlug quantity customText options
    inputProblems uploadReferences stage stageEnteredAt holdReturnStage reworkSource
    rejectionCount artworkRound createdAt {ASSIGNEE} availableActions blockedActions {{ code }}
"""
ORDER_FIELDS = """
    id saleorOrderId number channelSlug customerUserId customerEmail priority dueAt paidAt
    needsAttention attentionReason shippedAt createdAt status stage
"""
EVERY_ORDER_FIELD = f"""
{{ productionOrders(first: 50) {{ edges {{ cursor node {{
    number items {{ {ITEM_FIELDS} order {{ {ORDER_FIELDS} }} }}
}} }} }} }}
"""
EVERY_ITEM_FIELD = f"""
{{ myWork(first: 50) {{ edges {{ cursor node {{ {ITEM_FIELDS} order {{ {ORDER_FIELDS} }} }} }} }} }}
"""
STAFF = "{ staff { userId roles load capacity skills } }"
COUNTS = "{ stageCounts { stage count unassigned } }"


def queries_for(api: StaffApi, token: str, document: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    with CaptureQueriesContext(connection) as captured:
        answer = api(document, token=token)
    assert "errors" not in answer, answer
    return len(captured), answer


def add_orders(installation: Installation, start: int, count: int) -> None:
    manager = Person(PersonKind.STAFF, MANAGER, frozenset({Role.MANAGER}))
    for number in range(start, start + count):
        order = paid_order(installation, str(number), product_types=("portrait", "mug"))
        for item in order.items.all():
            actions.item_approve_image(item=item, person=manager)


@pytest.mark.parametrize(
    ("document", "user", "expected"),
    [
        # sign-in (installation, member and roles in one) + page + items + their open
        # assignments (with holders) + the holders' roles + flow settings (2) + order timelines
        # + item timelines + totalCount
        (ORDERS, ADMIN, 10),
        # sign-in + page (with order) + flow (2): the holder of every item is the signed-in
        # person, with the roles sign-in read
        (MY_WORK, ARTIST, 4),
        # sign-in + page + items + their open assignments (with holders) + flow (2)
        (EVERY_ORDER_FIELD, ADMIN, 6),
        # sign-in + page + flow (2)
        (EVERY_ITEM_FIELD, ARTIST, 4),
        (STAFF, ADMIN, 3),
        (COUNTS, ADMIN, 2),
    ],
)
def test_lists_cost_the_same_number_of_queries_at_any_length(
    installation: Installation, staff_api: StaffApi, document: str, user: str, expected: int
) -> None:
    # given a team with room for everything
    members = team(installation)
    for member in members.values():
        member.capacity = 100
        member.save()
    token = dashboard_token(installation, user)
    add_orders(installation, 1001, 2)
    small, small_answer = queries_for(staff_api, token, document)

    add_orders(installation, 2001, 12)
    large, large_answer = queries_for(staff_api, token, document)

    assert (small, large) == (expected, expected)
    assert small_answer != large_answer


PHOTO_GRID = """
{ myWork(first: 50, tab: IMAGE_REVIEW) { edges { node {
    order { number } customerUploads { reference replaces thumbnailUrl previewUrl }
} } } }
"""
ORDERS_WITH_PHOTOS = """
{ productionOrders(first: 50) { edges { node { items { customerUploads { reference } } } } } }
"""


def add_orders_with_photos(installation: Installation, start: int, count: int) -> None:
    """Orders in image review, each item with a photo and its replacement."""
    for number in range(start, start + count):
        order = paid_order(installation, str(number), product_types=("portrait", "mug"))
        for item in order.items.all():
            first = CustomerUpload.objects.create(
                installation=installation,
                item=item,
                file=f"uploads/{item.pk}.jpg",
                thumbnail=f"thumbnails/{item.pk}.jpg",
                preview=f"previews/{item.pk}.jpg",
            )
            CustomerUpload.objects.create(
                installation=installation,
                item=item,
                file=f"uploads/{item.pk}-2.jpg",
                replaces=first,
                version=2,
            )


@pytest.mark.parametrize(
    ("document", "user", "expected"),
    [
        # sign-in (one query) + page (with order) + photos
        (PHOTO_GRID, PROCESSOR, 3),
        # sign-in + page + items + their open assignments (with holders) + photos
        (ORDERS_WITH_PHOTOS, ADMIN, 5),
    ],
)
def test_the_photos_of_a_page_come_in_one_query(
    installation: Installation, staff_api: StaffApi, document: str, user: str, expected: int
) -> None:
    # given a team with room for everything and orders with photos in image review
    for member in team(installation).values():
        member.capacity = 100
        member.save()
    token = dashboard_token(installation, user)
    add_orders_with_photos(installation, 1001, 2)
    small, small_answer = queries_for(staff_api, token, document)

    add_orders_with_photos(installation, 2001, 12)
    large, large_answer = queries_for(staff_api, token, document)

    assert (small, large) == (expected, expected)
    assert str(large_answer).count("'reference'") == 14 * 2 * 2
    assert str(small_answer).count("'reference'") == 2 * 2 * 2


SETTINGS_CHANGES = """
{ settingsChanges(first: 50) { totalCount pageInfo { endCursor } edges { cursor node {
    createdAt area subject actorType actorId actorEmail before after
} } } }
"""


def test_the_settings_history_costs_the_same_number_of_queries_at_any_length(
    installation: Installation, staff_api: StaffApi
) -> None:
    # given a team and a short history of settings changes
    team(installation)
    token = dashboard_token(installation, MANAGER)
    for weight in range(2, 4):
        complexity_weight_set(installation=installation, product_type_slug="mug", weight=weight)
    small, small_answer = queries_for(staff_api, token, SETTINGS_CHANGES)

    # when it grows
    for weight in range(4, 16):
        complexity_weight_set(installation=installation, product_type_slug="poster", weight=weight)
    large, large_answer = queries_for(staff_api, token, SETTINGS_CHANGES)

    # then sign-in + page + totalCount, whatever its length
    assert (small, large) == (3, 3)
    assert small_answer["data"]["settingsChanges"]["totalCount"] == 2
    assert large_answer["data"]["settingsChanges"]["totalCount"] == 14
