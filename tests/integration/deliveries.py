"""Posting signed deliveries to a running PodOps over real HTTP."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from saleor_podops.saleor.webhook_events import SaleorEvent

from ..saleor_stub import SaleorStub


def saleor_headers(stub: SaleorStub, event: SaleorEvent, body: bytes) -> dict[str, str]:
    """The headers Saleor sends with a delivery of ``body``, signed with the stub's key."""
    return {
        "Content-Type": "application/json",
        "Saleor-Event": event.value,
        "Saleor-Domain": urlsplit(stub.api_url).netloc,
        "Saleor-Api-Url": stub.api_url,
        "Saleor-Signature": stub.key.sign_webhook(body),
    }


def webhook_url(live_server: Any, event: SaleorEvent) -> str:
    return f"{live_server.url}/api/webhooks/{event.path_segment}"
