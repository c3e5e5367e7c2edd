"""How a customer reads PodOps' stages and events: plain words, nothing internal."""

from __future__ import annotations

from saleor_podops.production.models import ActorType, EventType, TimelineEvent
from saleor_podops.production.stages import Stage

STAGE_WORDS: dict[str, str] = {
    Stage.IMAGE_REVIEW: "We are checking your photo",
    Stage.AWAITING_CUSTOMER: "Waiting for you: please look at your photo",
    Stage.ARTWORK: "Our artist is working on your design",
    Stage.ARTWORK_QC: "Your design is being checked",
    Stage.CUSTOMER_APPROVAL: "Waiting for you: please approve your design",
    Stage.FULFILMENT_QUEUE: "Approved: waiting to be printed",
    Stage.IN_PRODUCTION: "Being made",
    Stage.SHIPPED: "Shipped",
    Stage.ON_HOLD: "Paused: we will be in touch",
    Stage.CANCELLED: "Cancelled",
}
WAITING_FOR_CUSTOMER = frozenset({Stage.AWAITING_CUSTOMER, Stage.CUSTOMER_APPROVAL})


def stage_words(stage: str) -> str:
    return STAGE_WORDS.get(stage, "In progress")


def order_status_words(*, status: str, stage: str) -> str:
    if status == "CANCELLED":
        return "Cancelled"
    if status == "COMPLETED":
        return "Completed"
    return stage_words(stage) if stage else "Received"


def event_words(event: TimelineEvent) -> str | None:
    """What the customer sees for a timeline event; None: not shown to customers."""
    if event.is_internal:
        return None
    if event.type == EventType.ORDER_RECEIVED:
        return "Order received"
    if event.type == EventType.NOTIFICATION_SENT:
        return "We emailed you"
    if event.type == EventType.ORDER_CANCELLED:
        return "Cancelled"
    if event.type == EventType.REJECTED and event.actor_type == ActorType.CUSTOMER:
        return "You asked for changes"
    if event.type == EventType.FILE_ADDED and event.actor_type == ActorType.CUSTOMER:
        return "You sent a new photo"
    if event.type in {EventType.STAGE_CHANGED, EventType.REJECTED, EventType.STAGE_SKIPPED}:
        if event.actor_type == ActorType.CUSTOMER and event.to_stage == Stage.FULFILMENT_QUEUE:
            return "You approved your design"
        return stage_words(event.to_stage) if event.to_stage else None
    return None
