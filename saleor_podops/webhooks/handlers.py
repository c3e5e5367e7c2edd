"""The dispatch table: one handler per subscribed event, each parsing its typed payload and calling
one domain action. Events the app itself caused are ignored (Saleor does not filter them)."""

from __future__ import annotations

from collections.abc import Callable

from saleor_podops.fulfilment.printful_webhooks import partner_webhooks_after_app_deleted
from saleor_podops.intake.actions import order_event_received
from saleor_podops.saleor import installations, payloads
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.webhook_events import SaleorEvent


class Ignored(Exception):
    """A valid delivery PodOps has nothing to do for."""


def caused_by_app(installation: Installation, meta: payloads.EventMeta) -> bool:
    """Whether PodOps itself caused the event (e.g. its own metadata writes)."""
    principal = meta.issuing_principal
    return principal is not None and principal.id == installation.app_id


def _order_handler(event: SaleorEvent) -> Callable[[Installation, str], None]:
    def handle(installation: Installation, body: str) -> None:
        payload = payloads.OrderEvent.model_validate_json(body)
        if caused_by_app(installation, payload):
            raise Ignored("caused by PodOps itself")
        order_event_received(installation=installation, event=event, payload=payload)

    return handle


def _app_deleted(installation: Installation, body: str) -> None:
    payload = payloads.AppDeletedEvent.model_validate_json(body)
    if payload.app is not None and payload.app.id != installation.app_id:
        raise Ignored("another app was deleted")
    installations.deactivate(installation=installation)
    partner_webhooks_after_app_deleted(installation)


HANDLERS: dict[SaleorEvent, Callable[[Installation, str], None]] = {
    SaleorEvent.ORDER_CREATED: _order_handler(SaleorEvent.ORDER_CREATED),
    SaleorEvent.ORDER_CONFIRMED: _order_handler(SaleorEvent.ORDER_CONFIRMED),
    SaleorEvent.ORDER_FULLY_PAID: _order_handler(SaleorEvent.ORDER_FULLY_PAID),
    SaleorEvent.ORDER_UPDATED: _order_handler(SaleorEvent.ORDER_UPDATED),
    SaleorEvent.ORDER_CANCELLED: _order_handler(SaleorEvent.ORDER_CANCELLED),
    SaleorEvent.ORDER_FULLY_REFUNDED: _order_handler(SaleorEvent.ORDER_FULLY_REFUNDED),
    SaleorEvent.APP_DELETED: _app_deleted,
}
