"""What PodOps asks of Saleor, one function per document in ``documents/``, on the generated client."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .generated import Client
from .generated.base_model import UNSET
from .generated.customer_owned_orders import CustomerOwnedOrders as CustomerOwnedOrdersResult
from .generated.input_types import (
    FulfillmentUpdateTrackingInput,
    MetadataInput,
    OrderFulfillInput,
    OrderFulfillLineInput,
    OrderFulfillStockInput,
    WebhookCreateInput,
    WebhookUpdateInput,
)
from .generated.product_types import ProductTypes as ProductTypesResult
from .transport import SaleorClient, SaleorPermanentError


class _MutationError(Protocol):
    field: str | None
    code: Any
    message: str | None


def _raise_for_errors(name: str, errors: Sequence[_MutationError] | None) -> None:
    if errors is None:
        raise SaleorPermanentError(f"{name}: no result (missing permission?)")
    if errors:
        messages = "; ".join(f"{e.field}: {e.code.value} {e.message}" for e in errors)
        raise SaleorPermanentError(f"{name}: {messages}")


def fetch_app_id(client: SaleorClient) -> str:
    result = client.call("app_id", lambda c: c.app_id())
    if result.app is None:
        raise SaleorPermanentError("app_id: the token does not belong to an app")
    return result.app.id


def update_public_metadata(client: SaleorClient, object_id: str, items: Mapping[str, str]) -> None:
    metadata = [MetadataInput(key=key, value=value) for key, value in items.items()]
    result = client.call(
        "update_public_metadata", lambda c: c.update_public_metadata(id=object_id, input=metadata)
    )
    payload = result.update_metadata
    _raise_for_errors("update_public_metadata", payload.errors if payload else None)


def add_order_note(client: SaleorClient, order_id: str, message: str) -> None:
    result = client.call(
        "order_note_add", lambda c: c.order_note_add(order=order_id, message=message)
    )
    payload = result.order_note_add
    _raise_for_errors("order_note_add", payload.errors if payload else None)


@dataclass(frozen=True)
class RemoteWebhook:
    """A webhook as Saleor has it for this app."""

    id: str
    name: str
    identifier: str
    target_url: str
    is_active: bool
    async_events: frozenset[str]
    query: str


def fetch_app_webhooks(client: SaleorClient) -> list[RemoteWebhook]:
    result = client.call("app_webhooks", lambda c: c.app_webhooks())
    if result.app is None:
        raise SaleorPermanentError("app_webhooks: the token does not belong to an app")
    return [
        RemoteWebhook(
            id=webhook.id,
            name=webhook.name or "",
            identifier=webhook.identifier or "",
            target_url=webhook.target_url,
            is_active=webhook.is_active,
            async_events=frozenset(event.event_type.value for event in webhook.async_events),
            query=webhook.subscription_query or "",
        )
        for webhook in result.app.webhooks or []
    ]


def create_webhook(client: SaleorClient, definition: Mapping[str, Any]) -> str:
    webhook_input = WebhookCreateInput.model_validate(definition)
    result = client.call("webhook_create", lambda c: c.webhook_create(input=webhook_input))
    payload = result.webhook_create
    _raise_for_errors("webhook_create", payload.errors if payload else None)
    if payload is None or payload.webhook is None:
        raise SaleorPermanentError("webhook_create: no webhook was created")
    return payload.webhook.id


def update_webhook(client: SaleorClient, webhook_id: str, definition: Mapping[str, Any]) -> None:
    webhook_input = WebhookUpdateInput.model_validate(definition)
    result = client.call(
        "webhook_update", lambda c: c.webhook_update(id=webhook_id, input=webhook_input)
    )
    payload = result.webhook_update
    _raise_for_errors("webhook_update", payload.errors if payload else None)


@dataclass(frozen=True)
class OrderLineStock:
    """What is left to fulfil of one order line and the warehouses it is allocated in."""

    line_id: str
    quantity_to_fulfill: int
    allocated_warehouses: tuple[str, ...]


@dataclass(frozen=True)
class ExistingFulfillment:
    id: str
    tracking_number: str
    line_ids: frozenset[str]


@dataclass(frozen=True)
class OrderFulfilmentState:
    order_id: str
    lines: dict[str, OrderLineStock]
    channel_warehouses: tuple[str, ...]
    fulfillments: tuple[ExistingFulfillment, ...]


def fetch_order_fulfilment_state(client: SaleorClient, order_id: str) -> OrderFulfilmentState:
    result = client.call("order_fulfilment_state", lambda c: c.order_fulfilment_state(id=order_id))
    order = result.order
    if order is None:
        raise SaleorPermanentError(f"order_fulfilment_state: no order {order_id}")
    return OrderFulfilmentState(
        order_id=order.id,
        lines={
            line.id: OrderLineStock(
                line_id=line.id,
                quantity_to_fulfill=line.quantity_to_fulfill,
                allocated_warehouses=tuple(
                    a.warehouse.id for a in line.allocations or [] if a.quantity > 0
                ),
            )
            for line in order.lines
        },
        channel_warehouses=tuple(w.id for w in order.channel.warehouses),
        fulfillments=tuple(
            ExistingFulfillment(
                id=f.id,
                tracking_number=f.tracking_number,
                line_ids=frozenset(
                    fl.order_line.id for fl in f.lines or [] if fl.order_line is not None
                ),
            )
            for f in order.fulfillments
        ),
    )


@dataclass(frozen=True)
class FulfillLine:
    order_line_id: str
    quantity: int
    warehouse_id: str


def fulfill_order(
    client: SaleorClient,
    order_id: str,
    lines: Sequence[FulfillLine],
    *,
    tracking_number: str,
    notify_customer: bool = True,
) -> str:
    """Create one Saleor fulfillment; returns its id."""
    fulfill_input = OrderFulfillInput(
        lines=[
            OrderFulfillLineInput(
                orderLineId=line.order_line_id,
                stocks=[
                    OrderFulfillStockInput(quantity=line.quantity, warehouse=line.warehouse_id)
                ],
            )
            for line in lines
        ],
        notifyCustomer=notify_customer,
        trackingNumber=tracking_number,
    )
    result = client.call(
        "order_fulfill", lambda c: c.order_fulfill(order=order_id, input=fulfill_input)
    )
    payload = result.order_fulfill
    _raise_for_errors("order_fulfill", payload.errors if payload else None)
    if payload is None or not payload.fulfillments:
        raise SaleorPermanentError("order_fulfill: no fulfillment was created")
    return payload.fulfillments[0].id


def update_fulfillment_tracking(
    client: SaleorClient, fulfillment_id: str, tracking_number: str, *, notify_customer: bool = True
) -> None:
    tracking_input = FulfillmentUpdateTrackingInput(
        trackingNumber=tracking_number, notifyCustomer=notify_customer
    )
    result = client.call(
        "fulfillment_update_tracking",
        lambda c: c.fulfillment_update_tracking(id=fulfillment_id, input=tracking_input),
    )
    payload = result.order_fulfillment_update_tracking
    _raise_for_errors("fulfillment_update_tracking", payload.errors if payload else None)


@dataclass(frozen=True)
class CustomerOrders:
    """Who the customer token belongs to (Saleor says so: a revoked token gets no answer) and which
    of the asked-about orders are theirs."""

    user_id: str
    order_ids: frozenset[str]


CUSTOMER_ORDERS_PAGE = 100


def _owned_orders_call(ids: list[str]) -> Callable[[Client], CustomerOwnedOrdersResult]:
    def call(client: Client) -> CustomerOwnedOrdersResult:
        return client.customer_owned_orders(ids=ids, first=CUSTOMER_ORDERS_PAGE)

    return call


def fetch_customer_owned_orders(client: SaleorClient, order_ids: Sequence[str]) -> CustomerOrders:
    """With the customer's own token: ``me`` and those of ``order_ids`` that are the customer's
    orders (in pages of 100). No ``me``: the token is not (or no longer) a valid customer token."""
    wanted = list(dict.fromkeys(order_ids))
    owned: set[str] = set()
    user_id = ""
    chunks = [
        wanted[i : i + CUSTOMER_ORDERS_PAGE] for i in range(0, len(wanted), CUSTOMER_ORDERS_PAGE)
    ]
    for chunk in chunks or [[]]:
        result = client.call("customer_owned_orders", _owned_orders_call(chunk))
        if result.me is None:
            raise SaleorPermanentError("customer_owned_orders: the token is not a customer's")
        user_id = result.me.id
        if chunk and result.me.orders is not None:
            owned.update(edge.node.id for edge in result.me.orders.edges)
    return CustomerOrders(user_id=user_id, order_ids=frozenset(owned & set(wanted)))


@dataclass(frozen=True)
class ProductTypeRef:
    """A product type as the shop's Saleor has it."""

    slug: str
    name: str


PRODUCT_TYPES_MAX = 100  # Saleor's most per request


def fetch_product_types(
    client: SaleorClient,
    *,
    first: int,
    search: str = "",
    slugs: Sequence[str] | None = None,
) -> list[ProductTypeRef]:
    """The shop's product types by name: those whose name or slug contains ``search``, and with
    ``slugs`` only those of these slugs (none for an empty list: Saleor would read an empty filter
    as no filter). Asked while a person waits: one try, a transient failure raises at once."""
    if slugs is not None and not slugs:
        return []
    wanted = list(dict.fromkeys(slugs)) if slugs is not None else UNSET

    def call(c: Client) -> ProductTypesResult:
        return c.product_types(first=first, search=search or UNSET, slugs=wanted)

    result = client.call("product_types", call, attempts=1)
    if result.product_types is None:
        raise SaleorPermanentError("product_types: no result")
    return [ProductTypeRef(slug=e.node.slug, name=e.node.name) for e in result.product_types.edges]
