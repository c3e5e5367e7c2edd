"""A whole lifecycle driven through the staff GraphQL API only (customer approval through the
engine, as its own API comes with its issue), with the timeline checked at every step."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from saleor_podops.production.models import ProductionItem, ProductionOrder
from saleor_podops.production.stages import Stage
from saleor_podops.saleor import outbox
from saleor_podops.saleor.models import Installation, OutboxMessage
from saleor_podops.staff.roles import Role
from saleor_podops.workflow import actions
from saleor_podops.workflow.transitions import Person, PersonKind

from ..artwork.images import image_bytes
from ..artwork.test_graphql_artwork import multipart
from ..fulfilment.test_status_events import saleor_order_state
from ..saleor_stub import SaleorStub
from ..staff_api import (
    ADMIN,
    ART_QC,
    ARTIST,
    CUSTOMER,
    FULFILLER,
    MANAGER,
    PROCESSOR,
    StaffApi,
    dashboard_token,
    first_item,
    item_global_id,
    paid_order,
    staff_member,
    team,
)

pytestmark = pytest.mark.django_db

ITEM = """
query Item($id: ID!) {
  productionItem(id: $id) {
    stage rejectionCount artworkRound reworkSource
    assignee { userId }
    availableActions
    timeline { type actorType actorId fromStage toStage reasonCode comment }
  }
}
"""
MY_WORK = """
query MyWork($tab: MyWorkTab) {
  myWork(tab: $tab, first: 10) { totalCount edges { node { id stage } } }
}
"""
MOVE = """
mutation Move($id: ID!) {
  %s(id: $id) { item { stage assignee { userId } } errors { field code message } }
}
"""
REJECT = """
mutation Reject($id: ID!, $reason: String!, $comment: String) {
  %s(id: $id, reasonCode: $reason, comment: $comment) {
    item { stage assignee { userId } } errors { field code message }
  }
}
"""
FLOW_OFF = """
mutation {
  flowSettingsUpdate(input: {
    imageReviewEnabled: false, artworkQcEnabled: false, customerApprovalEnabled: false
  }) {
    flowSettings { imageReviewEnabled artworkQcEnabled customerApprovalEnabled }
    errors { code }
  }
}
"""


def item_view(api: StaffApi, installation: Installation, user: str, item: ProductionItem) -> Any:
    answer = api.as_user(installation, user, ITEM, {"id": item_global_id(item)})
    assert "errors" not in answer, answer
    return answer["data"]["productionItem"]


def moves(view: dict[str, Any]) -> list[tuple[str, str, str | None, str | None, str]]:
    """The stage moves and assignments of the item's timeline, in order."""
    return [
        (e["type"], e["actorId"], e["fromStage"], e["toStage"], e["reasonCode"])
        for e in view["timeline"]
        if e["type"] != "INPUT_PROBLEM"
    ]


def move(api: StaffApi, installation: Installation, user: str, mutation: str, item: Any) -> Any:
    answer = api.as_user(installation, user, MOVE % mutation, {"id": item_global_id(item)})
    assert "errors" not in answer, answer
    payload = answer["data"][mutation]
    assert payload["errors"] == []
    return payload["item"]


def test_the_full_lifecycle_through_the_api(
    installation: Installation, staff_api: StaffApi
) -> None:
    # given a team and a paid order
    team(installation)
    order = paid_order(installation)
    item = first_item(order)

    # then the item is in image review, held by the image processor
    view = item_view(staff_api, installation, PROCESSOR, item)
    assert view["stage"] == "IMAGE_REVIEW"
    assert view["assignee"] == {"userId": PROCESSOR}
    assert view["availableActions"] == ["APPROVE_IMAGE", "REJECT_IMAGE", "COMMENT"]
    assert moves(view) == [
        ("STAGE_CHANGED", "", None, "IMAGE_REVIEW", ""),
        ("ASSIGNED", "", None, "IMAGE_REVIEW", ""),
    ]
    work = staff_api.as_user(installation, PROCESSOR, MY_WORK, {"tab": "IMAGE_REVIEW"})
    assert work["data"]["myWork"]["totalCount"] == 1

    # when the image processor approves: the artist gets it
    assert move(staff_api, installation, PROCESSOR, "imageApprove", item) == {
        "stage": "ARTWORK",
        "assignee": {"userId": ARTIST},
    }
    view = item_view(staff_api, installation, ARTIST, item)
    assert moves(view)[2:] == [
        ("UNASSIGNED", PROCESSOR, "IMAGE_REVIEW", None, ""),
        ("STAGE_CHANGED", PROCESSOR, "IMAGE_REVIEW", "ARTWORK", ""),
        ("ASSIGNED", "", None, "ARTWORK", ""),
    ]
    new_work = staff_api.as_user(installation, ARTIST, MY_WORK, {"tab": "NEW_WORK"})
    assert [e["node"]["id"] for e in new_work["data"]["myWork"]["edges"]] == [item_global_id(item)]

    # when the artist submits: QC gets it
    assert move(staff_api, installation, ARTIST, "artworkSubmit", item) == {
        "stage": "ARTWORK_QC",
        "assignee": {"userId": ART_QC},
    }

    # when QC rejects: back to the same artist, under "Rejected by Art Manager"
    answer = staff_api.as_user(
        installation,
        ART_QC,
        REJECT % "qcReject",
        {"id": item_global_id(item), "reason": "WRONG_CROP", "comment": "Crop the ears"},
    )
    assert answer["data"]["qcReject"] == {
        "item": {"stage": "ARTWORK", "assignee": {"userId": ARTIST}},
        "errors": [],
    }
    view = item_view(staff_api, installation, ARTIST, item)
    assert (view["rejectionCount"], view["artworkRound"], view["reworkSource"]) == (
        1,
        2,
        "ARTWORK_QC",
    )
    rejected = [e for e in view["timeline"] if e["type"] == "REJECTED"]
    assert rejected == [
        {
            "type": "REJECTED",
            "actorType": "STAFF",
            "actorId": ART_QC,
            "fromStage": "ARTWORK_QC",
            "toStage": "ARTWORK",
            "reasonCode": "WRONG_CROP",
            "comment": "Crop the ears",
        }
    ]
    tab = staff_api.as_user(installation, ARTIST, MY_WORK, {"tab": "REJECTED_BY_ART_MANAGER"})
    assert tab["data"]["myWork"]["totalCount"] == 1
    assert (
        staff_api.as_user(installation, ARTIST, MY_WORK, {"tab": "NEW_WORK"})["data"]["myWork"][
            "totalCount"
        ]
        == 0
    )

    # when the artist resubmits and QC approves: customer approval (nobody on staff holds it)
    move(staff_api, installation, ARTIST, "artworkSubmit", item)
    assert move(staff_api, installation, ART_QC, "qcApprove", item) == {
        "stage": "CUSTOMER_APPROVAL",
        "assignee": None,
    }

    # when the customer approves (through the engine): the fulfilment queue, held by the fulfiller
    actions.customer_approve(item=item, person=Person(PersonKind.CUSTOMER, CUSTOMER))
    view = item_view(staff_api, installation, ADMIN, item)
    assert (view["stage"], view["assignee"]) == ("FULFILMENT_QUEUE", {"userId": FULFILLER})
    assert moves(view)[-1] == ("ASSIGNED", "", None, "FULFILMENT_QUEUE", "")
    queue = staff_api.as_user(installation, FULFILLER, MY_WORK, {"tab": "FULFILMENT_QUEUE"})
    assert [e["node"]["id"] for e in queue["data"]["myWork"]["edges"]] == [item_global_id(item)]
    stage_moves = [
        (e["actorType"], e["fromStage"], e["toStage"])
        for e in view["timeline"]
        if e["type"] in {"STAGE_CHANGED", "REJECTED"}
    ]
    assert stage_moves == [
        ("SALEOR", None, "IMAGE_REVIEW"),
        ("STAFF", "IMAGE_REVIEW", "ARTWORK"),
        ("STAFF", "ARTWORK", "ARTWORK_QC"),
        ("STAFF", "ARTWORK_QC", "ARTWORK"),
        ("STAFF", "ARTWORK", "ARTWORK_QC"),
        ("STAFF", "ARTWORK_QC", "CUSTOMER_APPROVAL"),
        ("CUSTOMER", "CUSTOMER_APPROVAL", "FULFILMENT_QUEUE"),
    ]
    # and the order's stage followed, mirrored to Saleor through the outbox
    order.refresh_from_db()
    assert order.stage == Stage.FULFILMENT_QUEUE
    metadata = OutboxMessage.objects.filter(kind="UPDATE_METADATA").last()
    assert metadata is not None
    assert metadata.payload["items"]["podops.stage"] == "FULFILMENT_QUEUE"
    order_moves = list(
        order.events.filter(item__isnull=True, type="STAGE_CHANGED").values_list(
            "to_stage", flat=True
        )
    )
    assert order_moves == [
        "IMAGE_REVIEW",
        "ARTWORK",
        "ARTWORK_QC",
        "ARTWORK",
        "ARTWORK_QC",
        "CUSTOMER_APPROVAL",
        "FULFILMENT_QUEUE",
    ]


def test_the_lifecycle_with_every_optional_stage_switched_off(
    installation: Installation, staff_api: StaffApi
) -> None:
    # given an admin who switches every optional stage off
    team(installation)
    answer = staff_api.as_user(installation, ADMIN, FLOW_OFF)
    assert answer["data"]["flowSettingsUpdate"] == {
        "flowSettings": {
            "imageReviewEnabled": False,
            "artworkQcEnabled": False,
            "customerApprovalEnabled": False,
        },
        "errors": [],
    }

    # when an order is paid: its item starts at the artist
    order = paid_order(installation)
    item = first_item(order)
    view = item_view(staff_api, installation, ARTIST, item)
    assert (view["stage"], view["assignee"]) == ("ARTWORK", {"userId": ARTIST})

    # when the artist submits: straight to the fulfilment queue, to the fulfiller
    assert move(staff_api, installation, ARTIST, "artworkSubmit", item) == {
        "stage": "FULFILMENT_QUEUE",
        "assignee": {"userId": FULFILLER},
    }
    view = item_view(staff_api, installation, ADMIN, item)
    assert [
        (e["type"], e["fromStage"], e["toStage"])
        for e in view["timeline"]
        if e["type"] == "STAGE_CHANGED"
    ] == [
        ("STAGE_CHANGED", None, "ARTWORK"),
        ("STAGE_CHANGED", "ARTWORK", "FULFILMENT_QUEUE"),
    ]
    assert ProductionOrder.objects.get(pk=order.pk).stage == Stage.FULFILMENT_QUEUE


OTHER_FULFILLER = "VXNlcjoxMA=="
UPLOAD_AND_SUBMIT = """
mutation($id: ID!, $file: Upload!) {
  artworkUpload(id: $id, file: $file, submit: true) { version { number } errors { code } }
}
"""
QUEUE = "{ fulfilmentQueue(mine: %s) { item { id assignee { userId } } inGrace } }"
BATCH_CREATE = """
mutation($p: ID, $i: [ID!]!) {
  batchCreate(partner: $p, items: $i) { batch { id } errors { field code message } }
}
"""
REASSIGN = """
mutation($id: ID!, $to: String!) {
  itemReassign(id: $id, assigneeUserId: $to, comment: "Anna is off today") {
    item { assignee { userId } } errors { code }
  }
}
"""


def payload(answer: dict[str, Any]) -> Any:
    assert "errors" not in answer, answer
    (data,) = answer["data"].values()
    assert data.get("errors", []) == [], answer
    return data


def denied(answer: dict[str, Any]) -> bool:
    return [e["extensions"]["code"] for e in answer.get("errors", [])] == ["PERMISSION_DENIED"]


def test_fulfilment_through_the_api_from_the_artwork_to_a_shipped_parcel(
    installation: Installation, saleor: SaleorStub, staff_api: StaffApi, client: Client
) -> None:
    # given a team with two fulfillers, every optional stage off, a manual partner, no spot checks
    team(installation)
    staff_member(installation, OTHER_FULFILLER, Role.FULFILLER)
    payload(staff_api.as_user(installation, ADMIN, FLOW_OFF))
    partner = payload(
        staff_api.as_user(
            installation,
            MANAGER,
            'mutation { printPartnerCreate(input: {name: "Shop", kind: MANUAL}) '
            "{ partner { id } errors { code } } }",
        )
    )["partner"]
    payload(
        staff_api.as_user(
            installation,
            MANAGER,
            "mutation { fulfilmentSettingsUpdate(input: {spotCheckPercent: 0}) { errors { code } } }",
        )
    )
    start = timezone.now()
    order = paid_order(installation)
    item = first_item(order)
    saleor_order_state(saleor, order)
    as_fulfiller = lambda user, q, v=None: staff_api.as_user(installation, user, q, v)  # noqa: E731

    # when the artist uploads the artwork and submits it in one call
    uploaded = multipart(
        client,
        installation,
        UPLOAD_AND_SUBMIT,
        {"id": item_global_id(item), "file": None},
        {"variables.file": ("art.png", image_bytes("PNG", (300, 600)))},
        token=dashboard_token(installation, ARTIST),
    )
    assert uploaded["data"]["artworkUpload"] == {"version": {"number": 1}, "errors": []}

    # then it waits in the fulfilment queue, held by the fulfiller with the most room
    view = item_view(staff_api, installation, ADMIN, item)
    assert (view["stage"], view["assignee"]) == ("FULFILMENT_QUEUE", {"userId": FULFILLER})
    everyone = as_fulfiller(OTHER_FULFILLER, QUEUE % "false")["data"]["fulfilmentQueue"]
    assert everyone == [
        {"item": {"id": item_global_id(item), "assignee": {"userId": FULFILLER}}, "inGrace": True}
    ]
    assert as_fulfiller(OTHER_FULFILLER, QUEUE % "true")["data"]["fulfilmentQueue"] == []

    # and the other fulfiller may not batch it (a permission error; nothing made)
    variables = {"p": partner["id"], "i": [item_global_id(item)]}
    assert denied(as_fulfiller(OTHER_FULFILLER, BATCH_CREATE, variables))

    # when a manager hands it to the other fulfiller
    moved = payload(
        staff_api.as_user(
            installation, MANAGER, REASSIGN, {"id": item_global_id(item), "to": OTHER_FULFILLER}
        )
    )
    assert moved["item"]["assignee"] == {"userId": OTHER_FULFILLER}

    # then the first may not batch it any more; the other batches it
    assert denied(as_fulfiller(FULFILLER, BATCH_CREATE, variables))
    batch = payload(as_fulfiller(OTHER_FULFILLER, BATCH_CREATE, variables))["batch"]

    # when, after the grace window, they send it and record the shipment
    with time_machine.travel(start + timedelta(hours=2, minutes=5)):
        [job] = payload(
            as_fulfiller(
                OTHER_FULFILLER,
                "mutation($id: ID!) { batchSend(id: $id) { jobs { id dispatchState } "
                "errors { code } } }",
                {"id": batch["id"]},
            )
        )["jobs"]
        assert job["dispatchState"] == "SENT"
        view = item_view(staff_api, installation, ADMIN, item)
        assert (view["stage"], view["assignee"]) == ("IN_PRODUCTION", None)
        for status, parcels in (
            ("PRINTED", ""),
            ("SHIPPED", ', parcels: [{carrier: "DHL", trackingNumber: "TN-LIFE"}]'),
        ):
            payload(
                as_fulfiller(
                    FULFILLER,
                    f"mutation($id: ID!) {{ jobRecordStatus(id: $id, status: {status}{parcels}) "
                    "{ job { partnerStatus } errors { code } } }",
                    {"id": job["id"]},
                )
            )
        outbox.flush()

    # then the item shipped, the order is complete and Saleor fulfilled its line with the tracking
    view = item_view(staff_api, installation, ADMIN, item)
    assert (view["stage"], view["assignee"]) == ("SHIPPED", None)
    assert ProductionOrder.objects.get(pk=order.pk).status == "COMPLETED"
    [fulfil] = saleor.operations("OrderFulfill")
    assert fulfil["variables"]["input"]["trackingNumber"] == "TN-LIFE"
    # and the timeline tells who held it when, and every move
    assert [
        (e["type"], e["actorId"], e["fromStage"], e["toStage"])
        for e in view["timeline"]
        if e["type"] in {"STAGE_CHANGED", "ASSIGNED", "UNASSIGNED"}
    ] == [
        ("STAGE_CHANGED", "", None, "ARTWORK"),
        ("ASSIGNED", "", None, "ARTWORK"),
        ("UNASSIGNED", ARTIST, "ARTWORK", None),
        ("STAGE_CHANGED", ARTIST, "ARTWORK", "FULFILMENT_QUEUE"),
        ("ASSIGNED", "", None, "FULFILMENT_QUEUE"),
        ("UNASSIGNED", MANAGER, "FULFILMENT_QUEUE", None),
        ("ASSIGNED", MANAGER, None, "FULFILMENT_QUEUE"),
        ("UNASSIGNED", OTHER_FULFILLER, "FULFILMENT_QUEUE", None),
        ("STAGE_CHANGED", OTHER_FULFILLER, "FULFILMENT_QUEUE", "IN_PRODUCTION"),
        ("STAGE_CHANGED", "", "IN_PRODUCTION", "SHIPPED"),
    ]
