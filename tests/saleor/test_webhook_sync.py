"""Webhook migrations: PodOps keeps each installation's Saleor webhooks in line with its manifest."""

from __future__ import annotations

from typing import Any

import pytest

from saleor_podops.saleor.manifest import webhook_definitions, webhooks_fingerprint
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.webhook_sync import sync_outdated_installations, webhooks_sync

from ..saleor_stub import SaleorStub

pytestmark = pytest.mark.django_db


class FakeSaleorWebhooks:
    """Saleor's webhook table for the app, answering the three documents the sync sends."""

    def __init__(self, stub: SaleorStub, webhooks: list[dict[str, Any]]) -> None:
        self.webhooks = {f"V2ViaG9vazo{i}": w for i, w in enumerate(webhooks)}
        stub.responders["AppWebhooks"] = self.list
        stub.responders["WebhookCreate"] = self.create
        stub.responders["WebhookUpdate"] = self.update

    def list(self, _: dict[str, Any]) -> dict[str, Any]:
        return {
            "app": {
                "id": "QXBwOjE=",
                "webhooks": [
                    {
                        "id": webhook_id,
                        "name": w["name"],
                        "identifier": w.get("identifier"),
                        "targetUrl": w["targetUrl"],
                        "isActive": w["isActive"],
                        "asyncEvents": [{"eventType": e} for e in w["asyncEvents"]],
                        "subscriptionQuery": w["query"],
                    }
                    for webhook_id, w in self.webhooks.items()
                ],
            }
        }

    def create(self, request: dict[str, Any]) -> dict[str, Any]:
        webhook_id = f"V2ViaG9vazo{len(self.webhooks)}"
        self.webhooks[webhook_id] = dict(request["variables"]["input"])
        return {"webhookCreate": {"errors": [], "webhook": {"id": webhook_id}}}

    def update(self, request: dict[str, Any]) -> dict[str, Any]:
        self.webhooks[request["variables"]["id"]].update(request["variables"]["input"])
        return {"webhookUpdate": {"errors": [], "webhook": {"id": request["variables"]["id"]}}}


def test_an_up_to_date_installation_needs_no_sync(
    installation: Installation, saleor: SaleorStub
) -> None:
    assert installation.webhooks_fingerprint == webhooks_fingerprint()

    assert sync_outdated_installations() == {}
    assert saleor.requests == []


def test_sync_creates_missing_updates_changed_and_deactivates_unwanted_webhooks(
    installation: Installation, saleor: SaleorStub
) -> None:
    wanted = webhook_definitions()
    changed = {**wanted[1], "query": "subscription { event { __typename } }"}
    legacy = {
        "name": "PodOps old event",
        "identifier": "podops-order-fulfilled",
        "targetUrl": "http://localhost:8000/api/webhooks/order-fulfilled",
        "isActive": True,
        "asyncEvents": ["ORDER_FULFILLED"],
        "query": "subscription { event { __typename } }",
    }
    someone_elses = {
        **legacy,
        "identifier": "other-app-hook",
        "targetUrl": "https://x.example/hook",
    }
    fake = FakeSaleorWebhooks(saleor, [wanted[0], changed, legacy, someone_elses])
    Installation.objects.update(webhooks_fingerprint="old")

    outcome = sync_outdated_installations()

    assert outcome == {installation.saleor_api_url: "created 5, updated 1, deactivated 1"}
    by_identifier = {w.get("identifier"): w for w in fake.webhooks.values()}
    for definition in wanted:
        assert {k: by_identifier[definition["identifier"]][k] for k in definition} == definition
    assert by_identifier["podops-order-fulfilled"]["isActive"] is False
    assert by_identifier["other-app-hook"]["isActive"] is True
    installation.refresh_from_db()
    assert installation.webhooks_fingerprint == webhooks_fingerprint()


def test_sync_is_idempotent(installation: Installation, saleor: SaleorStub) -> None:
    FakeSaleorWebhooks(saleor, webhook_definitions())

    result = webhooks_sync(installation=installation)

    assert (result.created, result.updated, result.deactivated) == ([], [], [])
    assert [r["operation"] for r in saleor.requests] == ["AppWebhooks"]


def test_a_failed_sync_is_retried_on_the_next_run(
    installation: Installation, saleor: SaleorStub
) -> None:
    Installation.objects.update(webhooks_fingerprint="old")
    saleor.responders["AppWebhooks"] = lambda _: {"app": None}

    outcome = sync_outdated_installations()

    assert outcome == {
        installation.saleor_api_url: "failed: app_webhooks: the token does not belong to an app"
    }
    installation.refresh_from_db()
    assert installation.webhooks_fingerprint == "old"
