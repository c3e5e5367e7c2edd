"""The shipped email, for the fulfilment package to call when an order leaves (with tracking)."""

from __future__ import annotations

from saleor_podops.production.models import ProductionOrder

from .events import NotificationEvent
from .models import ScheduledNotification
from .scheduling import notification_schedule
from .settings_actions import event_enabled, notification_settings_for


def podops_emails_shipments(order: ProductionOrder) -> bool:
    """Whether PodOps sends this order's customer the "on its way" email of each shipment (the
    event is on and the order has an email). The customer hears of a shipment once: when PodOps
    does not tell them, Saleor's own notification of the fulfillment does (``notifyCustomer``)."""
    settings = notification_settings_for(order.installation_id)
    return bool(order.customer_email) and event_enabled(settings, NotificationEvent.ORDER_SHIPPED)


def order_shipped_notify(
    *,
    order: ProductionOrder,
    shipment_key: str,
    tracking_number: str = "",
    tracking_url: str = "",
    carrier: str = "",
) -> ScheduledNotification | None:
    """Schedule the customer's "on its way" email once per shipment (``shipment_key``, e.g. the
    Saleor fulfillment id). Call inside the transaction that records the shipment."""
    return notification_schedule(
        event=NotificationEvent.ORDER_SHIPPED,
        order=order,
        recipient=order.customer_email,
        key=f"order:{order.pk}:shipment:{shipment_key}",
        context={
            "tracking_number": tracking_number,
            "tracking_url": tracking_url,
            "carrier": carrier,
        },
    )
