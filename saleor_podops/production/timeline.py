"""Writing the timeline: every change of a production order or item records one event here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .models import ActorType, EventType, ProductionItem, ProductionOrder, TimelineEvent


@dataclass(frozen=True)
class Actor:
    """Who did it: a staff user or customer (by Saleor user id), Saleor, a partner, or PodOps."""

    type: ActorType
    id: str = ""
    email: str = ""  # a staff user's, when known (the settings audit log shows it)


SYSTEM = Actor(ActorType.SYSTEM)
SALEOR = Actor(ActorType.SALEOR)


def record_event(
    *,
    order: ProductionOrder,
    type: EventType,
    actor: Actor,
    item: ProductionItem | None = None,
    from_stage: str = "",
    to_stage: str = "",
    reason_code: str = "",
    comment: str = "",
    data: dict[str, Any] | None = None,
    is_internal: bool = False,
) -> TimelineEvent:
    return TimelineEvent.objects.create(
        installation_id=order.installation_id,
        order=order,
        item=item,
        type=type,
        actor_type=actor.type,
        actor_id=actor.id,
        from_stage=from_stage,
        to_stage=to_stage,
        reason_code=reason_code,
        comment=comment,
        data=data or {},
        is_internal=is_internal,
    )
