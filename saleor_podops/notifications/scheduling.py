"""Scheduling emails: one ``ScheduledNotification`` row per email, unique by its idempotency key.

Callers (approvals, fulfilment) say what happened; this module applies the shop's switches, delays
and quiet hours, fills the common placeholders and, when the email is due now, asks the worker to
send it once the transaction commits. Everything else is picked up by the beat task.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from saleor_podops.production.models import ProductionItem, ProductionOrder
from saleor_podops.staff.models import StaffMember
from saleor_podops.staff.roles import MANAGING_ROLES

from .events import NotificationEvent, placeholders_for
from .models import NotificationSettings, NotificationStatus, ScheduledNotification
from .quiet_hours import first_allowed_moment
from .settings_actions import event_enabled, notification_settings_for


def customer_name(order: ProductionOrder) -> str:
    address = order.shipping_address or {}
    name = " ".join(
        part for part in (address.get("firstName", ""), address.get("lastName", "")) if part
    ).strip()
    return name or (order.customer_email.split("@")[0] if order.customer_email else "there")


def _common_context(
    settings: NotificationSettings, order: ProductionOrder, item: ProductionItem | None
) -> dict[str, str]:
    return {
        "shop_name": settings.shop_name or order.installation.saleor_domain or "our shop",
        "order_number": order.number,
        "customer_name": customer_name(order),
        "item_name": item.product_name if item is not None else "",
        # The customer's language (BCP 47), for templates that speak more than one.
        "language": order.language_code,
    }


def due_moment(
    settings: NotificationSettings, event: NotificationEvent, not_before: datetime | None = None
) -> datetime:
    """When an email of ``event`` may go: the given moment (default now) plus the event's delay,
    moved out of quiet hours."""
    start = not_before or timezone.now()
    delayed = start + timedelta(minutes=int(settings.delay_minutes.get(event.value, 0)))
    return first_allowed_moment(
        delayed,
        start=settings.quiet_hours_start,
        end=settings.quiet_hours_end,
        zone_name=settings.time_zone,
    )


def notification_schedule(
    *,
    event: NotificationEvent,
    order: ProductionOrder,
    recipient: str,
    key: str,
    item: ProductionItem | None = None,
    context: Mapping[str, str] | None = None,
    group: str = "",
    not_before: datetime | None = None,
    while_item_waits: bool = False,
) -> ScheduledNotification | None:
    """Schedule one email (idempotent: the same ``key`` is scheduled once). None when the event is
    switched off or there is nobody to send to. ``while_item_waits``: skip it if the item has left
    its current stage by the time it is due. Call inside the transaction of the change it
    announces."""
    settings = notification_settings_for(order.installation_id)
    if not recipient or not event_enabled(settings, event):
        return None
    allowed = placeholders_for(event)
    full_context = {name: "" for name in allowed}
    full_context.update(_common_context(settings, order, item))
    full_context.update({k: str(v) for k, v in (context or {}).items() if k in allowed})
    due_at = due_moment(settings, event, not_before)
    waited_on = item if while_item_waits else None
    row, created = ScheduledNotification.objects.get_or_create(
        installation_id=order.installation_id,
        idempotency_key=f"{event.value}:{key}"[:255],
        defaults={
            "event": event.value,
            "order": order,
            "item": item,
            "group": group,
            "item_stage": waited_on.stage if waited_on is not None else "",
            "item_stage_entered_at": waited_on.stage_entered_at if waited_on is not None else None,
            "recipient": recipient,
            "context": full_context,
            "due_at": due_at,
        },
    )
    if created and due_at <= timezone.now():
        from .tasks import send_notification

        transaction.on_commit(lambda: send_notification.delay(row.pk))
    return row


def notifications_cancel(*, installation_id: int, group: str) -> int:
    """Cancel the group's emails that have not gone out yet."""
    return ScheduledNotification.objects.filter(
        installation_id=installation_id, group=group, status=NotificationStatus.PENDING
    ).update(status=NotificationStatus.CANCELLED, updated_at=timezone.now())


def managers_of(installation_id: int) -> list[StaffMember]:
    return list(
        StaffMember.objects.filter(
            installation_id=installation_id, roles__role__in=[r.value for r in MANAGING_ROLES]
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def staff_notify(
    *,
    event: NotificationEvent,
    order: ProductionOrder,
    item: ProductionItem | None,
    key: str,
    recipients: list[StaffMember],
    context: Mapping[str, str],
) -> list[ScheduledNotification]:
    """One email per staff member (the key says which)."""
    rows = []
    for member in recipients:
        row = notification_schedule(
            event=event,
            order=order,
            item=item,
            recipient=member.email,
            key=f"{key}:{member.saleor_user_id}",
            context={"staff_name": member.email.split("@")[0], **context},
        )
        if row is not None:
            rows.append(row)
    return rows
