"""Who may run which query and mutation of the staff API: every operation against anonymous, a
customer token, staff without a role, each role, another artist, a manager, an admin, and an admin
of another installation. Refused calls change nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from graphql_relay import to_global_id

from saleor_podops.artwork.imaging import PrintSize
from saleor_podops.artwork.models import PrintSpec
from saleor_podops.artwork.print_specs import print_spec_set
from saleor_podops.audit.models import SettingsChange
from saleor_podops.production.models import ProductionItem, TimelineEvent
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.actions import complexity_weight_set
from saleor_podops.staff.models import Assignment, ComplexityWeight, RoleAssignment, StaffMember
from saleor_podops.staff.roles import Role
from saleor_podops.workflow import actions
from saleor_podops.workflow.models import FlowSettings, ReasonCode
from saleor_podops.workflow.transitions import Person, PersonKind

from ..staff_api import (
    ADMIN,
    ART_QC,
    ARTIST,
    FULFILLER,
    MANAGER,
    NO_ROLE,
    OTHER_ARTIST,
    PROCESSOR,
    StaffApi,
    customer_token,
    dashboard_token,
    first_item,
    item_global_id,
    paid_order,
    staff_member,
    team,
)

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "customer",
    "no_role",
    "processor",
    "artist",
    "other_artist",
    "art_qc",
    "fulfiller",
    "manager",
    "admin",
    "other_installation",
]
USERS = {
    "no_role": NO_ROLE,
    "processor": PROCESSOR,
    "artist": ARTIST,
    "other_artist": OTHER_ARTIST,
    "art_qc": ART_QC,
    "fulfiller": FULFILLER,
    "manager": MANAGER,
    "admin": ADMIN,
}
ROLE_HOLDERS = {p for p in USERS if p != "no_role"}
STAFF = set(USERS)
MANAGERS = {"manager", "admin"}
MANAGER_P = Person(PersonKind.STAFF, MANAGER, frozenset({Role.MANAGER}))


def _at_image_review(item: ProductionItem) -> None:
    pass


def _at_artwork(item: ProductionItem) -> None:
    actions.item_approve_image(item=item, person=MANAGER_P)


def _at_qc(item: ProductionItem) -> None:
    _at_artwork(item)
    actions.artwork_submit(item=item, person=MANAGER_P)


def _with_poster_spec(item: ProductionItem) -> None:
    print_spec_set(
        installation=item.installation,
        product_type_slug="poster",
        size=PrintSize(Decimal(24), Decimal(36), min_dpi=100, warn_dpi=200),
    )


def _with_portrait_weight(item: ProductionItem) -> None:
    complexity_weight_set(installation=item.installation, product_type_slug="portrait", weight=3)


def _on_hold(item: ProductionItem) -> None:
    _at_artwork(item)
    actions.item_hold(item=item, person=MANAGER_P)


@dataclass(frozen=True)
class Operation:
    document: str
    allowed: set[str]
    setup: Callable[[ProductionItem], None] = _at_image_review
    variables: Callable[[ProductionItem], dict[str, Any]] = field(
        default=lambda item: {"id": item_global_id(item)}
    )
    # What an admin of another installation gets: "own" (their own data, none of ours),
    # "not_found" (null / NOT_FOUND error), "elsewhere" (succeeds on their own installation).
    other_installation: str = "own"


def _mutation(name: str, args: str = "$id: ID!", call: str = "id: $id") -> str:
    return f"mutation M({args}) {{ {name}({call}) {{ errors {{ field code message }} }} }}"


def _item_mutation(
    name: str, allowed: set[str], setup: Callable[[ProductionItem], None], **kw: Any
) -> Operation:
    return Operation(_mutation(name, **kw), allowed, setup, other_installation="not_found")


REJECT_ARGS = {"args": "$id: ID!", "call": 'id: $id, reasonCode: "WRONG_CROP"'}
STAFF_ARGS = {"args": "$user: String!", "call": "userId: $user"}


def _user(item: ProductionItem) -> dict[str, Any]:
    return {"user": ARTIST}


OPERATIONS: dict[str, Operation] = {
    "me": Operation("{ me { userId roles } }", STAFF),
    "myWork": Operation("{ myWork(first: 5) { totalCount edges { node { id } } } }", ROLE_HOLDERS),
    "productionOrders": Operation(
        "{ productionOrders(first: 5) { totalCount edges { node { id } } } }", ROLE_HOLDERS
    ),
    "productionOrder": Operation(
        "query Q($id: ID!) { productionOrder(saleorOrderId: $id) { id number } }",
        ROLE_HOLDERS,
        variables=lambda item: {"id": item.order.saleor_order_id},
        other_installation="not_found",
    ),
    "productionItem": Operation(
        "query Q($id: ID!) { productionItem(id: $id) { id stage availableActions } }",
        ROLE_HOLDERS,
        other_installation="not_found",
    ),
    "productionOrderShipping": Operation(
        "query Q($id: ID!) { productionOrder(saleorOrderId: $id) "
        "{ id shipping { methodName address { name streetAddress1 city postalCode countryCode "
        "phone } } } }",
        {"fulfiller"} | MANAGERS,
        variables=lambda item: {"id": item.order.saleor_order_id},
        other_installation="not_found",
    ),
    "productionItemCustomerUploads": Operation(
        "query Q($id: ID!) { productionItem(id: $id) { id customerUploads { reference } } }",
        ROLE_HOLDERS,
        other_installation="not_found",
    ),
    "staff": Operation("{ staff { userId roles load capacity } }", MANAGERS),
    "flowSettings": Operation("{ flowSettings { imageReviewEnabled } }", ROLE_HOLDERS),
    "reasonCodes": Operation("{ reasonCodes { code } }", ROLE_HOLDERS),
    "stageCounts": Operation("{ stageCounts { stage count } }", ROLE_HOLDERS),
    "complexityWeights": Operation("{ complexityWeights { weight } }", ROLE_HOLDERS),
    "settingsChanges": Operation(
        "{ settingsChanges(first: 5) { totalCount edges { node { area subject after } } } }",
        MANAGERS,
        setup=_with_portrait_weight,
        variables=lambda item: {},
    ),
    "printSpecs": Operation(
        "{ printSpecs { shopDefault { minDpi } productTypes { productTypeSlug source } } }",
        ROLE_HOLDERS,
    ),
    # read through to Saleor (the stub answers as it would); another installation's admin asks
    # their own Saleor
    "saleorProductTypes": Operation(
        '{ saleorProductTypes(search: "port") { slug name } }',
        MANAGERS,
        variables=lambda item: {},
        other_installation="elsewhere",
    ),
    "imageApprove": _item_mutation("imageApprove", {"processor"} | MANAGERS, _at_image_review),
    "imageReject": _item_mutation(
        "imageReject", {"processor"} | MANAGERS, _at_image_review, **REJECT_ARGS
    ),
    "artworkSubmit": _item_mutation("artworkSubmit", {"artist"} | MANAGERS, _at_artwork),
    "qcApprove": _item_mutation("qcApprove", {"art_qc"} | MANAGERS, _at_qc),
    "qcReject": _item_mutation("qcReject", {"art_qc"} | MANAGERS, _at_qc, **REJECT_ARGS),
    "itemHold": _item_mutation("itemHold", MANAGERS, _at_artwork),
    "itemResume": _item_mutation("itemResume", MANAGERS, _on_hold),
    "itemSkipStage": _item_mutation("itemSkipStage", MANAGERS, _at_image_review),
    "itemReassign": _item_mutation(
        "itemReassign",
        MANAGERS,
        _at_artwork,
        call=f'id: $id, assigneeUserId: "{OTHER_ARTIST}"',
    ),
    "itemComment": _item_mutation(
        "itemComment", {"artist"} | MANAGERS, _at_artwork, call='id: $id, comment: "Note"'
    ),
    "staffRoleAssign": Operation(
        _mutation("staffRoleAssign", call="userId: $user, role: ART_QC", args="$user: String!"),
        MANAGERS,
        variables=_user,
        other_installation="elsewhere",
    ),
    "staffRoleRevoke": Operation(
        _mutation("staffRoleRevoke", call="userId: $user, role: ARTIST", args="$user: String!"),
        MANAGERS,
        variables=_user,
        other_installation="not_found",
    ),
    "staffCapacityUpdate": Operation(
        _mutation("staffCapacityUpdate", call="userId: $user, capacity: 9", args="$user: String!"),
        MANAGERS,
        variables=_user,
        other_installation="not_found",
    ),
    "staffSkillsUpdate": Operation(
        _mutation(
            "staffSkillsUpdate", call='userId: $user, skills: ["mug"]', args="$user: String!"
        ),
        MANAGERS,
        variables=_user,
        other_installation="not_found",
    ),
    "staffAwayUpdate": Operation(
        _mutation("staffAwayUpdate", call="userId: $user, isAway: true", args="$user: String!"),
        MANAGERS,
        variables=_user,
        other_installation="not_found",
    ),
    "complexityWeightUpdate": Operation(
        'mutation { complexityWeightUpdate(productTypeSlug: "portrait", weight: 2) '
        "{ errors { code } } }",
        MANAGERS,
        variables=lambda item: {},
        other_installation="elsewhere",
    ),
    "complexityWeightDelete": Operation(
        'mutation { complexityWeightDelete(productTypeSlug: "portrait") { errors { code } } }',
        MANAGERS,
        setup=_with_portrait_weight,
        variables=lambda item: {},
        other_installation="not_found",
    ),
    "printSpecUpdate": Operation(
        'mutation { printSpecUpdate(productTypeSlug: "poster", input: {printWidthIn: "12", '
        'printHeightIn: "16", minDpi: 120}) { errors { code } } }',
        MANAGERS,
        variables=lambda item: {},
        other_installation="elsewhere",
    ),
    "printSpecDelete": Operation(
        'mutation { printSpecDelete(productTypeSlug: "poster") { errors { code } } }',
        MANAGERS,
        setup=_with_poster_spec,
        variables=lambda item: {},
        other_installation="not_found",
    ),
    "flowSettingsUpdate": Operation(
        "mutation { flowSettingsUpdate(input: {artworkQcEnabled: false}) { errors { code } } }",
        MANAGERS,
        variables=lambda item: {},
        other_installation="elsewhere",
    ),
    "reasonCodesUpdate": Operation(
        'mutation { reasonCodesUpdate(codes: [{code: "BLURRY", label: "Blurry"}]) '
        "{ errors { code } } }",
        MANAGERS,
        variables=lambda item: {},
        other_installation="elsewhere",
    ),
}


def state_of(installation: Installation) -> tuple[Any, ...]:
    """Everything a staff call could change in one installation."""
    return (
        list(
            ProductionItem.objects.filter(installation=installation)
            .order_by("pk")
            .values_list("stage", "hold_return_stage", "rejection_count")
        ),
        list(
            Assignment.objects.filter(installation=installation)
            .order_by("pk")
            .values_list("item_id", "staff_id", "released_at")
        ),
        list(
            StaffMember.objects.filter(installation=installation)
            .order_by("pk")
            .values_list("saleor_user_id", "capacity", "load", "skills", "is_away")
        ),
        list(
            RoleAssignment.objects.filter(staff__installation=installation)
            .order_by("pk")
            .values_list("staff_id", "role")
        ),
        list(FlowSettings.objects.filter(installation=installation).values()),
        list(ReasonCode.objects.filter(installation=installation).values_list("code", "is_active")),
        list(ComplexityWeight.objects.filter(installation=installation).values_list("weight")),
        list(
            PrintSpec.objects.filter(installation=installation)
            .order_by("product_type_slug")
            .values_list("product_type_slug", "print_width_in", "min_dpi", "warn_dpi")
        ),
        TimelineEvent.objects.filter(installation=installation).count(),
        SettingsChange.objects.filter(installation=installation).count(),
    )


def call(
    api: StaffApi,
    persona: str,
    installation: Installation,
    other: Installation,
    op: Operation,
    item: ProductionItem,
) -> dict[str, Any]:
    variables = op.variables(item)
    if persona == "anonymous":
        return api(op.document, variables, token=None)
    if persona == "customer":
        return api(op.document, variables, token=customer_token(installation))
    if persona == "other_installation":
        return api(
            op.document,
            variables,
            token=dashboard_token(other, ADMIN),
            api_url=other.saleor_api_url,
        )
    return api(op.document, variables, token=dashboard_token(installation, USERS[persona]))


def _payload_errors(answer: dict[str, Any]) -> list[dict[str, Any]]:
    (payload,) = answer["data"].values()
    return payload.get("errors", []) if isinstance(payload, dict) else []


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(OPERATIONS))
def test_authorization_matrix(
    installation: Installation,
    other_installation: Installation,
    staff_api: StaffApi,
    name: str,
    persona: str,
) -> None:
    # given a team, an item at the operation's stage held by its worker, and another installation
    team(installation)
    staff_member(other_installation, ADMIN, Role.ADMIN)
    paid_order(other_installation, "9001")
    op = OPERATIONS[name]
    item = first_item(paid_order(installation))
    op.setup(item)
    before = state_of(installation)

    answer = call(staff_api, persona, installation, other_installation, op, item)

    if persona in {"anonymous", "customer"}:
        (error,) = answer["errors"]
        assert error["extensions"]["code"] in {"UNAUTHENTICATED", "TOKEN_INVALID"}, answer
        assert state_of(installation) == before
    elif persona == "other_installation":
        assert "errors" not in answer, answer
        (data,) = answer["data"].values()
        if op.other_installation == "not_found":
            assert data is None or [e["code"] for e in data["errors"]] == ["NOT_FOUND"], answer
        elif op.other_installation == "own":
            # they see their own installation only: nothing of ours
            text = json.dumps(answer)
            assert item_global_id(item) not in text, answer
            assert to_global_id("ProductionOrder", str(item.order_id)) not in text, answer
        else:
            assert _payload_errors(answer) == [], answer
        assert state_of(installation) == before
    elif persona in op.allowed:
        assert "errors" not in answer, answer
        assert _payload_errors(answer) == [], answer
    else:
        (error,) = answer["errors"]
        assert error["extensions"]["code"] == "PERMISSION_DENIED", answer
        assert answer["data"] is None or list(answer["data"].values()) == [None]
        assert state_of(installation) == before
