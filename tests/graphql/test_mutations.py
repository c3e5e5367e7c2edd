"""Staff API behaviour beyond permissions: typed errors that change nothing, settings, people,
lists with filters and cursors."""

from __future__ import annotations

from typing import Any

import pytest

from saleor_podops.production.models import TimelineEvent
from saleor_podops.production.stages import Stage
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.models import StaffMember
from saleor_podops.staff.roles import Role
from saleor_podops.workflow.models import ProductTypeFlow, ReasonCode

from ..staff_api import (
    ADMIN,
    ARTIST,
    MANAGER,
    OTHER_ARTIST,
    PROCESSOR,
    StaffApi,
    first_item,
    item_global_id,
    paid_order,
    team,
)

pytestmark = pytest.mark.django_db


def run(
    api: StaffApi, installation: Installation, user: str, document: str, **variables: Any
) -> Any:
    answer = api.as_user(installation, user, document, variables)
    assert "errors" not in answer, answer
    (data,) = answer["data"].values()
    return data


def test_a_rejection_with_an_unknown_reason_is_a_typed_error_and_changes_nothing(
    installation: Installation, staff_api: StaffApi
) -> None:
    team(installation)
    item = first_item(paid_order(installation))
    events = TimelineEvent.objects.count()

    payload = run(
        staff_api,
        installation,
        PROCESSOR,
        'mutation M($id: ID!) { imageReject(id: $id, reasonCode: "BLURRY") '
        "{ item { stage } errors { field code message } } }",
        id=item_global_id(item),
    )

    assert payload == {
        "item": None,
        "errors": [
            {
                "field": "reasonCode",
                "code": "INVALID_REASON_CODE",
                "message": "Unknown reason code 'BLURRY'; use one of: COLOURS, FACE_NOT_VISIBLE, "
                "LOW_RESOLUTION, OTHER, TYPO, WRONG_CROP.",
            }
        ],
    }
    item.refresh_from_db()
    assert (item.stage, item.rejection_count) == (Stage.IMAGE_REVIEW, 0)
    assert TimelineEvent.objects.count() == events


def test_a_move_from_the_wrong_stage_and_an_unknown_item_are_typed_errors(
    installation: Installation, staff_api: StaffApi
) -> None:
    team(installation)
    item = first_item(paid_order(installation))
    document = "mutation M($id: ID!) { itemResume(id: $id) { errors { field code message } } }"

    wrong_stage = run(staff_api, installation, MANAGER, document, id=item_global_id(item))
    unknown = run(staff_api, installation, MANAGER, document, id="UHJvZHVjdGlvbkl0ZW06OTk5")
    garbage = run(staff_api, installation, MANAGER, document, id="not-an-id")

    assert wrong_stage["errors"] == [
        {
            "field": "id",
            "code": "INVALID_STAGE",
            "message": "RESUME is not possible for an item in Image review.",
        }
    ]
    not_found = [{"field": "id", "code": "NOT_FOUND", "message": "No such production item"}]
    assert unknown["errors"] == not_found
    assert garbage["errors"] == not_found
    item.refresh_from_db()
    assert item.stage == Stage.IMAGE_REVIEW


def test_an_artist_sees_blocked_actions_with_reasons(
    installation: Installation, staff_api: StaffApi
) -> None:
    team(installation)
    item = first_item(paid_order(installation))
    run(
        staff_api,
        installation,
        PROCESSOR,
        "mutation M($id: ID!) { imageApprove(id: $id) { errors { code } } }",
        id=item_global_id(item),
    )
    document = (
        "query Q($id: ID!) { productionItem(id: $id) "
        "{ availableActions blockedActions { action code message } } }"
    )

    mine = run(staff_api, installation, ARTIST, document, id=item_global_id(item))
    theirs = run(staff_api, installation, OTHER_ARTIST, document, id=item_global_id(item))

    assert mine["availableActions"] == ["SUBMIT_ARTWORK", "COMMENT"]
    assert theirs["availableActions"] == []
    assert {
        "action": "SUBMIT_ARTWORK",
        "code": "NOT_ASSIGNED_TO_YOU",
        "message": "This item is not assigned to you.",
    } in theirs["blockedActions"]


def test_reason_codes_can_be_replaced_and_old_ones_are_kept_inactive(
    installation: Installation, staff_api: StaffApi
) -> None:
    team(installation)
    payload = run(
        staff_api,
        installation,
        MANAGER,
        'mutation { reasonCodesUpdate(codes: [{code: "BLURRY", label: "Blurry"}, '
        '{code: "OTHER", label: "Something else"}]) '
        "{ reasonCodes { code label } errors { field code message } } }",
    )
    assert payload == {
        "reasonCodes": [
            {"code": "BLURRY", "label": "Blurry"},
            {"code": "OTHER", "label": "Something else"},
        ],
        "errors": [],
    }
    assert ReasonCode.objects.filter(is_active=False).count() == 5

    invalid = run(
        staff_api,
        installation,
        MANAGER,
        'mutation { reasonCodesUpdate(codes: [{code: "bad code", label: "x"}]) '
        "{ reasonCodes { code } errors { field code message } } }",
    )
    assert invalid == {
        "reasonCodes": None,
        "errors": [
            {
                "field": "codes",
                "code": "INVALID",
                "message": "Invalid reason code 'bad code': use UPPER_SNAKE_CASE and a label",
            }
        ],
    }
    assert ReasonCode.objects.filter(is_active=True).count() == 2


def test_flow_settings_per_product_type_and_skip_rules(
    installation: Installation, staff_api: StaffApi
) -> None:
    team(installation)
    override = run(
        staff_api,
        installation,
        ADMIN,
        'mutation { flowSettingsUpdate(productTypeSlug: "mug", input: {imageReviewEnabled: false})'
        " { flowSettings { imageReviewEnabled productTypes { productTypeSlug imageReviewEnabled"
        " artworkQcEnabled } } errors { code } } }",
    )
    assert override == {
        "flowSettings": {
            "imageReviewEnabled": True,
            "productTypes": [
                {"productTypeSlug": "mug", "imageReviewEnabled": False, "artworkQcEnabled": None}
            ],
        },
        "errors": [],
    }
    skip = run(
        staff_api,
        installation,
        ADMIN,
        "mutation { flowSettingsUpdate(input: {skipRules: [{stage: ARTWORK_QC, roles: [ART_QC]}]})"
        " { flowSettings { skipRules { stage roles } } errors { code } } }",
    )
    assert {"stage": "ARTWORK_QC", "roles": ["ART_QC"]} in skip["flowSettings"]["skipRules"]

    refused = run(
        staff_api,
        installation,
        ADMIN,
        "mutation { flowSettingsUpdate(input: {skipRules: [{stage: ARTWORK, roles: [ARTIST]}]})"
        " { errors { field code message } } }",
    )
    assert refused["errors"] == [
        {
            "field": "skipRoles",
            "code": "STAGE_NOT_SKIPPABLE",
            "message": "ARTWORK cannot be skipped",
        }
    ]
    assert ProductTypeFlow.objects.count() == 1


def test_people_management(installation: Installation, staff_api: StaffApi) -> None:
    # given a team where the second artist has no capacity and a waiting item
    team(installation)
    item = first_item(paid_order(installation))
    run(
        staff_api,
        installation,
        PROCESSOR,
        "mutation M($id: ID!) { imageApprove(id: $id) { errors { code } } }",
        id=item_global_id(item),
    )
    run(
        staff_api,
        installation,
        MANAGER,
        "mutation M($u: String!) { staffAwayUpdate(userId: $u, isAway: true) { errors { code } } }",
        u=ARTIST,
    )
    second = first_item(paid_order(installation, "1002"))
    run(
        staff_api,
        installation,
        PROCESSOR,
        "mutation M($id: ID!) { imageApprove(id: $id) { errors { code } } }",
        id=item_global_id(second),
    )
    assert not second.assignments.filter(stage=Stage.ARTWORK).exists()

    # when a manager gives the second artist capacity and skills
    payload = run(
        staff_api,
        installation,
        MANAGER,
        "mutation M($u: String!) { staffCapacityUpdate(userId: $u, capacity: 3) "
        "{ staffMember { userId capacity load freeCapacity } errors { code } } }",
        u=OTHER_ARTIST,
    )

    # then the waiting item is theirs at once
    assert payload == {
        "staffMember": {"userId": OTHER_ARTIST, "capacity": 3, "load": 1, "freeCapacity": 2},
        "errors": [],
    }
    skills = run(
        staff_api,
        installation,
        MANAGER,
        'mutation M($u: String!) { staffSkillsUpdate(userId: $u, skills: ["mug", " portrait", '
        '"mug"]) { staffMember { skills } errors { code } } }',
        u=OTHER_ARTIST,
    )
    assert skills["staffMember"] == {"skills": ["mug", "portrait"]}
    invalid = run(
        staff_api,
        installation,
        MANAGER,
        "mutation M($u: String!) { staffCapacityUpdate(userId: $u, capacity: -1) "
        "{ staffMember { capacity } errors { field code message } } }",
        u=OTHER_ARTIST,
    )
    assert invalid == {
        "staffMember": None,
        "errors": [
            {
                "field": "capacity",
                "code": "INVALID",
                "message": "Capacity must be between 0 and 1000",
            }
        ],
    }
    assert StaffMember.objects.get(saleor_user_id=OTHER_ARTIST).capacity == 3


WEIGHTS = "{ complexityWeights { productTypeSlug weight } }"
WEIGHT_UPDATE = (
    "mutation M($slug: String!, $weight: Int!) { complexityWeightUpdate(productTypeSlug: $slug, "
    "weight: $weight) { complexityWeight { productTypeSlug weight } errors { code } } }"
)
WEIGHT_DELETE = (
    "mutation M($slug: String!) { complexityWeightDelete(productTypeSlug: $slug) "
    "{ errors { field code message } } }"
)


def test_a_manager_removes_a_complexity_weight_and_one_not_set_is_not_found(
    installation: Installation, staff_api: StaffApi
) -> None:
    # given two product types with weights
    team(installation)
    run(staff_api, installation, MANAGER, WEIGHT_UPDATE, slug="canvas", weight=3)
    run(staff_api, installation, MANAGER, WEIGHT_UPDATE, slug="mug", weight=2)

    # when a manager removes one, and then removes it again
    removed = run(staff_api, installation, MANAGER, WEIGHT_DELETE, slug="canvas")
    again = run(staff_api, installation, ADMIN, WEIGHT_DELETE, slug="canvas")

    # then it is gone from the list (canvas takes 1 unit again); the second time is NOT_FOUND
    # and leaves the other as it was
    assert removed == {"errors": []}
    assert again == {
        "errors": [
            {
                "field": "productTypeSlug",
                "code": "NOT_FOUND",
                "message": "The product type 'canvas' has no complexity weight",
            }
        ]
    }
    assert run(staff_api, installation, ARTIST, WEIGHTS) == [
        {"productTypeSlug": "mug", "weight": 2}
    ]


def test_roles_are_granted_and_the_last_admin_is_kept(
    installation: Installation, staff_api: StaffApi
) -> None:
    team(installation)
    granted = run(
        staff_api,
        installation,
        ADMIN,
        'mutation { staffRoleAssign(userId: "VXNlcjoxMDA=", role: ART_QC, email: "new@example.com")'
        " { staffMember { userId email roles } errors { code } } }",
    )
    assert granted["staffMember"] == {
        "userId": "VXNlcjoxMDA=",
        "email": "new@example.com",
        "roles": ["ART_QC"],
    }
    last_admin = run(
        staff_api,
        installation,
        ADMIN,
        "mutation M($u: String!) { staffRoleRevoke(userId: $u, role: ADMIN) "
        "{ errors { field code message } } }",
        u=ADMIN,
    )
    assert last_admin["errors"] == [
        {
            "field": "role",
            "code": "LAST_ADMIN",
            "message": "The last ADMIN of an installation cannot be revoked",
        }
    ]
    assert StaffMember.objects.get(saleor_user_id=ADMIN).roles.get().role == Role.ADMIN
    people = run(staff_api, installation, MANAGER, "{ staff { userId roles } }")
    assert {"userId": "VXNlcjoxMDA=", "roles": ["ART_QC"]} in people
    assert len(people) == 8


def test_production_orders_filter_sort_and_paginate(
    installation: Installation, staff_api: StaffApi
) -> None:
    # given three orders, one of them with the artist
    team(installation)
    orders = [
        paid_order(installation, str(n), product_types=(pt,))
        for n, pt in ((1001, "portrait"), (1002, "mug"), (1003, "portrait"))
    ]
    run(
        staff_api,
        installation,
        PROCESSOR,
        "mutation M($id: ID!) { imageApprove(id: $id) { errors { code } } }",
        id=item_global_id(first_item(orders[1])),
    )
    document = (
        "query Q($filter: ProductionOrderFilterInput, $sort: ProductionOrderSort, $after: String)"
        " { productionOrders(filter: $filter, sort: $sort, first: 2, after: $after)"
        " { totalCount pageInfo { hasNextPage endCursor } edges { node { number stage } } } }"
    )

    def numbers(**variables: Any) -> tuple[list[str], Any]:
        data = run(staff_api, installation, MANAGER, document, **variables)
        return [e["node"]["number"] for e in data["edges"]], data

    first_page, data = numbers(sort="OLDEST")
    assert first_page == ["1001", "1002"]
    assert (data["totalCount"], data["pageInfo"]["hasNextPage"]) == (3, True)
    second_page, data = numbers(sort="OLDEST", after=data["pageInfo"]["endCursor"])
    assert (second_page, data["pageInfo"]["hasNextPage"]) == (["1003"], False)
    assert numbers(sort="NEWEST")[0] == ["1003", "1002"]
    assert numbers(filter={"stages": ["ARTWORK"]})[0] == ["1002"]
    assert numbers(filter={"assigneeUserId": ARTIST})[0] == ["1002"]
    assert numbers(filter={"productTypeSlug": "portrait"}, sort="OLDEST")[0] == ["1001", "1003"]
    assert numbers(filter={"search": "#1003"})[0] == ["1003"]
    assert numbers(filter={"search": "ashley.cook"}, sort="OLDEST")[0] == ["1001", "1002"]


def test_stage_counts_and_work_tabs(installation: Installation, staff_api: StaffApi) -> None:
    members = team(installation)
    members[PROCESSOR].capacity = 1
    members[PROCESSOR].save()
    for number in (1001, 1002, 1003):
        paid_order(installation, str(number))

    counts = run(staff_api, installation, MANAGER, "{ stageCounts { stage count unassigned } }")
    assert counts[:3] == [
        {"stage": "IMAGE_REVIEW", "count": 3, "unassigned": 2},
        {"stage": "AWAITING_CUSTOMER", "count": 0, "unassigned": 0},
        {"stage": "ARTWORK", "count": 0, "unassigned": 0},
    ]
    assert run(staff_api, installation, ARTIST, "{ myWorkTabs }") == [
        "NEW_WORK",
        "REJECTED_BY_CUSTOMER",
        "REJECTED_BY_ART_MANAGER",
    ]
    denied = staff_api.as_user(installation, ARTIST, "{ myWork(tab: IMAGE_REVIEW) { totalCount } }")
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    assert denied["errors"][0]["message"] == "The IMAGE_REVIEW tab is not for your roles."
