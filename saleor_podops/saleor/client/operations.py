"""What PodOps asks of Saleor, one function per document in ``documents/``, on the generated client."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .generated.input_types import MetadataInput, WebhookCreateInput, WebhookUpdateInput
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
