"""What Saleor shows of production: the order's ``podops.*`` public metadata and history notes.

Written through the Saleor outbox, so an outage delays it but loses nothing.
"""

from __future__ import annotations

from saleor_podops.saleor import outbox

from .models import ProductionOrder


def public_state(order: ProductionOrder) -> dict[str, str]:
    """The keys a storefront may read to show production state (strings only)."""
    return {
        "podops.stage": order.stage or "",
        "podops.status": order.status,
    }


def sync_order_state(order: ProductionOrder, *, note: str | None = None) -> None:
    outbox.enqueue_public_metadata(
        installation=order.installation,
        object_id=order.saleor_order_id,
        items=public_state(order),
    )
    if note:
        outbox.enqueue_order_note(
            installation=order.installation, order_id=order.saleor_order_id, message=note
        )
