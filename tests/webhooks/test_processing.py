"""Processing stored deliveries: dispatch, retries, app deletion, and the way back to Saleor."""

from __future__ import annotations

import pytest
from django.utils import timezone

from saleor_podops.production.models import ProductionOrder
from saleor_podops.saleor.models import Installation, OutboxMessage, OutboxStatus
from saleor_podops.saleor.webhook_events import SaleorEvent
from saleor_podops.webhooks import inbox, tasks
from saleor_podops.webhooks.models import DeliveryStatus, WebhookDelivery

from ..conftest import PostWebhook
from ..payloads import webhook_body
from ..saleor_stub import SaleorStub

pytestmark = pytest.mark.django_db


def stored(installation: Installation, event: SaleorEvent, **kwargs) -> WebhookDelivery:  # type: ignore[no-untyped-def]
    delivery_id, _ = inbox.delivery_store(
        installation=installation, event=event, body=webhook_body(event, **kwargs)
    )
    return WebhookDelivery.objects.get(pk=delivery_id)


def test_a_paid_order_ends_with_podops_stage_and_a_note_on_the_saleor_order(
    installation: Installation,
    saleor: SaleorStub,
    post_webhook: PostWebhook,
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID)

    order = ProductionOrder.objects.get()
    assert [(r["operation"], r["variables"]) for r in saleor.requests] == [
        (
            "UpdatePublicMetadata",
            {
                "id": order.saleor_order_id,
                "input": [
                    {"key": "podops.stage", "value": "IMAGE_REVIEW"},
                    {"key": "podops.status", "value": "OPEN"},
                ],
            },
        ),
        (
            "OrderNoteAdd",
            {
                "order": order.saleor_order_id,
                "message": "PodOps: production stage is now Image review.",
            },
        ),
    ]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}


def test_a_failing_handler_keeps_the_delivery_pending_and_rolls_back_its_work(
    installation: Installation, monkeypatch: pytest.MonkeyPatch
) -> None:
    delivery = stored(installation, SaleorEvent.ORDER_FULLY_PAID)

    def broken(**kwargs):  # type: ignore[no-untyped-def]
        ProductionOrder.objects.create(installation=installation, saleor_order_id="x", number="1")
        raise ConnectionError("database hiccup")

    monkeypatch.setattr("saleor_podops.webhooks.handlers.order_event_received", broken)

    assert inbox.delivery_process(delivery.pk) == DeliveryStatus.PENDING

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 1)
    assert delivery.error == "ConnectionError: database hiccup"
    assert delivery.next_attempt_at > timezone.now()
    assert ProductionOrder.objects.count() == 0


def test_a_delivery_fails_for_good_after_the_last_attempt(
    installation: Installation, monkeypatch: pytest.MonkeyPatch
) -> None:
    delivery = stored(installation, SaleorEvent.ORDER_FULLY_PAID)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(attempts=inbox.MAX_ATTEMPTS - 1)
    monkeypatch.setattr(
        "saleor_podops.webhooks.handlers.order_event_received",
        lambda **kwargs: (_ for _ in ()).throw(RuntimeError("still broken")),
    )

    assert inbox.delivery_process(delivery.pk) == DeliveryStatus.FAILED

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.processed_at is not None


def test_a_processed_delivery_is_never_processed_again(installation: Installation) -> None:
    delivery = stored(installation, SaleorEvent.ORDER_FULLY_PAID)
    assert inbox.delivery_process(delivery.pk) == DeliveryStatus.PROCESSED

    assert inbox.delivery_process(delivery.pk) is None

    assert ProductionOrder.objects.count() == 1


def test_app_deleted_deactivates_the_installation_and_keeps_its_data(
    installation: Installation,
    saleor: SaleorStub,
    post_webhook: PostWebhook,
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID)
        response = post_webhook(saleor, SaleorEvent.APP_DELETED, app_id=installation.app_id)

    assert response.status_code == 200
    installation.refresh_from_db()
    assert installation.is_active is False
    assert installation.deactivated_at is not None
    assert ProductionOrder.objects.filter(installation=installation).count() == 1
    later = post_webhook(saleor, SaleorEvent.ORDER_UPDATED)
    assert later.status_code == 401


def test_app_deleted_for_another_app_is_ignored(installation: Installation) -> None:
    delivery = stored(installation, SaleorEvent.APP_DELETED, app_id="QXBwOjQ0")

    assert inbox.delivery_process(delivery.pk) == DeliveryStatus.IGNORED

    installation.refresh_from_db()
    assert installation.is_active is True


def test_deliveries_of_an_inactive_installation_are_ignored(installation: Installation) -> None:
    delivery = stored(installation, SaleorEvent.ORDER_FULLY_PAID)
    Installation.objects.update(is_active=False)

    assert inbox.delivery_process(delivery.pk) == DeliveryStatus.IGNORED

    assert ProductionOrder.objects.count() == 0


def test_the_periodic_sweep_processes_deliveries_whose_dispatch_was_lost(
    installation: Installation,
) -> None:
    stored(installation, SaleorEvent.ORDER_FULLY_PAID)  # on-commit callbacks never ran

    assert tasks.process_pending_deliveries() == 1

    assert WebhookDelivery.objects.get().status == DeliveryStatus.PROCESSED
    assert ProductionOrder.objects.count() == 1
