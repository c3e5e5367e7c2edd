"""The production lifecycle as one small, pure table.

Each action names the stages it starts from, the stage it leads to (which may depend on the flow
settings) and its guards. A guard answers None (allowed) or a Refusal with a code and a message the UI
can show. ``check`` runs the table for one move; ``available_actions`` runs it for everything the
current person could do to an item. No database here: callers pass plain values.

Flow changes never strand items: an item already in a stage that has since been switched off
finishes that stage normally (its actions still work), and every move after that goes to the next
stage that is on. Held items resume to the stage they left, on or off.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from saleor_podops.production.stages import Stage
from saleor_podops.staff.roles import MANAGING_ROLES, STAGE_ROLES, Role

from .error_codes import WorkflowErrorCode


class WorkflowAction(StrEnum):
    APPROVE_IMAGE = "APPROVE_IMAGE"
    REJECT_IMAGE = "REJECT_IMAGE"
    CUSTOMER_REPLACE_PHOTO = "CUSTOMER_REPLACE_PHOTO"
    CUSTOMER_GO_AHEAD = "CUSTOMER_GO_AHEAD"
    SUBMIT_ARTWORK = "SUBMIT_ARTWORK"
    QC_APPROVE = "QC_APPROVE"
    QC_REJECT = "QC_REJECT"
    CUSTOMER_APPROVE = "CUSTOMER_APPROVE"
    CUSTOMER_REJECT = "CUSTOMER_REJECT"
    HOLD = "HOLD"
    RESUME = "RESUME"
    SKIP_STAGE = "SKIP_STAGE"
    REASSIGN = "REASSIGN"
    COMMENT = "COMMENT"
    SEND_TO_PARTNER = "SEND_TO_PARTNER"
    SHIP = "SHIP"
    CANCEL_AT_PARTNER = "CANCEL_AT_PARTNER"
    REQUEUE = "REQUEUE"


class PersonKind(StrEnum):
    STAFF = "STAFF"
    CUSTOMER = "CUSTOMER"
    SYSTEM = "SYSTEM"


# The main line; optional stages can be switched off. AWAITING_CUSTOMER sits beside IMAGE_REVIEW.
MAIN_LINE: tuple[Stage, ...] = (
    Stage.IMAGE_REVIEW,
    Stage.ARTWORK,
    Stage.ARTWORK_QC,
    Stage.CUSTOMER_APPROVAL,
    Stage.FULFILMENT_QUEUE,
    Stage.IN_PRODUCTION,
    Stage.SHIPPED,
)
OPTIONAL_STAGES = frozenset({Stage.IMAGE_REVIEW, Stage.ARTWORK_QC, Stage.CUSTOMER_APPROVAL})
SKIPPABLE_STAGES = frozenset(
    {Stage.IMAGE_REVIEW, Stage.AWAITING_CUSTOMER, Stage.ARTWORK_QC, Stage.CUSTOMER_APPROVAL}
)
HOLDABLE_STAGES = frozenset(
    {
        Stage.IMAGE_REVIEW,
        Stage.AWAITING_CUSTOMER,
        Stage.ARTWORK,
        Stage.ARTWORK_QC,
        Stage.CUSTOMER_APPROVAL,
        Stage.FULFILMENT_QUEUE,
    }
)
LIVE_STAGES = frozenset(set(Stage) - {Stage.CANCELLED, Stage.SHIPPED})
REJECTIONS = frozenset(
    {WorkflowAction.REJECT_IMAGE, WorkflowAction.QC_REJECT, WorkflowAction.CUSTOMER_REJECT}
)


@dataclass(frozen=True)
class Flow:
    """The effective flow settings for one item (installation settings + product type override)."""

    image_review: bool = True
    artwork_qc: bool = True
    customer_approval: bool = True
    skip_roles: Mapping[str, frozenset[Role]] = field(default_factory=dict)

    def is_enabled(self, stage: Stage) -> bool:
        return {
            Stage.IMAGE_REVIEW: self.image_review,
            Stage.ARTWORK_QC: self.artwork_qc,
            Stage.CUSTOMER_APPROVAL: self.customer_approval,
        }.get(stage, True)

    def first_stage(self) -> Stage:
        return next(stage for stage in MAIN_LINE if self.is_enabled(stage))

    def next_after(self, stage: Stage) -> Stage:
        """The next stage that is on after ``stage`` (AWAITING_CUSTOMER counts as image review)."""
        position = MAIN_LINE.index(
            Stage.IMAGE_REVIEW if stage == Stage.AWAITING_CUSTOMER else stage
        )
        return next(s for s in MAIN_LINE[position + 1 :] if self.is_enabled(s))


@dataclass(frozen=True)
class ItemState:
    stage: Stage
    hold_return_stage: str = ""
    assignee_user_id: str = ""


@dataclass(frozen=True)
class Person:
    kind: PersonKind
    user_id: str = ""
    roles: frozenset[Role] = frozenset()
    email: str = ""

    @property
    def is_manager(self) -> bool:
        return self.kind == PersonKind.STAFF and bool(self.roles & MANAGING_ROLES)


SYSTEM_PERSON = Person(PersonKind.SYSTEM)


@dataclass(frozen=True)
class Refusal:
    code: WorkflowErrorCode
    message: str


Guard = Callable[[ItemState, Person, Flow], Refusal | None]
Target = Callable[[ItemState, Flow], Stage]

_ROLE_NAMES = {
    Role.IMAGE_PROCESSOR: "an image processor",
    Role.ARTIST: "an artist",
    Role.ART_QC: "an art manager",
    Role.FULFILLER: "a fulfiller",
}


# Guards ------------------------------------------------------------------------------------------


def works_stage(item: ItemState, person: Person, flow: Flow) -> Refusal | None:
    """Staff holding the role of the item's stage, or a manager."""
    if person.is_manager or person.kind == PersonKind.SYSTEM:
        return None
    role = STAGE_ROLES.get(item.stage)
    if person.kind == PersonKind.STAFF and role is not None and role in person.roles:
        return None
    who = _ROLE_NAMES.get(role, "a manager") if role else "a manager"
    return Refusal(
        WorkflowErrorCode.ROLE_REQUIRED,
        f"Only {who} or a manager may act on an item in {item.stage.label}.",
    )


def assigned_to_artist(item: ItemState, person: Person, flow: Flow) -> Refusal | None:
    """Artists act only on the items they hold; managers on all."""
    if person.is_manager or person.kind == PersonKind.SYSTEM:
        return None
    if item.assignee_user_id and item.assignee_user_id == person.user_id:
        return None
    return Refusal(WorkflowErrorCode.NOT_ASSIGNED_TO_YOU, "This item is not assigned to you.")


def holds_item(item: ItemState, person: Person, flow: Flow) -> Refusal | None:
    """Workers of an assigned stage act only on the items they hold; managers on all."""
    return assigned_to_artist(item, person, flow)


def is_manager(item: ItemState, person: Person, flow: Flow) -> Refusal | None:
    if person.is_manager or person.kind == PersonKind.SYSTEM:
        return None
    return Refusal(WorkflowErrorCode.ROLE_REQUIRED, "Only a manager may do this.")


def is_customer_or_manager(item: ItemState, person: Person, flow: Flow) -> Refusal | None:
    """The customer of the order (their ownership is checked by the caller), or a manager
    recording the customer's answer."""
    if person.kind in {PersonKind.CUSTOMER, PersonKind.SYSTEM} or person.is_manager:
        return None
    return Refusal(
        WorkflowErrorCode.ROLE_REQUIRED, "Only the customer (or a manager for them) may do this."
    )


def may_skip(item: ItemState, person: Person, flow: Flow) -> Refusal | None:
    if item.stage not in SKIPPABLE_STAGES:
        return Refusal(
            WorkflowErrorCode.STAGE_NOT_SKIPPABLE, f"{item.stage.label} cannot be skipped."
        )
    if person.kind == PersonKind.SYSTEM or Role.ADMIN in person.roles:
        return None
    allowed = flow.skip_roles.get(item.stage.value, frozenset())
    if person.kind == PersonKind.STAFF and person.roles & allowed:
        return None
    return Refusal(
        WorkflowErrorCode.SKIP_NOT_ALLOWED,
        f"Your roles may not skip {item.stage.label} (flow settings).",
    )


def works_stage_or_artist_holds(item: ItemState, person: Person, flow: Flow) -> Refusal | None:
    refusal = works_stage(item, person, flow)
    if refusal is None and item.stage == Stage.ARTWORK:
        return assigned_to_artist(item, person, flow)
    return refusal


def fulfils(item: ItemState, person: Person, flow: Flow) -> Refusal | None:
    """Fulfillers and managers (and PodOps itself, acting on a partner's report)."""
    if person.is_manager or person.kind == PersonKind.SYSTEM:
        return None
    if person.kind == PersonKind.STAFF and Role.FULFILLER in person.roles:
        return None
    return Refusal(WorkflowErrorCode.ROLE_REQUIRED, "Only a fulfiller or a manager may do this.")


def has_return_stage(item: ItemState, person: Person, flow: Flow) -> Refusal | None:
    if item.hold_return_stage:
        return None
    return Refusal(WorkflowErrorCode.NOT_ON_HOLD, "The item has no stage to return to.")


# The table ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    sources: frozenset[Stage]
    target: Target | None  # None: the item stays where it is
    guards: tuple[Guard, ...]


def _next(stage: Stage) -> Target:
    return lambda item, flow: flow.next_after(stage)


def _fixed(stage: Stage) -> Target:
    return lambda item, flow: stage


def _after_new_photo(item: ItemState, flow: Flow) -> Stage:
    return Stage.IMAGE_REVIEW if flow.image_review else Stage.ARTWORK


def _resume(item: ItemState, flow: Flow) -> Stage:
    return Stage(item.hold_return_stage)


def _skip(item: ItemState, flow: Flow) -> Stage:
    return flow.next_after(item.stage)


TABLE: dict[WorkflowAction, Transition] = {
    WorkflowAction.APPROVE_IMAGE: Transition(
        frozenset({Stage.IMAGE_REVIEW}), _next(Stage.IMAGE_REVIEW), (works_stage,)
    ),
    WorkflowAction.REJECT_IMAGE: Transition(
        frozenset({Stage.IMAGE_REVIEW}), _fixed(Stage.AWAITING_CUSTOMER), (works_stage,)
    ),
    WorkflowAction.CUSTOMER_REPLACE_PHOTO: Transition(
        frozenset({Stage.AWAITING_CUSTOMER}), _after_new_photo, (is_customer_or_manager,)
    ),
    WorkflowAction.CUSTOMER_GO_AHEAD: Transition(
        frozenset({Stage.AWAITING_CUSTOMER}), _fixed(Stage.ARTWORK), (is_customer_or_manager,)
    ),
    WorkflowAction.SUBMIT_ARTWORK: Transition(
        frozenset({Stage.ARTWORK}), _next(Stage.ARTWORK), (works_stage, assigned_to_artist)
    ),
    WorkflowAction.QC_APPROVE: Transition(
        frozenset({Stage.ARTWORK_QC}), _next(Stage.ARTWORK_QC), (works_stage,)
    ),
    WorkflowAction.QC_REJECT: Transition(
        frozenset({Stage.ARTWORK_QC}), _fixed(Stage.ARTWORK), (works_stage,)
    ),
    WorkflowAction.CUSTOMER_APPROVE: Transition(
        frozenset({Stage.CUSTOMER_APPROVAL}),
        _next(Stage.CUSTOMER_APPROVAL),
        (is_customer_or_manager,),
    ),
    WorkflowAction.CUSTOMER_REJECT: Transition(
        frozenset({Stage.CUSTOMER_APPROVAL}), _fixed(Stage.ARTWORK), (is_customer_or_manager,)
    ),
    WorkflowAction.HOLD: Transition(HOLDABLE_STAGES, _fixed(Stage.ON_HOLD), (is_manager,)),
    WorkflowAction.RESUME: Transition(
        frozenset({Stage.ON_HOLD}), _resume, (is_manager, has_return_stage)
    ),
    WorkflowAction.SKIP_STAGE: Transition(
        SKIPPABLE_STAGES | {Stage.ARTWORK, Stage.FULFILMENT_QUEUE}, _skip, (may_skip,)
    ),
    WorkflowAction.REASSIGN: Transition(
        frozenset({Stage.IMAGE_REVIEW, Stage.ARTWORK, Stage.ARTWORK_QC, Stage.FULFILMENT_QUEUE}),
        None,
        (is_manager,),
    ),
    WorkflowAction.COMMENT: Transition(LIVE_STAGES, None, (works_stage_or_artist_holds,)),
    # Fulfilment (saleor_podops.fulfilment decides when: grace window, batches, partner reports).
    # A fulfiller sends the items they hold; managers any.
    WorkflowAction.SEND_TO_PARTNER: Transition(
        frozenset({Stage.FULFILMENT_QUEUE}), _fixed(Stage.IN_PRODUCTION), (fulfils, holds_item)
    ),
    WorkflowAction.SHIP: Transition(
        frozenset({Stage.IN_PRODUCTION}), _fixed(Stage.SHIPPED), (fulfils,)
    ),
    # A manager stopped the job at the partner (the order was cancelled after it was sent).
    WorkflowAction.CANCEL_AT_PARTNER: Transition(
        frozenset({Stage.IN_PRODUCTION}), _fixed(Stage.CANCELLED), (is_manager,)
    ),
    # The partner failed the job: the item goes back to the fulfilment queue to be sent again.
    WorkflowAction.REQUEUE: Transition(
        frozenset({Stage.IN_PRODUCTION}), _fixed(Stage.FULFILMENT_QUEUE), (is_manager,)
    ),
}


def check(action: WorkflowAction, item: ItemState, person: Person, flow: Flow) -> Refusal | None:
    """Why ``person`` may not do ``action`` to ``item`` now, or None when they may."""
    transition = TABLE[action]
    if item.stage not in transition.sources:
        return Refusal(
            WorkflowErrorCode.INVALID_STAGE,
            f"{action.value} is not possible for an item in {item.stage.label}.",
        )
    for guard in transition.guards:
        refusal = guard(item, person, flow)
        if refusal is not None:
            return refusal
    return None


def target_stage(action: WorkflowAction, item: ItemState, flow: Flow) -> Stage:
    transition = TABLE[action]
    return transition.target(item, flow) if transition.target else item.stage


def available_actions(
    item: ItemState, person: Person, flow: Flow
) -> list[tuple[WorkflowAction, Refusal | None]]:
    """Every action the table has for the item's stage, each with its refusal (None: allowed)."""
    return [
        (action, check(action, item, person, flow))
        for action, transition in TABLE.items()
        if item.stage in transition.sources
    ]
