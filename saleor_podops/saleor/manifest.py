"""The app manifest Saleor fetches at install time. Every URL is absolute, from PODOPS_PUBLIC_URL."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from .webhook_events import SUBSCRIPTIONS

APP_ID = "saleor.podops"
APP_NAME = "PodOps"
REQUIRED_SALEOR_VERSION = ">=3.23 <4"
# The smallest set the whole product needs: reading and writing orders, their metadata and notes,
# fulfillments, and every order webhook.
PERMISSIONS = ["MANAGE_ORDERS"]


@dataclass(frozen=True)
class Extension:
    identifier: str  # stable per app: the dashboard extension opens the popup by it
    label: str
    path: str
    mount: str
    target: str


EXTENSIONS: tuple[Extension, ...] = (
    Extension(
        "podops-production", "Production", "/dashboard/production", "NAVIGATION_ORDERS", "APP_PAGE"
    ),
    Extension(
        "podops-order-widget",
        "Production",
        "/dashboard/order-widget",
        "ORDER_DETAILS_WIDGETS",
        "WIDGET",
    ),
    Extension(
        "podops-order-actions",
        "Production actions",
        "/dashboard/order-actions",
        "ORDER_DETAILS_MORE_ACTIONS",
        "POPUP",
    ),
)


def absolute(path: str) -> str:
    return f"{settings.PUBLIC_URL}{path}"


def webhook_definitions() -> list[dict[str, Any]]:
    """The webhooks PodOps wants, in the manifest's (and ``webhookCreate``'s) shape."""
    return [
        {
            "name": subscription.name,
            "identifier": f"podops-{subscription.event.path_segment}",
            "asyncEvents": [subscription.event.enum_name],
            "query": subscription.query,
            "targetUrl": absolute(f"/api/webhooks/{subscription.event.path_segment}"),
            "isActive": True,
        }
        for subscription in SUBSCRIPTIONS
    ]


def webhooks_fingerprint() -> str:
    """Changes whenever the wanted webhooks change: installations with another one need a sync."""
    canonical = json.dumps(webhook_definitions(), sort_keys=True).encode()
    return hashlib.sha256(canonical).hexdigest()


def build_manifest(version: str) -> dict[str, Any]:
    return {
        "id": APP_ID,
        "name": APP_NAME,
        "version": version,
        "about": (
            "Print-on-demand production inside Saleor: customer photos are reviewed, artists make "
            "the artwork, QC and the customer approve it, and the job goes to the print partner and "
            "ships, on one timeline per order."
        ),
        "permissions": PERMISSIONS,
        "appUrl": absolute("/dashboard/"),
        "tokenTargetUrl": absolute("/api/register"),
        "requiredSaleorVersion": REQUIRED_SALEOR_VERSION,
        "author": "PodOps",
        "brand": {"logo": {"default": absolute("/api/logo.png")}},
        "homepageUrl": absolute("/"),
        "supportUrl": absolute("/support"),
        "dataPrivacyUrl": absolute("/privacy"),
        "webhooks": webhook_definitions(),
        "extensions": [
            {
                "identifier": extension.identifier,
                "label": extension.label,
                "mount": extension.mount,
                "target": extension.target,
                "permissions": PERMISSIONS,
                "url": absolute(extension.path),
            }
            for extension in EXTENSIONS
        ],
    }
