"""Queued items are assigned to fulfillers like any worked stage (capacity, skills, away), handed
out as capacity frees, reassigned by a manager; a fulfiller batches and sends what they hold, a
manager anything."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from saleor_podops.fulfilment import batches, dispatch
from saleor_podops.fulfilment.error_codes import FulfilmentError, FulfilmentErrorCode
from saleor_podops.fulfilment.models import Batch, BatchEntry
from saleor_podops.fulfilment.queue import fulfilment_queue
from saleor_podops.production.models import EventType, ProductionItem, TimelineEvent
from saleor_podops.production.stages import Stage
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.models import Assignment, StaffMember
from saleor_podops.staff.roles import Role
from saleor_podops.workflow import actions
from saleor_podops.workflow.actions import WorkflowRefused
from saleor_podops.workflow.transitions import Person, PersonKind

from ..staff_api import staff_member
from .builders import MANAGER_P, approved_order, ensure_fulfiller, items_of, manual_partner

pytestmark = pytest.mark.django_db

ANNA, BEN = "VXNlcjoxMQ==", "VXNlcjoxMg=="
ANNA_P = Person(PersonKind.STAFF, ANNA, frozenset({Role.FULFILLER}))
BEN_P = Person(PersonKind.STAFF, BEN, frozenset({Role.FULFILLER}))
LATER = timedelta(hours=3)


def holder(item: ProductionItem) -> str | None:
    assignment = (
        Assignment.objects.select_related("staff")
        .filter(item=item, released_at__isnull=True)
        .first()
    )
    return assignment.staff.saleor_user_id if assignment else None


def queued(installation: Installation, number: str, *types: str) -> list[ProductionItem]:
    order = approved_order(installation, number, product_types=types or ("portrait",))
    return items_of(order)


@pytest.fixture
def fulfillers(installation: Installation) -> dict[str, StaffMember]:
    """Anna (room for 2) and Ben (room for 3, portraits only); the builders' fulfiller is away."""
    ensure_fulfiller(installation)
    StaffMember.objects.filter(installation=installation).update(is_away=True)
    return {
        ANNA: staff_member(installation, ANNA, Role.FULFILLER, capacity=2),
        BEN: staff_member(installation, BEN, Role.FULFILLER, capacity=3, skills=["portrait"]),
    }


def test_queued_items_go_by_free_capacity_and_skills_and_wait_when_nobody_has_room(
    installation: Installation, fulfillers: dict[str, StaffMember]
) -> None:
    # when four portraits and two mugs reach the queue
    portraits = queued(installation, "6601", "portrait", "portrait", "portrait", "portrait")
    mugs = queued(installation, "6602", "mug", "mug")

    # then the portraits spread by free capacity; Ben does not do mugs, Anna is full
    assert [holder(item) for item in portraits] == [BEN, ANNA, BEN, ANNA]
    assert [holder(item) for item in mugs] == [None, None]
    assert {m.saleor_user_id: m.load for m in StaffMember.objects.filter(is_away=False)} == {
        ANNA: 2,
        BEN: 2,
    }

    # when Anna sends one of hers: a waiting mug is hers at once
    batch = batches.batch_create(
        installation=installation,
        partner=manual_partner(installation),
        item_ids=[portraits[1].pk],
        person=ANNA_P,
    )
    dispatch.batch_send(batch=batch, person=ANNA_P, now=timezone.now() + LATER)
    assert holder(portraits[1]) is None
    assert [holder(item) for item in mugs] == [ANNA, None]
    released = TimelineEvent.objects.get(item=portraits[1], type=EventType.UNASSIGNED)
    assert (released.actor_id, released.from_stage) == (ANNA, Stage.FULFILMENT_QUEUE)

    # and a manager may hand the other mug to Ben by hand (past his skills, on purpose)
    actions.item_reassign(item=mugs[1], person=MANAGER_P, assignee_user_id=BEN)
    assert holder(mugs[1]) == BEN
    # but not to someone who is not a fulfiller
    staff_member(installation, "VXNlcjoxMw==", Role.ARTIST)
    with pytest.raises(WorkflowRefused):
        actions.item_reassign(item=mugs[0], person=MANAGER_P, assignee_user_id="VXNlcjoxMw==")


def test_a_fulfiller_batches_only_what_they_hold_and_a_manager_anything(
    installation: Installation, fulfillers: dict[str, StaffMember]
) -> None:
    portraits = queued(installation, "6701", "portrait", "portrait")
    bens, annas = portraits
    assert (holder(bens), holder(annas)) == (BEN, ANNA)
    partner = manual_partner(installation)

    # Ben cannot batch Anna's item, nor a batch with his and hers
    with pytest.raises(FulfilmentError) as refused:
        batches.batch_create(
            installation=installation, partner=partner, item_ids=[bens.pk, annas.pk], person=BEN_P
        )
    assert refused.value.code == FulfilmentErrorCode.NOT_ASSIGNED_TO_YOU
    assert Batch.objects.count() == 0

    # Ben's own batch: Anna cannot add to it, split, dissolve or send it
    his = batches.batch_create(
        installation=installation, partner=partner, item_ids=[bens.pk], person=BEN_P
    )
    for attempt in (
        lambda: batches.batch_add_items(batch=his, item_ids=[annas.pk], person=ANNA_P),
        lambda: batches.batch_dissolve(batch=his, person=ANNA_P),
        lambda: dispatch.batch_send(batch=his, person=ANNA_P, now=timezone.now() + LATER),
    ):
        with pytest.raises(FulfilmentError) as denied:
            attempt()
        assert denied.value.code == FulfilmentErrorCode.NOT_ASSIGNED_TO_YOU
    assert list(BatchEntry.objects.values_list("item_id", flat=True)) == [bens.pk]

    # the automatic rule batches a fulfiller's own items, a manager's every item
    [annas_batch] = batches.batches_auto_create(
        installation=installation, partner=partner, person=ANNA_P
    )
    assert list(annas_batch.entries.values_list("item_id", flat=True)) == [annas.pk]
    batches.batch_dissolve(batch=annas_batch, person=ANNA_P)
    batches.batch_dissolve(batch=his, person=BEN_P)
    [everything] = batches.batches_auto_create(
        installation=installation, partner=partner, person=MANAGER_P
    )
    assert sorted(everything.entries.values_list("item_id", flat=True)) == sorted(
        [bens.pk, annas.pk]
    )

    # and a manager sends it: both fulfillers get their room back
    dispatch.batch_send(batch=everything, person=MANAGER_P, now=timezone.now() + LATER)
    assert {m.saleor_user_id: m.load for m in StaffMember.objects.filter(is_away=False)} == {
        ANNA: 0,
        BEN: 0,
    }


def test_a_reassigned_item_leaves_with_its_new_holder(
    installation: Installation, fulfillers: dict[str, StaffMember]
) -> None:
    # given Anna batched an item she was given by hand, then a manager gave it to Ben
    [annas] = queued(installation, "6801")
    assert holder(annas) == BEN  # the most free capacity
    actions.item_reassign(item=annas, person=MANAGER_P, assignee_user_id=ANNA)
    batch = batches.batch_create(
        installation=installation,
        partner=manual_partner(installation),
        item_ids=[annas.pk],
        person=ANNA_P,
    )
    actions.item_reassign(item=annas, person=MANAGER_P, assignee_user_id=BEN)

    # then Anna can no longer send the batch; Ben takes his item out of it and batches it
    with pytest.raises(FulfilmentError) as denied:
        dispatch.batch_send(batch=batch, person=ANNA_P, now=timezone.now() + LATER)
    assert denied.value.code == FulfilmentErrorCode.NOT_ASSIGNED_TO_YOU
    batches.batch_remove_items(batch=batch, item_ids=[annas.pk], person=BEN_P)
    rows = fulfilment_queue(installation_id=installation.pk, assignee_user_id=BEN)
    assert [(row.item.pk, row.batch_id) for row in rows] == [(annas.pk, None)]
