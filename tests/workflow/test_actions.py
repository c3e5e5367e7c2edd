"""Workflow actions on the database: each move with its timeline, bookkeeping and assignment, and
on every refusal nothing changed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from saleor_podops.production.models import EventType, ProductionItem, TimelineEvent
from saleor_podops.production.stages import Stage
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.models import Assignment, StaffMember
from saleor_podops.staff.roles import Role
from saleor_podops.workflow import actions
from saleor_podops.workflow.flow import FlowSwitches, flow_settings_update, product_type_flow_update
from saleor_podops.workflow.transitions import Person, PersonKind

from ..staff_api import (
    ADMIN,
    ART_QC,
    ARTIST,
    CUSTOMER,
    MANAGER,
    OTHER_ARTIST,
    PROCESSOR,
    first_item,
    paid_order,
    team,
)

pytestmark = pytest.mark.django_db


def person(user_id: str, *roles: Role) -> Person:
    return Person(PersonKind.STAFF, user_id, frozenset(roles))


def holder(item: ProductionItem) -> str | None:
    assignment = Assignment.objects.filter(item=item, released_at__isnull=True).first()
    return assignment.staff.saleor_user_id if assignment else None


def snapshot(item: ProductionItem) -> tuple[object, ...]:
    item.refresh_from_db()
    return (
        item.stage,
        item.rejection_count,
        item.artwork_round,
        item.hold_return_stage,
        holder(item),
        TimelineEvent.objects.filter(item=item).count(),
        list(StaffMember.objects.order_by("pk").values_list("load", flat=True)),
    )


PROCESSOR_P = person(PROCESSOR, Role.IMAGE_PROCESSOR)
ARTIST_P = person(ARTIST, Role.ARTIST)
QC_P = person(ART_QC, Role.ART_QC)
MANAGER_P = person(MANAGER, Role.MANAGER)
CUSTOMER_P = Person(PersonKind.CUSTOMER, CUSTOMER)


def to_qc(item: ProductionItem) -> None:
    actions.item_approve_image(item=item, person=PROCESSOR_P)
    actions.artwork_submit(item=item, person=ARTIST_P)


def test_image_rejection_waits_for_the_customer_and_frees_the_processor(
    installation: Installation,
) -> None:
    # given an item in image review held by the processor
    team(installation)
    item = first_item(paid_order(installation))
    assert holder(item) == PROCESSOR

    # when the processor rejects the photo
    actions.item_reject_image(
        item=item, person=PROCESSOR_P, reason_code="LOW_RESOLUTION", comment="Too small"
    )

    # then it waits for the customer, nobody holds it, and the rejection is on the timeline
    item.refresh_from_db()
    assert (item.stage, item.rejection_count, holder(item)) == (
        Stage.AWAITING_CUSTOMER,
        1,
        None,
    )
    assert StaffMember.objects.get(saleor_user_id=PROCESSOR).load == 0
    event = TimelineEvent.objects.filter(item=item, type=EventType.REJECTED).get()
    assert (event.actor_id, event.from_stage, event.to_stage, event.reason_code, event.comment) == (
        PROCESSOR,
        Stage.IMAGE_REVIEW,
        Stage.AWAITING_CUSTOMER,
        "LOW_RESOLUTION",
        "Too small",
    )

    # when the customer sends a new photo: back to image review and the processor
    actions.item_customer_replace_photo(item=item, person=CUSTOMER_P)
    item.refresh_from_db()
    assert (item.stage, holder(item)) == (Stage.IMAGE_REVIEW, PROCESSOR)


@pytest.mark.parametrize(
    ("reason_code", "comment", "code", "message"),
    [
        (
            "NOT_A_CODE",
            "",
            "INVALID_REASON_CODE",
            "Unknown reason code 'NOT_A_CODE'; use one of: COLOURS, FACE_NOT_VISIBLE, "
            "LOW_RESOLUTION, OTHER, TYPO, WRONG_CROP.",
        ),
        (
            "OTHER",
            "  ",
            "COMMENT_REQUIRED",
            "Say what is wrong in a comment when the reason is OTHER.",
        ),
    ],
)
def test_a_rejection_needs_a_known_reason_and_changes_nothing_otherwise(
    installation: Installation, reason_code: str, comment: str, code: str, message: str
) -> None:
    team(installation)
    item = first_item(paid_order(installation))
    to_qc(item)
    before = snapshot(item)

    with pytest.raises(ValidationError) as caught:
        actions.qc_reject(item=item, person=QC_P, reason_code=reason_code, comment=comment)

    assert [(e.code, e.message) for errors in caught.value.error_dict.values() for e in errors] == [
        (code, message)
    ]
    assert snapshot(item) == before


def test_a_refused_move_changes_nothing(installation: Installation) -> None:
    team(installation)
    item = first_item(paid_order(installation))
    before = snapshot(item)

    with pytest.raises(actions.WorkflowRefused) as caught:
        actions.artwork_submit(item=item, person=ARTIST_P)

    assert caught.value.refusal.code == "INVALID_STAGE"
    assert snapshot(item) == before


def test_customer_rejection_returns_the_item_to_its_artist(installation: Installation) -> None:
    # given an item the artist made, approved by QC and waiting for the customer
    team(installation)
    item = first_item(paid_order(installation))
    to_qc(item)
    actions.qc_approve(item=item, person=QC_P)

    # when the customer rejects it
    actions.customer_reject(item=item, person=CUSTOMER_P, reason_code="TYPO", comment="Name!")

    # then it is back with the same artist, as "Rejected by Customer", second round
    item.refresh_from_db()
    assert (item.stage, item.rework_source, item.artwork_round, item.rejection_count) == (
        Stage.ARTWORK,
        Stage.CUSTOMER_APPROVAL,
        2,
        1,
    )
    assert holder(item) == ARTIST


def test_hold_frees_the_holder_and_resume_returns_to_the_stage(installation: Installation) -> None:
    # given an item with the artist, in an order with a second item still in image review
    team(installation)
    order = paid_order(installation, product_types=("portrait", "mug"))
    item, other = list(order.items.order_by("line_index"))
    actions.item_approve_image(item=item, person=PROCESSOR_P)
    actions.item_approve_image(item=other, person=PROCESSOR_P)
    assert holder(item) == ARTIST

    # when a manager holds the first
    actions.item_hold(item=item, person=MANAGER_P, comment="Customer called")

    # then it is on hold, remembers the stage, and the artist's capacity is back
    item.refresh_from_db()
    assert (item.stage, item.hold_return_stage, holder(item)) == (
        Stage.ON_HOLD,
        Stage.ARTWORK,
        None,
    )
    assert StaffMember.objects.get(saleor_user_id=ARTIST).load == 1  # the second item only
    order.refresh_from_db()
    assert order.stage == Stage.ARTWORK  # a held item counts as the stage it returns to

    # when resumed: back in artwork and assigned again
    actions.item_resume(item=item, person=MANAGER_P)
    item.refresh_from_db()
    assert (item.stage, item.hold_return_stage, holder(item)) == (Stage.ARTWORK, "", ARTIST)
    assert list(
        TimelineEvent.objects.filter(item=item, type__in=["HELD", "RESUMED"]).values_list(
            "type", "from_stage", "to_stage", "comment"
        )
    ) == [
        ("HELD", "ARTWORK", "ON_HOLD", "Customer called"),
        ("RESUMED", "ON_HOLD", "ARTWORK", ""),
    ]


def test_skip_and_reassign_by_a_manager(installation: Installation) -> None:
    members = team(installation)
    members[OTHER_ARTIST].capacity = 5
    members[OTHER_ARTIST].save()
    item = first_item(paid_order(installation))

    actions.item_skip_stage(item=item, person=MANAGER_P, comment="Photo checked by phone")
    item.refresh_from_db()
    first_artist = holder(item)
    assert item.stage == Stage.ARTWORK
    assert first_artist in {ARTIST, OTHER_ARTIST}
    skipped = TimelineEvent.objects.get(item=item, type=EventType.STAGE_SKIPPED)
    assert (skipped.from_stage, skipped.to_stage) == (Stage.IMAGE_REVIEW, Stage.ARTWORK)

    other = OTHER_ARTIST if first_artist == ARTIST else ARTIST
    actions.item_reassign(item=item, person=MANAGER_P, assignee_user_id=other)
    assert holder(item) == other
    loads = dict(StaffMember.objects.values_list("saleor_user_id", "load"))
    assert (loads[first_artist], loads[other]) == (0, 1)


def test_reassign_to_someone_without_the_role_is_refused_and_changes_nothing(
    installation: Installation,
) -> None:
    team(installation)
    item = first_item(paid_order(installation))
    actions.item_approve_image(item=item, person=PROCESSOR_P)
    before = snapshot(item)

    with pytest.raises(actions.WorkflowRefused) as caught:
        actions.item_reassign(item=item, person=MANAGER_P, assignee_user_id=ART_QC)

    assert caught.value.refusal.code == "ASSIGNEE_NOT_ELIGIBLE"
    assert caught.value.refusal.message == (
        "The new assignee must be a staff member with the ARTIST role."
    )
    assert snapshot(item) == before


def test_comments_are_internal_timeline_events(installation: Installation) -> None:
    team(installation)
    item = first_item(paid_order(installation))

    actions.item_comment(item=item, person=MANAGER_P, comment="Rush: birthday on Friday")

    event = TimelineEvent.objects.get(item=item, type=EventType.COMMENT)
    assert (event.actor_id, event.comment, event.is_internal) == (
        MANAGER,
        "Rush: birthday on Friday",
        True,
    )
    with pytest.raises(actions.WorkflowRefused):
        actions.item_comment(item=item, person=MANAGER_P, comment="   ")
    assert TimelineEvent.objects.filter(item=item, type=EventType.COMMENT).count() == 1


def test_switching_qc_off_lets_items_in_qc_finish_and_skips_it_for_the_rest(
    installation: Installation,
) -> None:
    # given one item already in QC and one still with the artist
    team(installation)
    in_qc = first_item(paid_order(installation, "1001"))
    to_qc(in_qc)
    with_artist = first_item(paid_order(installation, "1002"))
    actions.item_approve_image(item=with_artist, person=PROCESSOR_P)

    # when QC is switched off
    flow_settings_update(installation=installation, switches=FlowSwitches(artwork_qc_enabled=False))

    # then the item in QC stays there, is still held by QC and can be approved
    in_qc.refresh_from_db()
    assert (in_qc.stage, holder(in_qc)) == (Stage.ARTWORK_QC, ART_QC)
    actions.qc_approve(item=in_qc, person=QC_P)
    in_qc.refresh_from_db()
    assert in_qc.stage == Stage.CUSTOMER_APPROVAL
    # and the artist's item skips QC
    actions.artwork_submit(item=with_artist, person=ARTIST_P)
    with_artist.refresh_from_db()
    assert with_artist.stage == Stage.CUSTOMER_APPROVAL


def test_a_product_type_override_decides_the_first_stage(installation: Installation) -> None:
    team(installation)
    product_type_flow_update(
        installation=installation,
        product_type_slug="mug",
        switches=FlowSwitches(image_review_enabled=False),
    )

    order = paid_order(installation, product_types=("portrait", "mug"))

    stages = list(order.items.order_by("line_index").values_list("product_type_slug", "stage"))
    assert stages == [("portrait", Stage.IMAGE_REVIEW), ("mug", Stage.ARTWORK)]
    order.refresh_from_db()
    assert order.stage == Stage.IMAGE_REVIEW  # the least advanced item


def test_the_admin_may_do_everything_a_worker_may(installation: Installation) -> None:
    team(installation)
    item = first_item(paid_order(installation))
    admin = person(ADMIN, Role.ADMIN)
    actions.item_approve_image(item=item, person=admin)
    actions.artwork_submit(item=item, person=admin)
    actions.qc_approve(item=item, person=admin)
    actions.customer_approve(item=item, person=admin)
    item.refresh_from_db()
    assert item.stage == Stage.FULFILMENT_QUEUE
    assert item.artist_user_id == ARTIST  # the artist who held it, not the admin
