"""One typed function per document in ``documents/``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .transport import SaleorClient, SaleorPermanentError, raise_for_mutation_errors


def fetch_app_id(client: SaleorClient) -> str:
    data = client.execute("app_id")
    app = data.get("app")
    if not app or not app.get("id"):
        raise SaleorPermanentError("app_id: the token does not belong to an app")
    return str(app["id"])


def update_public_metadata(client: SaleorClient, object_id: str, items: Mapping[str, str]) -> None:
    data = client.execute(
        "update_public_metadata",
        {"id": object_id, "input": [{"key": k, "value": v} for k, v in items.items()]},
    )
    raise_for_mutation_errors("update_public_metadata", data.get("updateMetadata"))


def add_order_note(client: SaleorClient, order_id: str, message: str) -> None:
    data = client.execute("order_note_add", {"order": order_id, "message": message})
    raise_for_mutation_errors("order_note_add", data.get("orderNoteAdd"))


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
    data = client.execute("app_webhooks")
    app = data.get("app")
    if not app:
        raise SaleorPermanentError("app_webhooks: the token does not belong to an app")
    return [
        RemoteWebhook(
            id=webhook["id"],
            name=webhook["name"],
            identifier=webhook.get("identifier") or "",
            target_url=webhook["targetUrl"],
            is_active=bool(webhook["isActive"]),
            async_events=frozenset(e["eventType"] for e in webhook.get("asyncEvents") or []),
            query=webhook.get("subscriptionQuery") or "",
        )
        for webhook in app.get("webhooks") or []
    ]


def create_webhook(client: SaleorClient, webhook_input: Mapping[str, Any]) -> str:
    data = client.execute("webhook_create", {"input": dict(webhook_input)})
    result = data.get("webhookCreate")
    raise_for_mutation_errors("webhook_create", result)
    return str(result["webhook"]["id"])  # type: ignore[index]


def update_webhook(client: SaleorClient, webhook_id: str, webhook_input: Mapping[str, Any]) -> None:
    data = client.execute("webhook_update", {"id": webhook_id, "input": dict(webhook_input)})
    raise_for_mutation_errors("webhook_update", data.get("webhookUpdate"))
