"""The pure transition table: targets under every flow, guards and their reasons, available
actions, and the rule for stages switched off while items are in them."""

from __future__ import annotations

import pytest

from saleor_podops.production.stages import Stage
from saleor_podops.staff.roles import Role
from saleor_podops.workflow.error_codes import WorkflowErrorCode
from saleor_podops.workflow.transitions import (
    Flow,
    ItemState,
    Person,
    PersonKind,
    Refusal,
    WorkflowAction,
    available_actions,
    check,
    target_stage,
)

ALL_ON = Flow()
ALL_OFF = Flow(image_review=False, artwork_qc=False, customer_approval=False)
ADMIN = Person(PersonKind.STAFF, "admin", frozenset({Role.ADMIN}))
MANAGER = Person(PersonKind.STAFF, "manager", frozenset({Role.MANAGER}))
PROCESSOR = Person(PersonKind.STAFF, "processor", frozenset({Role.IMAGE_PROCESSOR}))
ARTIST = Person(PersonKind.STAFF, "artist", frozenset({Role.ARTIST}))
QC = Person(PersonKind.STAFF, "qc", frozenset({Role.ART_QC}))
FULFILLER = Person(PersonKind.STAFF, "fulfiller", frozenset({Role.FULFILLER}))
CUSTOMER = Person(PersonKind.CUSTOMER, "customer")


def at(stage: Stage, assignee: str = "", hold_return: str = "") -> ItemState:
    return ItemState(stage=stage, assignee_user_id=assignee, hold_return_stage=hold_return)


@pytest.mark.parametrize(
    ("action", "item", "flow", "expected"),
    [
        (WorkflowAction.APPROVE_IMAGE, at(Stage.IMAGE_REVIEW), ALL_ON, Stage.ARTWORK),
        (WorkflowAction.REJECT_IMAGE, at(Stage.IMAGE_REVIEW), ALL_ON, Stage.AWAITING_CUSTOMER),
        (
            WorkflowAction.CUSTOMER_REPLACE_PHOTO,
            at(Stage.AWAITING_CUSTOMER),
            ALL_ON,
            Stage.IMAGE_REVIEW,
        ),
        (
            WorkflowAction.CUSTOMER_REPLACE_PHOTO,
            at(Stage.AWAITING_CUSTOMER),
            ALL_OFF,
            Stage.ARTWORK,
        ),
        (WorkflowAction.CUSTOMER_GO_AHEAD, at(Stage.AWAITING_CUSTOMER), ALL_ON, Stage.ARTWORK),
        (WorkflowAction.SUBMIT_ARTWORK, at(Stage.ARTWORK), ALL_ON, Stage.ARTWORK_QC),
        (
            WorkflowAction.SUBMIT_ARTWORK,
            at(Stage.ARTWORK),
            Flow(artwork_qc=False),
            Stage.CUSTOMER_APPROVAL,
        ),
        (WorkflowAction.SUBMIT_ARTWORK, at(Stage.ARTWORK), ALL_OFF, Stage.FULFILMENT_QUEUE),
        (WorkflowAction.QC_APPROVE, at(Stage.ARTWORK_QC), ALL_ON, Stage.CUSTOMER_APPROVAL),
        (
            WorkflowAction.QC_APPROVE,
            at(Stage.ARTWORK_QC),
            Flow(customer_approval=False),
            Stage.FULFILMENT_QUEUE,
        ),
        (WorkflowAction.QC_REJECT, at(Stage.ARTWORK_QC), ALL_ON, Stage.ARTWORK),
        (
            WorkflowAction.CUSTOMER_APPROVE,
            at(Stage.CUSTOMER_APPROVAL),
            ALL_ON,
            Stage.FULFILMENT_QUEUE,
        ),
        (WorkflowAction.CUSTOMER_REJECT, at(Stage.CUSTOMER_APPROVAL), ALL_ON, Stage.ARTWORK),
        (WorkflowAction.HOLD, at(Stage.ARTWORK_QC), ALL_ON, Stage.ON_HOLD),
        (
            WorkflowAction.RESUME,
            at(Stage.ON_HOLD, hold_return="ARTWORK_QC"),
            ALL_ON,
            Stage.ARTWORK_QC,
        ),
        (WorkflowAction.SKIP_STAGE, at(Stage.IMAGE_REVIEW), ALL_ON, Stage.ARTWORK),
        (WorkflowAction.SKIP_STAGE, at(Stage.AWAITING_CUSTOMER), ALL_ON, Stage.ARTWORK),
        (WorkflowAction.SKIP_STAGE, at(Stage.ARTWORK_QC), ALL_ON, Stage.CUSTOMER_APPROVAL),
        (WorkflowAction.SKIP_STAGE, at(Stage.CUSTOMER_APPROVAL), ALL_ON, Stage.FULFILMENT_QUEUE),
        (WorkflowAction.REASSIGN, at(Stage.ARTWORK), ALL_ON, Stage.ARTWORK),
        (WorkflowAction.REASSIGN, at(Stage.FULFILMENT_QUEUE), ALL_ON, Stage.FULFILMENT_QUEUE),
        (WorkflowAction.COMMENT, at(Stage.FULFILMENT_QUEUE), ALL_ON, Stage.FULFILMENT_QUEUE),
        (WorkflowAction.SEND_TO_PARTNER, at(Stage.FULFILMENT_QUEUE), ALL_ON, Stage.IN_PRODUCTION),
        (WorkflowAction.REQUEUE, at(Stage.IN_PRODUCTION), ALL_ON, Stage.FULFILMENT_QUEUE),
    ],
)
def test_each_action_leads_to_its_stage_under_the_flow(
    action: WorkflowAction, item: ItemState, flow: Flow, expected: Stage
) -> None:
    assert check(action, item, ADMIN, flow) is None
    assert target_stage(action, item, flow) == expected


def test_flow_first_stage_follows_the_switches() -> None:
    assert ALL_ON.first_stage() == Stage.IMAGE_REVIEW
    assert ALL_OFF.first_stage() == Stage.ARTWORK


def test_an_item_in_a_stage_switched_off_finishes_it_and_moves_to_the_next_stage_on() -> None:
    # given QC and customer approval were switched off while an item sat in QC
    flow = Flow(artwork_qc=False, customer_approval=False)
    item = at(Stage.ARTWORK_QC, assignee="qc")

    # then QC can still approve it, and it goes to the next stage that is on
    assert check(WorkflowAction.QC_APPROVE, item, QC, flow) is None
    assert target_stage(WorkflowAction.QC_APPROVE, item, flow) == Stage.FULFILMENT_QUEUE
    # and a held item resumes to the stage it left even though it is off now
    held = at(Stage.ON_HOLD, hold_return="ARTWORK_QC")
    assert target_stage(WorkflowAction.RESUME, held, flow) == Stage.ARTWORK_QC


@pytest.mark.parametrize(
    ("action", "item", "person", "refusal"),
    [
        (
            WorkflowAction.APPROVE_IMAGE,
            at(Stage.ARTWORK),
            ADMIN,
            Refusal(
                WorkflowErrorCode.INVALID_STAGE,
                "APPROVE_IMAGE is not possible for an item in Artwork.",
            ),
        ),
        (
            WorkflowAction.APPROVE_IMAGE,
            at(Stage.IMAGE_REVIEW),
            ARTIST,
            Refusal(
                WorkflowErrorCode.ROLE_REQUIRED,
                "Only an image processor or a manager may act on an item in Image review.",
            ),
        ),
        (
            WorkflowAction.SUBMIT_ARTWORK,
            at(Stage.ARTWORK, assignee="someone-else"),
            ARTIST,
            Refusal(WorkflowErrorCode.NOT_ASSIGNED_TO_YOU, "This item is not assigned to you."),
        ),
        (
            WorkflowAction.SUBMIT_ARTWORK,
            at(Stage.ARTWORK),
            ARTIST,
            Refusal(WorkflowErrorCode.NOT_ASSIGNED_TO_YOU, "This item is not assigned to you."),
        ),
        (
            WorkflowAction.QC_REJECT,
            at(Stage.ARTWORK_QC),
            PROCESSOR,
            Refusal(
                WorkflowErrorCode.ROLE_REQUIRED,
                "Only an art manager or a manager may act on an item in Artwork QC.",
            ),
        ),
        (
            WorkflowAction.HOLD,
            at(Stage.ARTWORK),
            ARTIST,
            Refusal(WorkflowErrorCode.ROLE_REQUIRED, "Only a manager may do this."),
        ),
        (
            WorkflowAction.CUSTOMER_APPROVE,
            at(Stage.CUSTOMER_APPROVAL),
            QC,
            Refusal(
                WorkflowErrorCode.ROLE_REQUIRED,
                "Only the customer (or a manager for them) may do this.",
            ),
        ),
        (
            WorkflowAction.SKIP_STAGE,
            at(Stage.ARTWORK),
            ADMIN,
            Refusal(WorkflowErrorCode.STAGE_NOT_SKIPPABLE, "Artwork cannot be skipped."),
        ),
        (
            WorkflowAction.SKIP_STAGE,
            at(Stage.ARTWORK_QC),
            QC,
            Refusal(
                WorkflowErrorCode.SKIP_NOT_ALLOWED,
                "Your roles may not skip Artwork QC (flow settings).",
            ),
        ),
        (
            WorkflowAction.RESUME,
            at(Stage.ON_HOLD),
            MANAGER,
            Refusal(WorkflowErrorCode.NOT_ON_HOLD, "The item has no stage to return to."),
        ),
    ],
)
def test_guards_say_why_a_move_is_refused(
    action: WorkflowAction, item: ItemState, person: Person, refusal: Refusal
) -> None:
    flow = Flow(skip_roles={"ARTWORK_QC": frozenset({Role.MANAGER})})
    assert check(action, item, person, flow) == refusal


def test_skip_rights_come_from_the_flow_settings() -> None:
    item = at(Stage.ARTWORK_QC)
    assert check(WorkflowAction.SKIP_STAGE, item, MANAGER, Flow()) is not None
    allowed = Flow(skip_roles={"ARTWORK_QC": frozenset({Role.MANAGER, Role.ART_QC})})
    assert check(WorkflowAction.SKIP_STAGE, item, MANAGER, allowed) is None
    assert check(WorkflowAction.SKIP_STAGE, item, QC, allowed) is None
    assert check(WorkflowAction.SKIP_STAGE, item, ADMIN, Flow()) is None


def test_available_actions_for_the_assigned_artist_and_for_another_artist() -> None:
    item = at(Stage.ARTWORK, assignee="artist")
    mine = available_actions(item, ARTIST, ALL_ON)
    assert [action for action, refusal in mine if refusal is None] == [
        WorkflowAction.SUBMIT_ARTWORK,
        WorkflowAction.COMMENT,
    ]
    other = Person(PersonKind.STAFF, "other", frozenset({Role.ARTIST}))
    theirs = available_actions(item, other, ALL_ON)
    assert [action for action, refusal in theirs if refusal is None] == []
    assert dict(theirs)[WorkflowAction.SUBMIT_ARTWORK] == Refusal(
        WorkflowErrorCode.NOT_ASSIGNED_TO_YOU, "This item is not assigned to you."
    )


def test_managers_get_every_move_of_the_stage() -> None:
    item = at(Stage.ARTWORK_QC, assignee="qc")
    allowed = [a for a, refusal in available_actions(item, MANAGER, ALL_ON) if refusal is None]
    assert allowed == [
        WorkflowAction.QC_APPROVE,
        WorkflowAction.QC_REJECT,
        WorkflowAction.HOLD,
        WorkflowAction.REASSIGN,
        WorkflowAction.COMMENT,
    ]


def test_nothing_moves_a_cancelled_or_shipped_item() -> None:
    for stage in (Stage.CANCELLED, Stage.SHIPPED):
        assert available_actions(at(stage), ADMIN, ALL_ON) == []


def test_a_fulfiller_sends_the_queued_items_they_hold_and_a_manager_any() -> None:
    item = at(Stage.FULFILMENT_QUEUE, assignee="fulfiller")
    other = Person(PersonKind.STAFF, "other", frozenset({Role.FULFILLER}))
    assert check(WorkflowAction.SEND_TO_PARTNER, item, FULFILLER, ALL_ON) is None
    assert check(WorkflowAction.SEND_TO_PARTNER, item, other, ALL_ON) == Refusal(
        WorkflowErrorCode.NOT_ASSIGNED_TO_YOU, "This item is not assigned to you."
    )
    assert check(WorkflowAction.SEND_TO_PARTNER, item, MANAGER, ALL_ON) is None
    # reassigning is a manager's; every fulfiller may comment
    assert check(WorkflowAction.REASSIGN, item, FULFILLER, ALL_ON) is not None
    assert check(WorkflowAction.REASSIGN, item, MANAGER, ALL_ON) is None
    assert check(WorkflowAction.COMMENT, item, other, ALL_ON) is None


def test_only_podops_or_a_manager_puts_an_item_back_in_the_queue() -> None:
    item = at(Stage.IN_PRODUCTION)
    system = Person(PersonKind.SYSTEM)
    assert check(WorkflowAction.REQUEUE, item, system, ALL_ON) is None
    assert check(WorkflowAction.REQUEUE, item, MANAGER, ALL_ON) is None
    assert check(WorkflowAction.REQUEUE, item, FULFILLER, ALL_ON) == Refusal(
        WorkflowErrorCode.ROLE_REQUIRED, "Only a manager may do this."
    )
