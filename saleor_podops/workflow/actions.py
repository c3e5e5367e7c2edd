"""Moving production items through the workflow. Each action: one transaction, the move checked
against the transition table, its timeline event, the order's stage refreshed (and mirrored to Saleor
through the outbox), assignment of the item's new stage and of the capacity it freed.

Lock order everywhere: order, item, person (all FOR NO KEY UPDATE on PostgreSQL).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from saleor_podops.production import actions as production_actions
from saleor_podops.production.models import (
    ActorType,
    EventType,
    OrderStatus,
    ProductionItem,
    ProductionOrder,
)
from saleor_podops.production.saleor_sync import sync_order_state
from saleor_podops.production.signals import item_stage_entered
from saleor_podops.production.stages import Stage
from saleor_podops.production.timeline import Actor, record_event
from saleor_podops.staff.assignment import (
    assignment_release,
    item_assign_manually,
    item_auto_assign,
    staff_fill,
)
from saleor_podops.staff.models import Assignment, StaffMember
from saleor_podops.staff.roles import AUTO_ASSIGNED_STAGES, STAGE_ROLES

from .error_codes import WorkflowErrorCode
from .flow import flow_for
from .models import COMMENT_REQUIRED_CODES
from .reasons import reason_codes_for
from .transitions import (
    REJECTIONS,
    ItemState,
    Person,
    PersonKind,
    Refusal,
    WorkflowAction,
    check,
    target_stage,
)

MAX_COMMENT_LENGTH = 5000

_EVENT_TYPES = {
    WorkflowAction.REJECT_IMAGE: EventType.REJECTED,
    WorkflowAction.QC_REJECT: EventType.REJECTED,
    WorkflowAction.CUSTOMER_REJECT: EventType.REJECTED,
    WorkflowAction.HOLD: EventType.HELD,
    WorkflowAction.RESUME: EventType.RESUMED,
    WorkflowAction.SKIP_STAGE: EventType.STAGE_SKIPPED,
}
_REWORK_SOURCES = {
    WorkflowAction.QC_REJECT: Stage.ARTWORK_QC,
    WorkflowAction.CUSTOMER_REJECT: Stage.CUSTOMER_APPROVAL,
}


class WorkflowRefused(ValidationError):
    """A refused move, carrying its code (permission codes become permission errors)."""

    def __init__(self, refusal: Refusal, field: str = "id") -> None:
        super().__init__({field: ValidationError(refusal.message, code=refusal.code.value)})
        self.refusal = refusal


def refuse(code: WorkflowErrorCode, message: str, field: str = "id") -> WorkflowRefused:
    return WorkflowRefused(Refusal(code, message), field)


def actor_of(person: Person) -> Actor:
    kind = {
        PersonKind.STAFF: ActorType.STAFF,
        PersonKind.CUSTOMER: ActorType.CUSTOMER,
        PersonKind.SYSTEM: ActorType.SYSTEM,
    }[person.kind]
    return Actor(kind, person.user_id, person.email)


def first_stage_for(*, installation_id: int, product_type_slug: str) -> Stage:
    """Where a new item starts: the first stage that is on for its product type."""
    return flow_for(
        installation_id=installation_id, product_type_slug=product_type_slug
    ).first_stage()


def item_state(item: ProductionItem, assignment: Assignment | None) -> ItemState:
    return item_state_held_by(item, assignment.staff.saleor_user_id if assignment else "")


def item_state_held_by(item: ProductionItem, holder_user_id: str) -> ItemState:
    """The item's state when who holds it is known already ("" for nobody)."""
    return ItemState(
        stage=Stage(item.stage),
        hold_return_stage=item.hold_return_stage,
        assignee_user_id=holder_user_id,
    )


@dataclass
class _Locked:
    item: ProductionItem
    assignment: Assignment | None


def _lock(item: ProductionItem) -> _Locked:
    ProductionOrder.objects.select_for_update(no_key=True).filter(pk=item.order_id).first()
    locked = (
        ProductionItem.objects.select_for_update(no_key=True, of=("self",))
        .select_related("order", "order__installation")
        .get(pk=item.pk)
    )
    assignment = (
        Assignment.objects.select_related("staff")
        .filter(item=locked, released_at__isnull=True)
        .first()
    )
    return _Locked(locked, assignment)


def _check(action: WorkflowAction, locked: _Locked, person: Person) -> None:
    item = locked.item
    flow = flow_for(installation_id=item.installation_id, product_type_slug=item.product_type_slug)
    refusal = check(action, item_state(item, locked.assignment), person, flow)
    if refusal is not None:
        raise WorkflowRefused(refusal)


def _clean_comment(comment: str) -> str:
    comment = comment.strip()
    if len(comment) > MAX_COMMENT_LENGTH:
        raise refuse(
            WorkflowErrorCode.INVALID,
            f"Comments are at most {MAX_COMMENT_LENGTH} characters.",
            field="comment",
        )
    return comment


def _check_reason(*, installation_id: int, reason_code: str, comment: str) -> None:
    active = {code.code for code in reason_codes_for(installation_id, active_only=True)}
    if reason_code not in active:
        raise refuse(
            WorkflowErrorCode.INVALID_REASON_CODE,
            f"Unknown reason code {reason_code!r}; use one of: {', '.join(sorted(active))}.",
            field="reason_code",
        )
    if reason_code in COMMENT_REQUIRED_CODES and not comment:
        raise refuse(
            WorkflowErrorCode.COMMENT_REQUIRED,
            f"Say what is wrong in a comment when the reason is {reason_code}.",
            field="comment",
        )


def _move(
    action: WorkflowAction,
    *,
    item: ProductionItem,
    person: Person,
    reason_code: str = "",
    comment: str = "",
) -> ProductionItem:
    comment = _clean_comment(comment)
    actor = actor_of(person)
    with transaction.atomic():
        locked = _lock(item)
        item = locked.item
        _check(action, locked, person)
        if action in REJECTIONS:
            _check_reason(
                installation_id=item.installation_id, reason_code=reason_code, comment=comment
            )
        flow = flow_for(
            installation_id=item.installation_id, product_type_slug=item.product_type_slug
        )
        old_stage = Stage(item.stage)
        new_stage = target_stage(action, item_state(item, locked.assignment), flow)

        freed: StaffMember | None = None
        if locked.assignment is not None:
            if action == WorkflowAction.SUBMIT_ARTWORK:
                item.artist_user_id = locked.assignment.staff.saleor_user_id
            freed = assignment_release(item=item, actor=actor, reason=f"Left {old_stage.label}")
        elif action == WorkflowAction.SUBMIT_ARTWORK:
            item.artist_user_id = person.user_id

        if action == WorkflowAction.HOLD:
            item.hold_return_stage = old_stage
        elif action == WorkflowAction.RESUME:
            item.hold_return_stage = ""
        if action in REJECTIONS:
            item.rejection_count += 1
        entering_artwork = new_stage == Stage.ARTWORK and old_stage != Stage.ARTWORK
        if entering_artwork and action != WorkflowAction.RESUME:
            item.artwork_round += 1
            item.rework_source = _REWORK_SOURCES.get(action, "")
        item.stage = new_stage
        item.stage_entered_at = timezone.now()
        item.save(
            update_fields=[
                "stage",
                "stage_entered_at",
                "hold_return_stage",
                "rejection_count",
                "artwork_round",
                "rework_source",
                "artist_user_id",
                "updated_at",
            ]
        )
        record_event(
            order=item.order,
            item=item,
            type=_EVENT_TYPES.get(action, EventType.STAGE_CHANGED),
            actor=actor,
            from_stage=old_stage,
            to_stage=new_stage,
            reason_code=reason_code,
            comment=comment,
            data={"action": action.value, "round": item.artwork_round},
        )
        item_stage_entered.send(
            sender=ProductionItem, item=item, from_stage=old_stage, to_stage=new_stage
        )
        if new_stage in AUTO_ASSIGNED_STAGES:
            item_auto_assign(item=item)
        production_actions.order_refresh_stage(order=item.order, actor=actor)
        if new_stage == Stage.SHIPPED:
            _order_close_if_shipped(order=item.order)
        if freed is not None:
            staff_fill(staff_pk=freed.pk)
    return item


def _order_close_if_shipped(*, order: ProductionOrder) -> None:
    """When every live item has shipped the order is complete (``shipped_at`` set once), and
    Saleor's ``podops.status`` says so (the stage went to Saleor before the order completed)."""
    stages = set(order.items.exclude(stage=Stage.CANCELLED).values_list("stage", flat=True))
    if stages != {Stage.SHIPPED} or order.shipped_at is not None:
        return
    order.shipped_at = timezone.now()
    order.status = OrderStatus.COMPLETED
    order.save(update_fields=["shipped_at", "status", "updated_at"])
    sync_order_state(order)


def item_approve_image(
    *, item: ProductionItem, person: Person, comment: str = ""
) -> ProductionItem:
    return _move(WorkflowAction.APPROVE_IMAGE, item=item, person=person, comment=comment)


def item_reject_image(
    *, item: ProductionItem, person: Person, reason_code: str, comment: str = ""
) -> ProductionItem:
    """The customer's photo will not do: the item waits for a new one (or the go-ahead)."""
    return _move(
        WorkflowAction.REJECT_IMAGE,
        item=item,
        person=person,
        reason_code=reason_code,
        comment=comment,
    )


def item_customer_replace_photo(
    *, item: ProductionItem, person: Person, comment: str = ""
) -> ProductionItem:
    return _move(WorkflowAction.CUSTOMER_REPLACE_PHOTO, item=item, person=person, comment=comment)


def item_customer_go_ahead(
    *, item: ProductionItem, person: Person, comment: str = ""
) -> ProductionItem:
    return _move(WorkflowAction.CUSTOMER_GO_AHEAD, item=item, person=person, comment=comment)


def artwork_submit(*, item: ProductionItem, person: Person, comment: str = "") -> ProductionItem:
    """The artist is done (the artwork issue attaches the files before calling this)."""
    return _move(WorkflowAction.SUBMIT_ARTWORK, item=item, person=person, comment=comment)


def qc_approve(*, item: ProductionItem, person: Person, comment: str = "") -> ProductionItem:
    return _move(WorkflowAction.QC_APPROVE, item=item, person=person, comment=comment)


def qc_reject(
    *, item: ProductionItem, person: Person, reason_code: str, comment: str = ""
) -> ProductionItem:
    return _move(
        WorkflowAction.QC_REJECT, item=item, person=person, reason_code=reason_code, comment=comment
    )


def customer_approve(*, item: ProductionItem, person: Person, comment: str = "") -> ProductionItem:
    return _move(WorkflowAction.CUSTOMER_APPROVE, item=item, person=person, comment=comment)


def customer_reject(
    *, item: ProductionItem, person: Person, reason_code: str, comment: str = ""
) -> ProductionItem:
    return _move(
        WorkflowAction.CUSTOMER_REJECT,
        item=item,
        person=person,
        reason_code=reason_code,
        comment=comment,
    )


def item_hold(*, item: ProductionItem, person: Person, comment: str = "") -> ProductionItem:
    """Park the item; its holder gets the capacity back. It resumes to the stage it left."""
    return _move(WorkflowAction.HOLD, item=item, person=person, comment=comment)


def item_resume(*, item: ProductionItem, person: Person, comment: str = "") -> ProductionItem:
    return _move(WorkflowAction.RESUME, item=item, person=person, comment=comment)


def item_skip_stage(*, item: ProductionItem, person: Person, comment: str = "") -> ProductionItem:
    return _move(WorkflowAction.SKIP_STAGE, item=item, person=person, comment=comment)


def item_send_to_partner(
    *, item: ProductionItem, person: Person, comment: str = ""
) -> ProductionItem:
    """The item leaves the fulfilment queue for the print partner (the fulfilment package sends it)."""
    return _move(WorkflowAction.SEND_TO_PARTNER, item=item, person=person, comment=comment)


def item_ship(*, item: ProductionItem, person: Person, comment: str = "") -> ProductionItem:
    """The item left in a parcel; the order completes when its last live item ships."""
    return _move(WorkflowAction.SHIP, item=item, person=person, comment=comment)


def item_cancel_at_partner(
    *, item: ProductionItem, person: Person, comment: str = ""
) -> ProductionItem:
    """The partner's job for the item was cancelled: the item will not be made."""
    return _move(WorkflowAction.CANCEL_AT_PARTNER, item=item, person=person, comment=comment)


def item_requeue(*, item: ProductionItem, person: Person, comment: str = "") -> ProductionItem:
    """The partner failed the item's job: back to the fulfilment queue (and to a fulfiller)."""
    return _move(WorkflowAction.REQUEUE, item=item, person=person, comment=comment)


def item_reassign(
    *, item: ProductionItem, person: Person, assignee_user_id: str, comment: str = ""
) -> ProductionItem:
    """A manager hands the item to a person holding the stage's role (capacity may be passed)."""
    comment = _clean_comment(comment)
    actor = actor_of(person)
    with transaction.atomic():
        locked = _lock(item)
        item = locked.item
        _check(WorkflowAction.REASSIGN, locked, person)
        role = STAGE_ROLES[Stage(item.stage)]
        assignee = (
            StaffMember.objects.filter(
                installation_id=item.installation_id,
                saleor_user_id=assignee_user_id,
                roles__role=role,
            )
            .distinct()
            .first()
        )
        if assignee is None:
            raise refuse(
                WorkflowErrorCode.ASSIGNEE_NOT_ELIGIBLE,
                f"The new assignee must be a staff member with the {role.value} role.",
                field="assignee",
            )
        if locked.assignment is not None and locked.assignment.staff_id == assignee.pk:
            return item
        freed = None
        if locked.assignment is not None:
            freed = assignment_release(item=item, actor=actor, reason=comment or "Reassigned")
        item_assign_manually(item=item, staff=assignee, actor=actor)
        if freed is not None:
            staff_fill(staff_pk=freed.pk)
    return item


def item_comment(
    *, item: ProductionItem, person: Person, comment: str, internal: bool = True
) -> ProductionItem:
    comment = _clean_comment(comment)
    if not comment:
        raise refuse(WorkflowErrorCode.COMMENT_REQUIRED, "Write a comment.", field="comment")
    with transaction.atomic():
        locked = _lock(item)
        _check(WorkflowAction.COMMENT, locked, person)
        record_event(
            order=locked.item.order,
            item=locked.item,
            type=EventType.COMMENT,
            actor=actor_of(person),
            comment=comment,
            is_internal=internal,
        )
    return locked.item
