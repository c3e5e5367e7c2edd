"""Handing work out by free capacity.

Rules (README "Assignment"): an item entering an auto-assigned stage goes to the available person
of that stage's role with the most free capacity who may take its product type (skills); ties go to
whoever waited longest. An item sent back to ARTWORK goes back to the artist who made it while that
artist is available (it waits for them if they are full). When nobody has room the item waits in
the stage's queue and is handed out as soon as capacity frees.

Concurrency (PostgreSQL): the item row is locked before it is assigned, an open assignment is unique
per item (constraint), and a person's ``load`` only changes with their row locked and re-read, in a
savepoint so a refused candidate's lock is let go at once. Lock order is always item, then person;
filling a person's free capacity locks the person first but takes items with SKIP LOCKED, so it never
waits on an item. Hence no double assignment, no one over capacity, no deadlock.
"""

from __future__ import annotations

import enum
import logging
import secrets

from django.db import IntegrityError, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Greatest
from django.utils import timezone

from saleor_podops.production.models import EventType, ProductionItem
from saleor_podops.production.stages import Stage
from saleor_podops.production.timeline import SYSTEM, Actor, record_event

from .models import Assignment, ComplexityWeight, StaffMember
from .roles import AUTO_ASSIGNED_STAGES, STAGE_ROLES, Role

logger = logging.getLogger(__name__)

MAX_UNPLACEABLE_PER_RUN = 500
QUEUE_BATCH = 200


class _NoRoom(Exception):
    pass


class _ItemTaken(Exception):
    pass


class _PersonBusy(Exception):
    """Another worker holds the person's row right now (SKIP LOCKED)."""


DEFAULT_WEIGHT = 1  # work units of an item whose product type has no complexity weight


def weights_for(installation_id: int) -> dict[str, int]:
    return dict(
        ComplexityWeight.objects.filter(installation_id=installation_id).values_list(
            "product_type_slug", "weight"
        )
    )


def weight_for(*, installation_id: int, product_type_slug: str) -> int:
    weight = (
        ComplexityWeight.objects.filter(
            installation_id=installation_id, product_type_slug=product_type_slug
        )
        .values_list("weight", flat=True)
        .first()
    )
    return weight or DEFAULT_WEIGHT


def open_assignment_exists() -> Exists:
    return Exists(Assignment.objects.filter(item=OuterRef("pk"), released_at__isnull=True))


def waiting_items(installation_id: int) -> QuerySet[ProductionItem]:
    """Items in an auto-assigned stage that nobody holds."""
    return ProductionItem.objects.filter(
        installation_id=installation_id, stage__in=AUTO_ASSIGNED_STAGES
    ).filter(~open_assignment_exists())


def _queue_order(qs: QuerySet[ProductionItem]) -> QuerySet[ProductionItem]:
    return qs.order_by("-order__priority", "stage_entered_at", "id")


def _reserved_artist(item: ProductionItem) -> StaffMember | None:
    """The artist a reworked item goes back to, while they are available."""
    if item.stage != Stage.ARTWORK or not item.rework_source or not item.artist_user_id:
        return None
    return (
        StaffMember.objects.filter(
            installation_id=item.installation_id,
            saleor_user_id=item.artist_user_id,
            is_away=False,
            roles__role=Role.ARTIST,
        )
        .distinct()
        .first()
    )


def _candidates(item: ProductionItem, role: Role, weight: int) -> list[StaffMember]:
    people = (
        StaffMember.objects.filter(
            installation_id=item.installation_id, is_away=False, roles__role=role
        )
        .annotate(free=F("capacity") - F("load"))
        .filter(free__gte=weight)
        .order_by("-free", F("last_assigned_at").asc(nulls_first=True), "id")
    )
    return [person for person in people if person.can_take(item.product_type_slug)]


def _assign_to(
    *,
    item: ProductionItem,
    staff_pk: int,
    weight: int,
    actor: Actor,
    manual: bool = False,
    skip_locked: bool = False,
) -> Assignment:
    """Assign inside a savepoint with the person's row locked and re-read."""
    with transaction.atomic():
        staff_row = (
            StaffMember.objects.select_for_update(skip_locked=skip_locked)
            .filter(pk=staff_pk)
            .first()
        )
        if staff_row is None:
            raise _PersonBusy
        staff = staff_row
        if not manual and (staff.is_away or staff.capacity - staff.load < weight):
            raise _NoRoom
        try:
            assignment = Assignment.objects.create(
                installation_id=item.installation_id,
                item=item,
                staff=staff,
                stage=item.stage,
                weight=weight,
            )
        except IntegrityError as exc:
            raise _ItemTaken from exc
        now = timezone.now()
        StaffMember.objects.filter(pk=staff.pk).update(
            load=F("load") + weight, last_assigned_at=now, updated_at=now
        )
    record_event(
        order=item.order,
        item=item,
        type=EventType.ASSIGNED,
        actor=actor,
        to_stage=item.stage,
        data={
            "assignee": staff.saleor_user_id,
            "assignee_email": staff.email,
            "weight": weight,
            "manual": manual,
            "over_capacity": staff.load + weight > staff.capacity,
        },
    )
    return assignment


def item_auto_assign(
    *,
    item: ProductionItem,
    actor: Actor = SYSTEM,
    weights: dict[str, int] | None = None,
    known_unassigned: bool = False,
) -> Assignment | None:
    """Hand the item (locked by the caller, in its transaction) to the best person with room.
    Returns None when it waits in the queue. ``weights`` and ``known_unassigned`` spare queries
    when the caller already knows them."""
    if item.stage not in AUTO_ASSIGNED_STAGES:
        return None
    if (
        not known_unassigned
        and Assignment.objects.filter(item=item, released_at__isnull=True).exists()
    ):
        return None
    role = STAGE_ROLES[Stage(item.stage)]
    weight = (
        weights.get(item.product_type_slug, DEFAULT_WEIGHT)
        if weights is not None
        else weight_for(
            installation_id=item.installation_id, product_type_slug=item.product_type_slug
        )
    )
    reserved = _reserved_artist(item)
    candidates = [reserved] if reserved is not None else _candidates(item, role, weight)
    # First pass: skip people another worker is assigning to at this instant (their free capacity
    # is shrinking anyway), so concurrent workers spread over people instead of queueing on one
    # row. Second pass: wait for the ones that were busy.
    busy = []
    for candidate in candidates:
        try:
            return _assign_to(
                item=item, staff_pk=candidate.pk, weight=weight, actor=actor, skip_locked=True
            )
        except _PersonBusy:
            busy.append(candidate)
        except _NoRoom:
            continue
        except _ItemTaken:
            return None
    for candidate in busy:
        try:
            return _assign_to(item=item, staff_pk=candidate.pk, weight=weight, actor=actor)
        except _NoRoom:
            continue
        except _ItemTaken:
            return None
    return None


def item_assign_manually(*, item: ProductionItem, staff: StaffMember, actor: Actor) -> Assignment:
    """A manager's choice: may pass the person's capacity (recorded on the timeline)."""
    weight = weight_for(
        installation_id=item.installation_id, product_type_slug=item.product_type_slug
    )
    return _assign_to(item=item, staff_pk=staff.pk, weight=weight, actor=actor, manual=True)


def assignment_release(*, item: ProductionItem, actor: Actor, reason: str) -> StaffMember | None:
    """Close the item's open assignment (the item is locked by the caller) and give the person
    their units back. Returns that person, whose freed capacity the caller should fill."""
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("staff")
        .filter(item=item, released_at__isnull=True)
        .first()
    )
    if assignment is None:
        return None
    now = timezone.now()
    assignment.released_at = now
    assignment.save(update_fields=["released_at"])
    StaffMember.objects.filter(pk=assignment.staff_id).update(
        load=Greatest(F("load") - assignment.weight, Value(0)), updated_at=now
    )
    record_event(
        order=item.order,
        item=item,
        type=EventType.UNASSIGNED,
        actor=actor,
        from_stage=assignment.stage,
        comment=reason,
        data={
            "assignee": assignment.staff.saleor_user_id,
            "assignee_email": assignment.staff.email,
        },
    )
    return assignment.staff


def staff_fill(*, staff_pk: int, actor: Actor = SYSTEM) -> int:
    """Give one person waiting items up to their free capacity (their reserved rework first).
    Runs in the caller's transaction (or its own). Returns how many items they got."""
    with transaction.atomic():
        staff = StaffMember.objects.select_for_update().filter(pk=staff_pk).first()
        if staff is None or staff.is_away or staff.load >= staff.capacity:
            return 0
        roles = set(staff.roles.values_list("role", flat=True))
        stages = [stage for stage in AUTO_ASSIGNED_STAGES if STAGE_ROLES[stage] in roles]
        if not stages:
            return 0
        other_available_artists = (
            StaffMember.objects.filter(
                installation_id=staff.installation_id, is_away=False, roles__role=Role.ARTIST
            )
            .exclude(pk=staff.pk)
            .values("saleor_user_id")
        )
        reworked = Q(stage=Stage.ARTWORK) & ~Q(rework_source="")
        queue = waiting_items(staff.installation_id).filter(stage__in=stages)
        queue = queue.exclude(reworked & Q(artist_user_id__in=other_available_artists))
        if staff.skills:
            queue = queue.filter(product_type_slug__in=staff.skills)
        queue = queue.annotate(
            mine=Case(
                When(reworked & Q(artist_user_id=staff.saleor_user_id), then=Value(0)),
                default=Value(1),
            )
        ).order_by("mine", "-order__priority", "stage_entered_at", "id")
        free = staff.capacity - staff.load
        batch = list(
            queue.select_related("order").select_for_update(skip_locked=True, of=("self",))[
                : free * 2
            ]
        )
        weights = weights_for(staff.installation_id)
        given = 0
        for item in batch:
            weight = weights.get(item.product_type_slug, DEFAULT_WEIGHT)
            if weight > free:
                continue
            try:
                _assign_to(item=item, staff_pk=staff.pk, weight=weight, actor=actor)
            except (_NoRoom, _ItemTaken):
                continue
            free -= weight
            given += 1
            if free <= 0:
                break
        return given


def queue_fill(*, installation_id: int, stages: list[Stage] | None = None) -> int:
    """Hand out waiting items, one per transaction, until no waiting item fits anyone. Safe to run
    from many workers at once. Returns how many items were assigned.

    The queue is read in batches (one ordered query per batch, not per item); each item is then
    locked on its own with SKIP LOCKED, so workers reading the same batch never wait on each other's
    items. Workers start at different points of a batch to collide less; within a batch the order
    may therefore differ slightly from the strict queue order."""
    assigned = 0
    unplaceable: list[int] = []
    open_stages = set(stages or AUTO_ASSIGNED_STAGES)
    while open_stages and len(unplaceable) < MAX_UNPLACEABLE_PER_RUN:
        queue = (
            waiting_items(installation_id).filter(stage__in=open_stages).exclude(pk__in=unplaceable)
        )
        batch = list(_queue_order(queue).values_list("pk", flat=True)[:QUEUE_BATCH])
        if not batch:
            break
        weights = weights_for(installation_id)
        start = secrets.randbelow(len(batch))
        for pk in batch[start:] + batch[:start]:
            outcome = _fill_one(pk=pk, open_stages=open_stages, weights=weights)
            if outcome is _Outcome.ASSIGNED:
                assigned += 1
            elif isinstance(outcome, Stage):
                unplaceable.append(pk)
                if not _anyone_free(installation_id, outcome):
                    open_stages.discard(outcome)
            if not open_stages:
                break
    return assigned


class _Outcome(enum.Enum):
    ASSIGNED = "ASSIGNED"
    SKIPPED = "SKIPPED"  # taken by another worker, already held, or no longer waiting


def _fill_one(*, pk: int, open_stages: set[Stage], weights: dict[str, int]) -> _Outcome | Stage:
    """Assign one waiting item; answers the item's stage when nobody had room for it."""
    with transaction.atomic():
        item = (
            ProductionItem.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("order")
            .filter(pk=pk, stage__in=open_stages)
            .first()
        )
        if item is None or Assignment.objects.filter(item=item, released_at__isnull=True).exists():
            return _Outcome.SKIPPED
        if item_auto_assign(item=item, weights=weights, known_unassigned=True) is not None:
            return _Outcome.ASSIGNED
        return Stage(item.stage)


def _anyone_free(installation_id: int, stage: Stage) -> bool:
    return StaffMember.objects.filter(
        installation_id=installation_id,
        is_away=False,
        roles__role=STAGE_ROLES[stage],
        load__lt=F("capacity"),
    ).exists()
