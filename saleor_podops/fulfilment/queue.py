"""The fulfilment queue: approved items waiting to be sent, in priority order, each with its due
date (per-stage SLA targets, or the order's own due date when sooner), its fulfiller (queued items
are assigned like any worked stage) and the end of its grace window (nothing is sent before it, so a
cancellation in Saleor still stops the item)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from saleor_podops.production.models import ProductionItem
from saleor_podops.production.stages import Stage
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.models import Assignment
from saleor_podops.workflow.selectors import with_assignees

from .models import BatchEntry, FulfilmentSettings, JobLine, default_sla_hours

EXPRESS_POINTS = 100
LATE_POINTS = 80
HIGH_VALUE_POINTS = 50
DUE_SOON_POINTS = 40
MANUAL_POINTS_PER_STEP = 10


def fulfilment_settings_for(installation: Installation | int) -> FulfilmentSettings:
    installation_id = installation if isinstance(installation, int) else installation.pk
    settings, _ = FulfilmentSettings.objects.get_or_create(installation_id=installation_id)
    return settings


def sla_hours_for(settings: FulfilmentSettings, stage: str) -> int | None:
    hours = {**default_sla_hours(), **(settings.sla_hours or {})}.get(stage)
    return int(hours) if hours else None


def item_due_at(item: ProductionItem, settings: FulfilmentSettings) -> datetime | None:
    """When the item must leave its current stage: its SLA target, or the order's due date if
    that comes first."""
    hours = sla_hours_for(settings, item.stage)
    entered = item.stage_entered_at or item.created_at
    candidates = [entered + timedelta(hours=hours)] if hours else []
    if item.order.due_at is not None:
        candidates.append(item.order.due_at)
    return min(candidates) if candidates else None


def grace_ends_at(
    item: ProductionItem, settings: FulfilmentSettings, *, sent_before: bool = False
) -> datetime:
    """The end of the item's grace window. An item that was sent before (its job failed and it
    came back to the queue) had its window already: it may be sent again at once."""
    entered = item.stage_entered_at or item.created_at
    if sent_before:
        return entered
    return entered + timedelta(minutes=settings.grace_minutes)


def sent_before_ids(item_ids: list[int]) -> set[int]:
    """Which items were in a partner job already (one query)."""
    return set(
        JobLine.objects.filter(item_id__in=item_ids).values_list("item_id", flat=True).distinct()
    )


@dataclass(frozen=True)
class QueueRow:
    item: ProductionItem
    due_at: datetime | None
    is_late: bool
    priority: int
    priority_reasons: tuple[str, ...]
    sendable_at: datetime
    batch_id: int | None

    @property
    def in_grace(self) -> bool:
        return self.sendable_at > timezone.now()


def priority_of(
    item: ProductionItem, settings: FulfilmentSettings, due_at: datetime | None, now: datetime
) -> tuple[int, tuple[str, ...]]:
    """The rules: express shipping, order value over the threshold, lateness or a near due date,
    and the manager's bump (the order's ``priority``)."""
    order = item.order
    score = 0
    reasons: list[str] = []
    if order.shipping_method_name and order.shipping_method_name in (
        settings.express_shipping_methods or []
    ):
        score += EXPRESS_POINTS
        reasons.append("EXPRESS")
    threshold = settings.high_value_threshold
    if threshold is not None and order.total_gross_amount >= threshold:
        score += HIGH_VALUE_POINTS
        reasons.append("HIGH_VALUE")
    if due_at is not None and due_at <= now:
        score += LATE_POINTS
        reasons.append("LATE")
    elif due_at is not None and due_at <= now + timedelta(hours=settings.due_soon_hours):
        score += DUE_SOON_POINTS
        reasons.append("DUE_SOON")
    if order.priority:
        score += order.priority * MANUAL_POINTS_PER_STEP
        reasons.append("MANUAL")
    return score, tuple(reasons)


def fulfilment_queue(
    *,
    installation_id: int,
    now: datetime | None = None,
    unbatched_only: bool = False,
    assignee_user_id: str | None = None,
    with_assignee_roles: bool = False,
) -> list[QueueRow]:
    """Every item in the fulfilment queue (or only those ``assignee_user_id`` holds), most urgent
    first, each with its assignee prefetched (and their roles when asked). Five queries (six with
    the roles) whatever the size."""
    now = now or timezone.now()
    settings = fulfilment_settings_for(installation_id)
    queued = ProductionItem.objects.filter(
        installation_id=installation_id, stage=Stage.FULFILMENT_QUEUE
    )
    if assignee_user_id is not None:
        queued = queued.filter(
            Exists(
                Assignment.objects.filter(
                    item=OuterRef("pk"),
                    released_at__isnull=True,
                    staff__saleor_user_id=assignee_user_id,
                )
            )
        )
    items = list(
        with_assignees(
            queued.select_related("order").order_by("id"), with_roles=with_assignee_roles
        )
    )
    ids = [item.pk for item in items]
    batches = dict(
        BatchEntry.objects.filter(item__in=ids, removed_at__isnull=True).values_list(
            "item_id", "batch_id"
        )
    )
    resent = sent_before_ids(ids)
    rows = []
    for item in items:
        if unbatched_only and item.pk in batches:
            continue
        due_at = item_due_at(item, settings)
        score, reasons = priority_of(item, settings, due_at, now)
        rows.append(
            QueueRow(
                item=item,
                due_at=due_at,
                is_late=due_at is not None and due_at <= now,
                priority=score,
                priority_reasons=reasons,
                sendable_at=grace_ends_at(item, settings, sent_before=item.pk in resent),
                batch_id=batches.get(item.pk),
            )
        )
    far = now + timedelta(days=3650)
    rows.sort(key=lambda row: (-row.priority, row.due_at or far, row.item.pk))
    return rows
