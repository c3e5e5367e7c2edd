"""Turning Saleor order events into production orders.

Decisions are made on the order's state in the payload, not on which event carried it, so events
arriving late, twice or out of order lead to the same result (Saleor has no delivery id and does
redeliver).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from saleor_podops.artwork.uploads import uploads_claim_for_item
from saleor_podops.fulfilment.cancellation import order_cancelled_in_saleor
from saleor_podops.production import actions as production_actions
from saleor_podops.production.models import (
    EventType,
    ProductionItem,
    ProductionOrder,
    ProductionSettings,
    StartTrigger,
)
from saleor_podops.production.timeline import SALEOR, record_event
from saleor_podops.saleor import payloads
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.payloads import SaleorOrderStatus
from saleor_podops.saleor.webhook_events import SaleorEvent
from saleor_podops.staff.tasks import schedule_assignment
from saleor_podops.workflow.actions import first_stage_for

from .line_inputs import read_line_inputs
from .models import CancelledSaleorOrder

logger = logging.getLogger(__name__)

_NEVER_STARTED = {
    SaleorOrderStatus.DRAFT,
    SaleorOrderStatus.CANCELED,
    SaleorOrderStatus.EXPIRED,
}
_NOT_CONFIRMED = _NEVER_STARTED | {SaleorOrderStatus.UNCONFIRMED}
_TRUTHY = {"1", "true", "yes", "y", "on"}


def settings_for(installation: Installation) -> ProductionSettings:
    production_settings, _ = ProductionSettings.objects.get_or_create(installation=installation)
    return production_settings


def should_start_production(order: payloads.Order, trigger: str) -> bool:
    """Whether the order, as it is now, has reached the shop's start-production point."""
    if order.status in _NEVER_STARTED:
        return False
    if trigger == StartTrigger.CREATED:
        return True
    if trigger == StartTrigger.CONFIRMED:
        return order.status not in _NOT_CONFIRMED
    return order.is_fully_paid


def line_needs_production(
    line: payloads.OrderLine, production_settings: ProductionSettings
) -> bool:
    slugs = production_settings.product_type_slugs
    flag_key = production_settings.line_flag_key
    if not slugs and not flag_key:
        return True
    if slugs and line.product_type_slug in slugs:
        return True
    if flag_key:
        return line.metadata_dict().get(flag_key, "").strip().lower() in _TRUTHY
    return False


def _address_snapshot(address: payloads.Address | None) -> dict[str, Any] | None:
    if address is None:
        return None
    snapshot = address.model_dump(mode="json", exclude={"country"})
    snapshot["country"] = address.country.code if address.country else ""
    return snapshot


def _cancellation_reason(event: SaleorEvent, order: payloads.Order) -> str | None:
    """Why production must stop, if it must. Saleor renders payloads when it sends them, so any
    event (even ORDER_CREATED) may already show the order cancelled."""
    if event == SaleorEvent.ORDER_FULLY_REFUNDED:
        return "Fully refunded in Saleor"
    if event == SaleorEvent.ORDER_CANCELLED or order.is_canceled:
        return "Cancelled in Saleor"
    return None


def order_event_received(
    *, installation: Installation, event: SaleorEvent, payload: payloads.OrderEvent
) -> ProductionOrder | None:
    """Act on one order event; returns the production order it concerns, if there is one."""
    order = payload.order
    existing = ProductionOrder.objects.filter(
        installation=installation, saleor_order_id=order.id
    ).first()

    reason = _cancellation_reason(event, order)
    if reason is not None:
        if existing is not None:
            order_cancelled_in_saleor(order=existing, actor=SALEOR, reason=reason)
        else:
            CancelledSaleorOrder.objects.get_or_create(
                installation=installation, saleor_order_id=order.id, defaults={"reason": reason}
            )
        return existing

    if existing is not None:
        if event == SaleorEvent.ORDER_UPDATED:
            production_actions.order_update_shipping(
                order=existing,
                actor=SALEOR,
                shipping_address=_address_snapshot(order.shipping_address),
                shipping_method_name=order.shipping_method_name or "",
            )
        return existing

    production_settings = settings_for(installation)
    if not should_start_production(order, production_settings.start_trigger):
        return None
    if CancelledSaleorOrder.objects.filter(
        installation=installation, saleor_order_id=order.id
    ).exists():
        logger.info("Order %s was cancelled in Saleor before production started", order.number)
        return None
    paid_at = payload.issued_at if event == SaleorEvent.ORDER_FULLY_PAID else None
    return production_order_create(
        installation=installation,
        order=order,
        production_settings=production_settings,
        paid_at=paid_at or (timezone.now() if order.is_fully_paid else None),
    )


def production_order_create(
    *,
    installation: Installation,
    order: payloads.Order,
    production_settings: ProductionSettings,
    paid_at: datetime | None,
) -> ProductionOrder | None:
    """Create the production order and its items, once per Saleor order (a unique constraint
    settles concurrent deliveries). Returns None when no line needs production."""
    lines = [
        (index, line)
        for index, line in enumerate(order.lines, start=1)
        if line_needs_production(line, production_settings)
    ]
    if not lines:
        logger.info("Order %s has no line that needs production", order.number)
        return None
    try:
        with transaction.atomic():
            production_order = ProductionOrder.objects.create(
                installation=installation,
                saleor_order_id=order.id,
                number=order.number,
                channel_slug=order.channel.slug if order.channel else "",
                customer_user_id=order.user.id if order.user else "",
                customer_email=order.customer_email,
                shipping_address=_address_snapshot(order.shipping_address),
                shipping_method_name=order.shipping_method_name or "",
                language_code=order.language_tag,
                total_gross_amount=order.total.gross.amount if order.total else 0,
                currency=order.total.gross.currency if order.total else "",
                saleor_created_at=order.created,
                paid_at=paid_at,
            )
            record_event(
                order=production_order,
                type=EventType.ORDER_RECEIVED,
                actor=SALEOR,
                data={"lines": len(lines), "trigger": production_settings.start_trigger},
            )
            for index, line in lines:
                _item_create(production_order, index, line, production_settings)
            production_actions.order_refresh_stage(order=production_order, actor=SALEOR)
            schedule_assignment(installation_id=installation.pk)
    except IntegrityError:
        # Another delivery of an event for the same order created it first.
        return ProductionOrder.objects.filter(
            installation=installation, saleor_order_id=order.id
        ).first()
    return production_order


def _item_create(
    production_order: ProductionOrder,
    index: int,
    line: payloads.OrderLine,
    production_settings: ProductionSettings,
) -> ProductionItem:
    inputs = read_line_inputs(
        line.metadata_dict(),
        max_text_length=production_settings.max_text_length,
        prohibited_words=production_settings.prohibited_words,
    )
    item = ProductionItem.objects.create(
        installation_id=production_order.installation_id,
        order=production_order,
        saleor_line_id=line.id,
        line_index=index,
        product_name=line.product_name,
        variant_name=line.variant_name,
        sku=line.product_sku or "",
        product_type_slug=line.product_type_slug,
        quantity=line.quantity,
        custom_text=inputs.custom_text,
        options=inputs.options,
        upload_references=inputs.upload_references,
        stage=first_stage_for(
            installation_id=production_order.installation_id,
            product_type_slug=line.product_type_slug,
        ),
        stage_entered_at=timezone.now(),
    )
    problems = [problem.as_dict() for problem in inputs.problems]
    for upload_problem in uploads_claim_for_item(item=item, references=inputs.upload_references):
        problems.append(
            {
                "field": "podops.uploads",
                "code": upload_problem.code,
                "message": upload_problem.message,
            }
        )
    if problems:
        item.input_problems = problems
        item.save(update_fields=["input_problems", "updated_at"])
        for problem in problems:
            record_event(
                order=production_order,
                item=item,
                type=EventType.INPUT_PROBLEM,
                actor=SALEOR,
                reason_code=problem["code"],
                comment=problem["message"],
            )
    record_event(
        order=production_order,
        item=item,
        type=EventType.STAGE_CHANGED,
        actor=SALEOR,
        to_stage=item.stage,
    )
    return item
