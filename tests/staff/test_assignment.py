"""Automatic assignment: most free capacity, waited longest, skills, weights, the queue, and work
going back to its artist."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone

from saleor_podops.production.models import ProductionItem
from saleor_podops.production.stages import Stage
from saleor_podops.production.timeline import SYSTEM
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.actions import (
    complexity_weight_delete,
    complexity_weight_set,
    staff_away_update,
    staff_capacity_update,
    staff_role_assign,
)
from saleor_podops.staff.assignment import queue_fill
from saleor_podops.staff.models import Assignment, ComplexityWeight, StaffMember
from saleor_podops.staff.roles import Role
from saleor_podops.workflow import actions
from saleor_podops.workflow.flow import FlowSwitches, flow_settings_update
from saleor_podops.workflow.transitions import Person, PersonKind

from ..staff_api import first_item, paid_order, staff_member

pytestmark = pytest.mark.django_db

ARTIST_A, ARTIST_B, ARTIST_C = "VXNlcjoxMQ==", "VXNlcjoxMg==", "VXNlcjoxMw=="
QC = "VXNlcjoxNA=="
MANAGER = Person(PersonKind.STAFF, "VXNlcjoy", frozenset({Role.MANAGER}))


@pytest.fixture
def artwork_first(installation: Installation) -> Installation:
    """Items start in ARTWORK, so every new item is an artist's."""
    flow_settings_update(
        installation=installation, switches=FlowSwitches(image_review_enabled=False)
    )
    return installation


def holder(item: ProductionItem) -> str | None:
    assignment = Assignment.objects.filter(item=item, released_at__isnull=True).first()
    return assignment.staff.saleor_user_id if assignment else None


def new_item(
    installation: Installation, number: str, product_type: str = "portrait"
) -> ProductionItem:
    return first_item(paid_order(installation, number, product_types=(product_type,)))


def loads() -> dict[str, tuple[int, int]]:
    return {m.saleor_user_id: (m.load, m.capacity) for m in StaffMember.objects.all()}


def test_the_person_with_most_free_capacity_gets_the_item(artwork_first: Installation) -> None:
    staff_member(artwork_first, ARTIST_A, Role.ARTIST, capacity=3)
    staff_member(artwork_first, ARTIST_B, Role.ARTIST, capacity=5)

    item = new_item(artwork_first, "1001")

    assert holder(item) == ARTIST_B


def test_ties_go_to_whoever_waited_longest(artwork_first: Installation) -> None:
    a = staff_member(artwork_first, ARTIST_A, Role.ARTIST, capacity=5)
    b = staff_member(artwork_first, ARTIST_B, Role.ARTIST, capacity=5)
    now = timezone.now()
    StaffMember.objects.filter(pk=a.pk).update(last_assigned_at=now - timedelta(minutes=1))
    StaffMember.objects.filter(pk=b.pk).update(last_assigned_at=now - timedelta(minutes=9))

    first = new_item(artwork_first, "1001")
    second = new_item(artwork_first, "1002")

    # B waited longer; then A has more free capacity
    assert (holder(first), holder(second)) == (ARTIST_B, ARTIST_A)


def test_skills_and_away_limit_who_can_take_an_item(artwork_first: Installation) -> None:
    staff_member(artwork_first, ARTIST_A, Role.ARTIST, capacity=9, skills=["mug"])
    staff_member(artwork_first, ARTIST_B, Role.ARTIST, capacity=9, is_away=True)
    staff_member(artwork_first, ARTIST_C, Role.ARTIST, capacity=1)

    portrait = new_item(artwork_first, "1001", "portrait")
    mug = new_item(artwork_first, "1002", "mug")
    waiting = new_item(artwork_first, "1003", "portrait")

    assert (holder(portrait), holder(mug), holder(waiting)) == (ARTIST_C, ARTIST_A, None)


def test_a_heavy_item_needs_that_much_free_capacity(artwork_first: Installation) -> None:
    complexity_weight_set(installation=artwork_first, product_type_slug="canvas", weight=3)
    staff_member(artwork_first, ARTIST_A, Role.ARTIST, capacity=2)

    heavy = new_item(artwork_first, "1001", "canvas")
    light = new_item(artwork_first, "1002", "portrait")

    assert (holder(heavy), holder(light)) == (None, ARTIST_A)
    staff_capacity_update(member=StaffMember.objects.get(saleor_user_id=ARTIST_A), capacity=4)
    assert holder(heavy) == ARTIST_A
    assert loads() == {ARTIST_A: (4, 4)}


def open_weights() -> dict[str, int]:
    return dict(
        Assignment.objects.filter(released_at__isnull=True).values_list(
            "item__order__number", "weight"
        )
    )


@pytest.mark.parametrize("back_to_default", ["removed", "set_to_1"])
def test_removing_a_weight_is_setting_it_to_1_and_held_items_keep_their_units(
    artwork_first: Installation, back_to_default: str
) -> None:
    # given an artist holding a canvas item that weighs 3
    complexity_weight_set(installation=artwork_first, product_type_slug="canvas", weight=3)
    staff_member(artwork_first, ARTIST_A, Role.ARTIST, capacity=5)
    staff_member(artwork_first, QC, Role.ART_QC, capacity=5)
    held = new_item(artwork_first, "1001", "canvas")
    assert loads() == {ARTIST_A: (3, 5), QC: (0, 5)}

    # when the weight goes back to the default
    if back_to_default == "removed":
        complexity_weight_delete(installation=artwork_first, product_type_slug="canvas")
    else:
        complexity_weight_set(installation=artwork_first, product_type_slug="canvas", weight=1)

    # then the held item keeps its 3 units, and a new canvas item takes 1
    assert loads() == {ARTIST_A: (3, 5), QC: (0, 5)}
    new_item(artwork_first, "1002", "canvas")
    assert open_weights() == {"1001": 3, "1002": 1}
    assert loads() == {ARTIST_A: (4, 5), QC: (0, 5)}

    # and finishing the held item gives its 3 units back; at QC it takes 1
    actions.artwork_submit(
        item=held, person=Person(PersonKind.STAFF, ARTIST_A, frozenset({Role.ARTIST}))
    )
    assert open_weights() == {"1001": 1, "1002": 1}
    assert loads() == {ARTIST_A: (1, 5), QC: (1, 5)}


@pytest.mark.parametrize("lighter", ["removed", "lowered"])
def test_a_lighter_weight_hands_out_waiting_items_it_lets_fit_once_it_commits(
    artwork_first: Installation, lighter: str, django_capture_on_commit_callbacks: Any
) -> None:
    # given a canvas item waiting: it weighs 3, and the artist has room for 2
    complexity_weight_set(installation=artwork_first, product_type_slug="canvas", weight=3)
    staff_member(artwork_first, ARTIST_A, Role.ARTIST, capacity=2)
    waiting = new_item(artwork_first, "1001", "canvas")
    assert holder(waiting) is None

    # when a manager raises it, nothing is handed out
    with django_capture_on_commit_callbacks(execute=True) as scheduled:
        complexity_weight_set(installation=artwork_first, product_type_slug="canvas", weight=4)
    assert (holder(waiting), len(scheduled)) == (None, 0)

    # when the weight is removed (1 unit) or lowered to 2
    with django_capture_on_commit_callbacks(execute=True) as scheduled:
        if lighter == "removed":
            complexity_weight_delete(installation=artwork_first, product_type_slug="canvas")
        else:
            complexity_weight_set(installation=artwork_first, product_type_slug="canvas", weight=2)

    # then the waiting item goes to the artist at its new weight once the change commits
    assert len(scheduled) == 1
    assert holder(waiting) == ARTIST_A
    expected = 1 if lighter == "removed" else 2
    assert open_weights() == {"1001": expected}
    assert loads() == {ARTIST_A: (expected, 2)}


def test_removing_a_weight_not_set_is_refused_and_changes_nothing(
    artwork_first: Installation,
) -> None:
    complexity_weight_set(installation=artwork_first, product_type_slug="canvas", weight=3)

    with pytest.raises(ValidationError) as refused:
        complexity_weight_delete(installation=artwork_first, product_type_slug="mug")

    assert refused.value.message_dict == {
        "product_type_slug": ["The product type 'mug' has no complexity weight"]
    }
    assert [e.code for e in refused.value.error_dict["product_type_slug"]] == ["NOT_FOUND"]
    assert list(
        ComplexityWeight.objects.values_list("installation", "product_type_slug", "weight")
    ) == [(artwork_first.pk, "canvas", 3)]


def test_waiting_items_are_handed_out_as_soon_as_capacity_frees(
    artwork_first: Installation,
) -> None:
    # given one artist with room for one item, and three items
    staff_member(artwork_first, ARTIST_A, Role.ARTIST, capacity=1)
    staff_member(artwork_first, QC, Role.ART_QC, capacity=10)
    first, second, third = (new_item(artwork_first, n) for n in ("1001", "1002", "1003"))
    assert [holder(i) for i in (first, second, third)] == [ARTIST_A, None, None]

    # when the artist finishes the first: the oldest waiting one is theirs
    actions.artwork_submit(
        item=first, person=Person(PersonKind.STAFF, ARTIST_A, frozenset({Role.ARTIST}))
    )
    assert [holder(i) for i in (first, second, third)] == [QC, ARTIST_A, None]

    # when another artist comes back from away: the last one is theirs
    away = staff_member(artwork_first, ARTIST_B, Role.ARTIST, capacity=1, is_away=True)
    assert holder(third) is None
    staff_away_update(member=away, is_away=False)
    assert holder(third) == ARTIST_B

    # and a new role holder takes waiting work at once
    fourth = new_item(artwork_first, "1004")
    assert holder(fourth) is None
    staff_role_assign(installation=artwork_first, user_id=ARTIST_C, role=Role.ARTIST, actor=SYSTEM)
    assert holder(fourth) == ARTIST_C


def test_rejected_work_waits_for_its_artist_while_they_are_available(
    artwork_first: Installation,
) -> None:
    # given A made the artwork and QC rejects it while A is full and B has room
    staff_member(artwork_first, ARTIST_A, Role.ARTIST, capacity=1)
    staff_member(artwork_first, QC, Role.ART_QC, capacity=10)
    item = new_item(artwork_first, "1001")
    artist_a = Person(PersonKind.STAFF, ARTIST_A, frozenset({Role.ARTIST}))
    actions.artwork_submit(item=item, person=artist_a)
    filler = new_item(artwork_first, "1002")
    assert holder(filler) == ARTIST_A
    staff_member(artwork_first, ARTIST_B, Role.ARTIST, capacity=5)
    qc = Person(PersonKind.STAFF, QC, frozenset({Role.ART_QC}))
    actions.qc_reject(item=item, person=qc, reason_code="COLOURS")

    # then it waits for A, not B
    item.refresh_from_db()
    assert (item.stage, holder(item)) == (Stage.ARTWORK, None)

    # when A finishes the other item: A gets the rejected one back first
    actions.artwork_submit(item=filler, person=artist_a)
    assert holder(item) == ARTIST_A


def test_rejected_work_goes_to_anyone_when_its_artist_is_away(artwork_first: Installation) -> None:
    a = staff_member(artwork_first, ARTIST_A, Role.ARTIST, capacity=1)
    staff_member(artwork_first, QC, Role.ART_QC, capacity=10)
    item = new_item(artwork_first, "1001")
    actions.artwork_submit(
        item=item, person=Person(PersonKind.STAFF, ARTIST_A, frozenset({Role.ARTIST}))
    )
    staff_away_update(member=a, is_away=True)
    staff_member(artwork_first, ARTIST_B, Role.ARTIST, capacity=5)

    actions.qc_reject(
        item=item, person=Person(PersonKind.STAFF, QC, frozenset({Role.ART_QC})), reason_code="TYPO"
    )

    assert holder(item) == ARTIST_B


def test_nobody_is_ever_over_capacity_and_load_matches_the_assignments(
    artwork_first: Installation,
) -> None:
    complexity_weight_set(installation=artwork_first, product_type_slug="canvas", weight=2)
    for user_id, capacity in ((ARTIST_A, 3), (ARTIST_B, 4), (ARTIST_C, 2)):
        staff_member(artwork_first, user_id, Role.ARTIST, capacity=capacity)
    for number in range(1001, 1013):
        paid_order(
            artwork_first,
            str(number),
            product_types=("canvas" if number % 3 == 0 else "portrait",),
            assign=False,
        )

    assigned = queue_fill(installation_id=artwork_first.pk)

    for member in StaffMember.objects.all():
        held = Assignment.objects.filter(staff=member, released_at__isnull=True).aggregate(
            total=Sum("weight")
        )["total"]
        assert member.load == (held or 0) <= member.capacity
    assert sum(m.load for m in StaffMember.objects.all()) == 9
    assert assigned == Assignment.objects.count()
    assert ProductionItem.objects.filter(stage=Stage.ARTWORK).count() == 12
