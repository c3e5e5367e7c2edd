"""The webhook intake over HTTP: every answer the verified path can give, with real signatures."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from saleor_podops.production.models import ProductionOrder
from saleor_podops.saleor.webhook_events import SaleorEvent
from saleor_podops.webhooks.models import DeliveryStatus, WebhookDelivery

from ..conftest import PostWebhook, signing_key
from ..payloads import event_payload, webhook_body
from ..saleor_stub import SaleorStub, SigningKey

pytestmark = pytest.mark.django_db


def nothing_stored() -> bool:
    return not WebhookDelivery.objects.exists() and not ProductionOrder.objects.exists()


def test_signed_fully_paid_order_is_accepted_and_becomes_a_production_order(
    installation, saleor: SaleorStub, post_webhook: PostWebhook, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID)

    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PROCESSED
    order = ProductionOrder.objects.get()
    assert (order.installation, order.number, order.items.count()) == (installation, "1023", 1)


def test_forged_signature_is_refused_after_one_key_refetch(
    installation, saleor: SaleorStub, post_webhook: PostWebhook
) -> None:
    """Signed by another private key that claims the installation's key id."""
    forger = SigningKey(signing_key("forger").private, kid=saleor.key.kid)

    response = post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID, key=forger)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "INVALID_SIGNATURE"
    assert saleor.jwks_requests == 1
    assert nothing_stored()


def test_unknown_key_id_refetches_the_key_set_once_then_refuses(
    installation, saleor: SaleorStub, post_webhook: PostWebhook
) -> None:
    response = post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID, key=signing_key("unknown-kid"))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "INVALID_SIGNATURE"
    assert saleor.jwks_requests == 1
    assert nothing_stored()


def test_rotated_key_is_fetched_and_the_delivery_accepted(
    installation, saleor: SaleorStub, post_webhook: PostWebhook
) -> None:
    saleor.keys = [signing_key("key-2")]

    first = post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID)
    second = post_webhook(saleor, SaleorEvent.ORDER_UPDATED)

    assert (first.status_code, second.status_code) == (200, 200)
    assert saleor.jwks_requests == 1  # the new key set is cached after the first refetch
    installation.refresh_from_db()
    assert [key["kid"] for key in installation.jwks["keys"]] == ["key-2"]


def test_key_set_unreachable_answers_503_so_saleor_retries(
    installation, saleor: SaleorStub, post_webhook: PostWebhook
) -> None:
    saleor.jwks_available = False

    response = post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID, key=signing_key("key-new"))

    assert response.status_code == 503
    assert nothing_stored()


@pytest.mark.parametrize(
    ("missing", "status", "code"),
    [
        ("Saleor-Api-Url", 400, "MISSING_HEADER"),
        ("Saleor-Event", 400, "MISSING_HEADER"),
        ("Saleor-Signature", 401, "MISSING_SIGNATURE"),
    ],
)
def test_missing_headers_are_refused(
    installation, saleor: SaleorStub, post_webhook: PostWebhook, missing, status, code
) -> None:
    response = post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID, headers={missing: None})

    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert nothing_stored()


def test_deprecated_x_saleor_headers_are_accepted_as_twins(
    installation, saleor: SaleorStub, post_webhook: PostWebhook
) -> None:
    body = webhook_body(SaleorEvent.ORDER_FULLY_PAID)
    headers = {
        "Saleor-Event": None,
        "Saleor-Api-Url": None,
        "Saleor-Signature": None,
        "X-Saleor-Event": "order_fully_paid",
        "X-Saleor-Api-Url": saleor.api_url,
        "X-Saleor-Signature": saleor.key.sign_webhook(body),
    }

    response = post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID, body, headers=headers)

    assert response.status_code == 200


def test_event_header_must_match_the_endpoint(
    installation, saleor: SaleorStub, post_webhook: PostWebhook
) -> None:
    response = post_webhook(
        saleor, SaleorEvent.ORDER_FULLY_PAID, endpoint=SaleorEvent.ORDER_CANCELLED
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "WRONG_EVENT"
    assert nothing_stored()


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"[1, 2]", b'{"order": {"id": "T3JkZXI6MQ=="}}', b""],
    ids=["not-json", "not-an-object", "missing-fields", "empty"],
)
def test_malformed_payloads_are_refused_with_400(
    installation, saleor: SaleorStub, post_webhook: PostWebhook, body: bytes
) -> None:
    response = post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID, body)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "MALFORMED_PAYLOAD"
    assert nothing_stored()


@override_settings(WEBHOOK_MAX_BODY_BYTES=1024)
def test_oversized_body_is_refused_with_413(
    installation, saleor: SaleorStub, post_webhook: PostWebhook
) -> None:
    body = webhook_body(SaleorEvent.ORDER_FULLY_PAID)
    assert len(body) > 1024

    response = post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID, body)

    assert response.status_code == 413
    assert nothing_stored()


def test_unknown_installation_is_refused_with_401(
    db, saleor: SaleorStub, post_webhook: PostWebhook
) -> None:
    response = post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "UNKNOWN_INSTALLATION"
    assert nothing_stored()


def test_get_is_not_allowed_and_unknown_endpoints_are_404(client, installation) -> None:
    assert client.get("/api/webhooks/order-fully-paid").status_code == 405
    assert client.post("/api/webhooks/checkout-completed").status_code == 404


def test_duplicate_delivery_changes_nothing(
    installation, saleor: SaleorStub, post_webhook: PostWebhook, django_capture_on_commit_callbacks
) -> None:
    body = webhook_body(SaleorEvent.ORDER_FULLY_PAID)
    with django_capture_on_commit_callbacks(execute=True):
        first = post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID, body)
    events_after_first = list(ProductionOrder.objects.get().events.values_list("type", flat=True))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID, body)

    assert first.json()["status"] == "accepted"
    assert second.json() == {"status": "duplicate", "delivery": first.json()["delivery"]}
    assert callbacks == []
    assert WebhookDelivery.objects.get().duplicates == 1
    order = ProductionOrder.objects.get()
    assert list(order.events.values_list("type", flat=True)) == events_after_first


def test_the_apps_own_events_are_acknowledged_and_ignored(
    installation, saleor: SaleorStub, post_webhook: PostWebhook
) -> None:
    response = post_webhook(saleor, SaleorEvent.ORDER_UPDATED, issued_by_app=installation.app_id)

    assert response.status_code == 200
    assert response.json()["status"] == "ignored"
    assert nothing_stored()


def test_another_apps_events_are_processed(
    installation, saleor: SaleorStub, post_webhook: PostWebhook, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID, issued_by_app="QXBwOjc3")

    assert response.json()["status"] == "accepted"
    assert ProductionOrder.objects.count() == 1


def test_real_saleor_delivery_shape_is_accepted_at_the_http_layer(
    installation, saleor: SaleorStub, post_webhook: PostWebhook
) -> None:
    """A body exactly as Saleor serialises it (no whitespace normalisation) verifies byte for byte."""
    payload = event_payload(SaleorEvent.ORDER_CREATED)
    payload.pop("issuingPrincipal")
    payload["issuingPrincipal"] = None
    body = json.dumps(payload, separators=(",", ":")).encode()

    response = post_webhook(saleor, SaleorEvent.ORDER_CREATED, body)

    assert response.status_code == 200


def test_forged_requests_cannot_make_podops_refetch_keys_on_every_request(
    installation, saleor: SaleorStub, post_webhook: PostWebhook
) -> None:
    forger = SigningKey(signing_key("forger").private, kid=saleor.key.kid)

    answers = [post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID, key=forger) for _ in range(3)]

    assert [a.status_code for a in answers] == [401, 401, 401]
    assert saleor.jwks_requests == 1
    assert nothing_stored()


def test_an_unknown_key_right_after_a_refetch_answers_503_so_saleor_retries_later(
    installation, saleor: SaleorStub, post_webhook: PostWebhook
) -> None:
    post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID, key=signing_key("unknown-kid"))

    again = post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID, key=signing_key("unknown-kid"))

    assert again.status_code == 503
    assert again.json()["error"]["code"] == "KEYS_UNAVAILABLE"
    assert saleor.jwks_requests == 1
    assert nothing_stored()


def test_after_the_cooldown_a_rotated_key_is_fetched(
    installation, saleor: SaleorStub, post_webhook: PostWebhook
) -> None:
    post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID, key=signing_key("unknown-kid"))
    saleor.keys = [signing_key("key-3")]

    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        response = post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID)

    assert response.status_code == 200
    assert saleor.jwks_requests == 2
