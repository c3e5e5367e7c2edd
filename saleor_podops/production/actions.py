"""State changes of production orders. Each runs in one transaction, writes its timeline event and
schedules the Saleor sync on commit."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import EventType, OrderStatus, ProductionItem, ProductionOrder
from .saleor_sync import sync_order_state
from .stages import PARTNER_STAGES, Stage, least_advanced
from .timeline import Actor, record_event


def order_refresh_stage(*, order: ProductionOrder, actor: Actor) -> bool:
    """Derive the order's stage from its items; on a change, save it, note it and tell Saleor."""
    stages = [
        hold_return_stage if stage == Stage.ON_HOLD and hold_return_stage else stage
        for stage, hold_return_stage in order.items.values_list("stage", "hold_return_stage")
    ]
    new_stage = least_advanced(stages) or (Stage.CANCELLED if stages else "")
    if new_stage == order.stage:
        return False
    old_stage = order.stage
    order.stage = new_stage
    order.save(update_fields=["stage", "updated_at"])
    record_event(
        order=order,
        type=EventType.STAGE_CHANGED,
        actor=actor,
        from_stage=old_stage,
        to_stage=new_stage,
    )
    label = Stage(new_stage).label if new_stage else "none"
    sync_order_state(order, note=f"PodOps: production stage is now {label}.")
    return True


def order_cancel(*, order: ProductionOrder, actor: Actor, reason: str) -> bool:
    """Saleor cancelled or refunded the order. Stop production if the partner does not have it yet;
    otherwise flag the order for a person. Returns True when production was cancelled."""
    with transaction.atomic():
        order = ProductionOrder.objects.select_for_update().get(pk=order.pk)
        if order.status == OrderStatus.CANCELLED:
            return False
        items = list(order.items.select_for_update())
        at_partner = [item for item in items if item.stage in PARTNER_STAGES]
        if at_partner:
            if not order.needs_attention:
                order.needs_attention = True
                order.attention_reason = f"{reason} after production started at the partner"
                order.save(update_fields=["needs_attention", "attention_reason", "updated_at"])
                record_event(
                    order=order,
                    type=EventType.CANCEL_NEEDS_ATTENTION,
                    actor=actor,
                    comment=order.attention_reason,
                    data={"items_at_partner": [item.pk for item in at_partner]},
                )
                sync_order_state(
                    order, note=f"PodOps: {reason} after printing started; a person will check."
                )
            return False
        for item in items:
            _item_set_stage(item=item, stage=Stage.CANCELLED, actor=actor, comment=reason)
        order.status = OrderStatus.CANCELLED
        order.stage = Stage.CANCELLED
        order.save(update_fields=["status", "stage", "updated_at"])
        record_event(order=order, type=EventType.ORDER_CANCELLED, actor=actor, comment=reason)
        sync_order_state(order, note=f"PodOps: production cancelled ({reason}).")
        return True


def order_update_shipping(
    *,
    order: ProductionOrder,
    actor: Actor,
    shipping_address: dict[str, Any] | None,
    shipping_method_name: str,
) -> bool:
    """Refresh the shipping snapshot while the order has not shipped."""
    with transaction.atomic():
        order = ProductionOrder.objects.select_for_update().get(pk=order.pk)
        if order.shipped_at is not None or order.status != OrderStatus.OPEN:
            return False
        if (order.shipping_address, order.shipping_method_name) == (
            shipping_address,
            shipping_method_name,
        ):
            return False
        old = {"address": order.shipping_address, "method": order.shipping_method_name}
        order.shipping_address = shipping_address
        order.shipping_method_name = shipping_method_name
        order.save(update_fields=["shipping_address", "shipping_method_name", "updated_at"])
        record_event(
            order=order,
            type=EventType.SHIPPING_UPDATED,
            actor=actor,
            data={"old": old, "new": {"address": shipping_address, "method": shipping_method_name}},
        )
        return True


def item_cancel(*, item: ProductionItem, actor: Actor, comment: str = "") -> None:
    """Cancel one item that never reached a partner (the caller holds the order's lock and
    refreshes the order's stage)."""
    if item.stage != Stage.CANCELLED:
        _item_set_stage(item=item, stage=Stage.CANCELLED, actor=actor, comment=comment)


def _item_set_stage(*, item: ProductionItem, stage: Stage, actor: Actor, comment: str = "") -> None:
    old = item.stage
    item.stage = stage
    item.stage_entered_at = timezone.now()
    item.save(update_fields=["stage", "stage_entered_at", "updated_at"])
    record_event(
        order=item.order,
        item=item,
        type=EventType.STAGE_CHANGED,
        actor=actor,
        from_stage=old,
        to_stage=stage,
        comment=comment,
    )
