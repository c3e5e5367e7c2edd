"""The shipped email, for the fulfilment package to call when an order leaves (with tracking)."""

from __future__ import annotations

from saleor_podops.production.models import ProductionOrder

from .events import NotificationEvent
from .models import ScheduledNotification
from .scheduling import notification_schedule


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
