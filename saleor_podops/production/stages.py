"""The stages a production item moves through, and their order.

The workflow engine decides which moves are allowed; this module only names the stages and says which
is "less advanced", so an order's stage can be derived from its items (the least advanced item).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models


class Stage(models.TextChoices):
    IMAGE_REVIEW = "IMAGE_REVIEW", "Image review"
    AWAITING_CUSTOMER = "AWAITING_CUSTOMER", "Awaiting customer"
    ARTWORK = "ARTWORK", "Artwork"
    ARTWORK_QC = "ARTWORK_QC", "Artwork QC"
    CUSTOMER_APPROVAL = "CUSTOMER_APPROVAL", "Customer approval"
    FULFILMENT_QUEUE = "FULFILMENT_QUEUE", "Fulfilment queue"
    IN_PRODUCTION = "IN_PRODUCTION", "In production"
    SHIPPED = "SHIPPED", "Shipped"
    ON_HOLD = "ON_HOLD", "On hold"
    CANCELLED = "CANCELLED", "Cancelled"


# Progress order of the lifecycle. ON_HOLD items count as the stage they return to.
PROGRESS: tuple[Stage, ...] = (
    Stage.IMAGE_REVIEW,
    Stage.AWAITING_CUSTOMER,
    Stage.ARTWORK,
    Stage.ARTWORK_QC,
    Stage.CUSTOMER_APPROVAL,
    Stage.FULFILMENT_QUEUE,
    Stage.IN_PRODUCTION,
    Stage.SHIPPED,
)
_RANK = {stage: rank for rank, stage in enumerate(PROGRESS)}

# From here on the print partner has the job: cancelling no longer stops it by itself.
PARTNER_STAGES = frozenset({Stage.IN_PRODUCTION, Stage.SHIPPED})


def rank(stage: str) -> int:
    return _RANK[Stage(stage)]


def least_advanced(stages: Iterable[str]) -> Stage | None:
    """The order-level stage: the least advanced of its live items' stages (held items count as the
    stage they return to). All cancelled: CANCELLED; no items: None."""
    live = [Stage(s) for s in stages if s != Stage.CANCELLED]
    if not live:
        return None
    return min(live, key=rank)
