"""The intake's per-process installation cache: used while fresh, dropped on every change this
process makes, and never the reason a genuine delivery is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from saleor_podops.saleor import installation_cache
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.webhook_events import SaleorEvent
from saleor_podops.webhooks.models import WebhookDelivery

from ..conftest import PostWebhook, install_from, signing_key
from ..payloads import order
from ..saleor_stub import SaleorStub

pytestmark = pytest.mark.django_db


def _deliver(post_webhook: PostWebhook, saleor: SaleorStub, number: str) -> Any:
    return post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID, order_data=order(number))


def test_a_cached_installation_leaves_one_statement_per_delivery(
    installation: Installation,
    saleor: SaleorStub,
    post_webhook: PostWebhook,
    django_assert_num_queries: Any,
) -> None:
    # given the installation was read by an earlier delivery
    assert _deliver(post_webhook, saleor, "1").status_code == 200

    # when the next delivery arrives, then its only query is the INSERT that stores it
    with django_assert_num_queries(1) as captured:
        response = _deliver(post_webhook, saleor, "2")

    assert response.status_code == 200
    assert captured.captured_queries[0]["sql"].startswith("INSERT INTO")
    assert "ON CONFLICT" in captured.captured_queries[0]["sql"]
    assert WebhookDelivery.objects.count() == 2


def test_a_reinstall_in_this_process_drops_the_cached_installation(
    installation: Installation, saleor: SaleorStub, post_webhook: PostWebhook
) -> None:
    # given a cached installation
    assert _deliver(post_webhook, saleor, "1").status_code == 200

    # when the app is reinstalled with a rotated key and a new app id
    saleor.keys = [signing_key("key-2")]
    saleor.app_id = "QXBwOjI="
    install_from(saleor, token="app-token-2")
    saleor.jwks_requests = 0
    response = _deliver(post_webhook, saleor, "2")

    # then the next delivery is verified with the new keys, fetched at install and not again
    assert response.status_code == 200
    assert saleor.jwks_requests == 0
    assert installation_cache.get(installation.saleor_api_url).app_id == "QXBwOjI="  # type: ignore[union-attr]


def test_an_uninstall_in_this_process_is_seen_at_once(
    installation: Installation, saleor: SaleorStub, post_webhook: PostWebhook
) -> None:
    from saleor_podops.saleor.installations import deactivate

    assert _deliver(post_webhook, saleor, "1").status_code == 200

    deactivate(installation=installation)
    response = _deliver(post_webhook, saleor, "2")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "UNKNOWN_INSTALLATION"
    assert WebhookDelivery.objects.count() == 1


def test_an_uninstall_in_another_process_is_seen_when_the_entry_expires(
    installation: Installation,
    saleor: SaleorStub,
    post_webhook: PostWebhook,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given a cached installation, deactivated by another process (no invalidation here)
    assert _deliver(post_webhook, saleor, "1").status_code == 200
    Installation.objects.update(is_active=False, deactivated_at=timezone.now())

    # when the cache entry has expired
    monkeypatch.setattr(installation_cache, "TTL_SECONDS", 0.0)
    response = _deliver(post_webhook, saleor, "2")

    # then the delivery is refused as the database has it
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "UNKNOWN_INSTALLATION"
    assert WebhookDelivery.objects.count() == 1


def test_a_key_change_in_another_process_is_used_instead_of_refusing(
    installation: Installation, saleor: SaleorStub, post_webhook: PostWebhook
) -> None:
    # given a cached installation, whose keys another process has just refetched after a rotation
    assert _deliver(post_webhook, saleor, "1").status_code == 200
    saleor.keys = [signing_key("key-2")]
    Installation.objects.update(jwks=saleor.jwks(), jwks_fetched_at=timezone.now())
    saleor.jwks_available = False  # and this process could not fetch them now

    # when a delivery signed with the new key arrives
    response = _deliver(post_webhook, saleor, "2")

    # then the cached keys fail, the row is read again, and the delivery is accepted with it
    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    assert WebhookDelivery.objects.count() == 2


def test_a_forged_delivery_is_refused_on_the_cached_installation_without_another_read(
    installation: Installation,
    saleor: SaleorStub,
    post_webhook: PostWebhook,
    django_assert_num_queries: Any,
) -> None:
    # given a cached installation whose keys were refetched moments ago
    assert _deliver(post_webhook, saleor, "1").status_code == 200
    installation_cache.invalidate()
    Installation.objects.update(jwks_fetched_at=timezone.now())
    assert _deliver(post_webhook, saleor, "2").status_code == 200

    # when a delivery signed with an unknown key arrives, then it is refused (retry later: within
    # the refetch cooldown) after one read of the unchanged row, and no keys are fetched
    with django_assert_num_queries(1):
        response = post_webhook(
            saleor, SaleorEvent.ORDER_FULLY_PAID, key=signing_key("forger"), order_data=order("3")
        )

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "KEYS_UNAVAILABLE"
    assert WebhookDelivery.objects.count() == 2
    assert saleor.jwks_requests == 0
