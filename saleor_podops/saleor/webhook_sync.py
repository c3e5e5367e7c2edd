"""Webhook migrations: Saleor never re-reads a changed manifest, so PodOps brings each installation's
webhooks in line with ``manifest.webhook_definitions()`` itself (create missing ones, update changed
ones, deactivate ones PodOps no longer wants)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from . import installation_cache
from .client import SaleorError
from .client.operations import RemoteWebhook, create_webhook, fetch_app_webhooks, update_webhook
from .installations import saleor_client_for
from .manifest import webhook_definitions, webhooks_fingerprint
from .models import Installation

logger = logging.getLogger(__name__)


@dataclass
class WebhookSyncResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deactivated: list[str] = field(default_factory=list)


def _differs(remote: RemoteWebhook, wanted: dict[str, Any]) -> bool:
    return (
        remote.target_url != wanted["targetUrl"]
        or remote.is_active != wanted["isActive"]
        or remote.async_events != frozenset(wanted["asyncEvents"])
        or remote.query.strip() != wanted["query"].strip()
        or remote.name != wanted["name"]
    )


def webhooks_sync(*, installation: Installation) -> WebhookSyncResult:
    """Make Saleor's webhooks for this app match what PodOps wants. Raises ``SaleorError``."""
    client = saleor_client_for(installation)
    remote = fetch_app_webhooks(client)
    wanted = webhook_definitions()
    wanted_identifiers = {w["identifier"] for w in wanted}
    wanted_urls = {w["targetUrl"] for w in wanted}
    result = WebhookSyncResult()

    for definition in wanted:
        match = next(
            (r for r in remote if r.identifier == definition["identifier"]),
            None,
        ) or next(
            (r for r in remote if not r.identifier and r.target_url == definition["targetUrl"]),
            None,
        )
        if match is None:
            create_webhook(client, definition)
            result.created.append(definition["identifier"])
        elif _differs(match, definition) or match.identifier != definition["identifier"]:
            update_webhook(client, match.id, definition)
            result.updated.append(definition["identifier"])

    for webhook in remote:
        ours_but_unwanted = (
            webhook.identifier.startswith("podops-")
            and webhook.identifier not in wanted_identifiers
        ) or (not webhook.identifier and webhook.target_url not in wanted_urls)
        if ours_but_unwanted and webhook.is_active:
            update_webhook(client, webhook.id, {"isActive": False})
            result.deactivated.append(webhook.identifier or webhook.target_url)

    Installation.objects.filter(pk=installation.pk).update(
        webhooks_fingerprint=webhooks_fingerprint()
    )
    installation_cache.invalidate(installation.saleor_api_url)
    return result


def installations_needing_sync() -> list[Installation]:
    return list(
        Installation.objects.filter(is_active=True).exclude(
            webhooks_fingerprint=webhooks_fingerprint()
        )
    )


def sync_outdated_installations() -> dict[str, str]:
    """Sync every active installation whose webhooks are outdated; failures wait for the next run."""
    outcome: dict[str, str] = {}
    for installation in installations_needing_sync():
        try:
            result = webhooks_sync(installation=installation)
        except SaleorError as exc:
            logger.warning("Webhook sync for %s failed: %s", installation.saleor_api_url, exc)
            outcome[installation.saleor_api_url] = f"failed: {exc}"
        else:
            outcome[installation.saleor_api_url] = (
                f"created {len(result.created)}, updated {len(result.updated)}, "
                f"deactivated {len(result.deactivated)}"
            )
    return outcome
