"""The delivery drain: due deliveries processed once each, backoff after a failure, the sweeper,
re-deliveries of failed deliveries, and the coalesced wake of the web process."""

from __future__ import annotations

import itertools
import threading
import time
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from saleor_podops.production.models import ProductionOrder
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.webhook_events import SaleorEvent
from saleor_podops.webhooks import inbox, tasks, wake
from saleor_podops.webhooks.models import DeliveryStatus, WebhookDelivery

from ..conftest import PostWebhook
from ..payloads import order, webhook_body
from ..saleor_stub import SaleorStub

pytestmark = pytest.mark.django_db


def stored(installation: Installation, number: str) -> WebhookDelivery:
    delivery_id, created = inbox.delivery_store(
        installation=installation,
        event=SaleorEvent.ORDER_FULLY_PAID,
        body=webhook_body(SaleorEvent.ORDER_FULLY_PAID, order_data=order(number)),
    )
    assert created
    return WebhookDelivery.objects.get(pk=delivery_id)


def failing_once(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The order handler fails on its first call and works afterwards; returns the calls."""
    from saleor_podops.intake.actions import order_event_received

    calls: list[str] = []

    def flaky(**kwargs: Any) -> None:
        calls.append(kwargs["payload"].order.number)
        if len(calls) == 1:
            raise ConnectionError("Saleor's database hiccup")
        order_event_received(**kwargs)

    monkeypatch.setattr("saleor_podops.webhooks.handlers.order_event_received", flaky)
    return calls


def test_backoff_doubles_from_ten_seconds_up_to_ten_minutes() -> None:
    assert [inbox.backoff(n).total_seconds() for n in range(1, 9)] == [
        10,
        20,
        40,
        80,
        160,
        320,
        600,
        600,
    ]


def test_the_drain_processes_every_due_delivery_once(installation: Installation) -> None:
    # given three stored deliveries whose wake never ran
    deliveries = [stored(installation, str(n)) for n in (1, 2, 3)]

    # when the drain runs twice
    first, second = inbox.drain(), inbox.drain()

    # then the first processed all three and the second found nothing
    assert (first.processed, first.more_due) == (3, False)
    assert (second.processed, second.more_due) == (0, False)
    assert sorted(WebhookDelivery.objects.values_list("id", "status", "attempts")) == [
        (d.pk, DeliveryStatus.PROCESSED, 1) for d in deliveries
    ]
    assert ProductionOrder.objects.count() == 3


def test_a_drain_stopping_at_its_limit_queues_the_next_one(
    installation: Installation, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in (1, 2, 3):
        stored(installation, str(n))
    monkeypatch.setattr(inbox, "DRAIN_BATCH", 2)

    assert tasks.drain_deliveries() == 2  # and the queued (eager) drain takes the third

    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {
        DeliveryStatus.PROCESSED
    }


def test_a_failed_attempt_waits_out_its_backoff_before_the_next(
    installation: Installation, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = failing_once(monkeypatch)
    delivery = stored(installation, "7")

    # when the first attempt fails
    assert inbox.drain().processed == 1

    # then the delivery is pending, due again in 10 s, with nothing of the handler's work kept
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.error) == (
        DeliveryStatus.PENDING,
        1,
        "ConnectionError: Saleor's database hiccup",
    )
    assert timedelta(seconds=9) < delivery.next_attempt_at - timezone.now() <= timedelta(seconds=10)
    assert ProductionOrder.objects.count() == 0

    # and a drain before then leaves it alone
    assert inbox.drain().processed == 0
    assert calls == ["7"]

    # and after 10 s the sweeper's drain processes it
    with time_machine.travel(timezone.now() + timedelta(seconds=11)):
        assert tasks.process_pending_deliveries() == 1

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.error) == (DeliveryStatus.PROCESSED, 2, "")
    assert calls == ["7", "7"]
    assert ProductionOrder.objects.count() == 1


def test_the_sweeper_drains_what_no_wake_reached(installation: Installation) -> None:
    stored(installation, "1")
    stored(installation, "2")

    assert tasks.process_pending_deliveries() == 2

    assert list(WebhookDelivery.objects.values_list("status", "attempts")) == [
        (DeliveryStatus.PROCESSED, 1),
        (DeliveryStatus.PROCESSED, 1),
    ]


def test_a_redelivery_of_a_failed_delivery_is_tried_again_at_once(
    installation: Installation,
    saleor: SaleorStub,
    post_webhook: PostWebhook,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a delivery that failed for good
    body = webhook_body(SaleorEvent.ORDER_FULLY_PAID, order_data=order("9"))
    delivery_id, _ = inbox.delivery_store(
        installation=installation, event=SaleorEvent.ORDER_FULLY_PAID, body=body
    )
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED,
        attempts=inbox.MAX_ATTEMPTS,
        error="RuntimeError: down",
        processed_at=timezone.now(),
    )

    # when Saleor delivers it again
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID, body)

    # then it is acknowledged as a duplicate, the drain is woken and processes it
    assert response.json() == {"status": "duplicate", "delivery": delivery.pk}
    assert callbacks[0] == wake.wake  # then the processing's own side effects
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.duplicates, delivery.error) == (
        DeliveryStatus.PROCESSED,
        inbox.MAX_ATTEMPTS + 1,
        1,
        "",
    )
    assert ProductionOrder.objects.get().number == "9"


def test_a_new_delivery_wakes_the_drain_once_it_is_committed(
    installation: Installation,
    saleor: SaleorStub,
    post_webhook: PostWebhook,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = post_webhook(saleor, SaleorEvent.ORDER_FULLY_PAID)

    assert response.json()["status"] == "accepted"
    assert callbacks == [wake.wake]


def test_the_waker_sends_one_message_per_interval_and_one_after_the_last_wake(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given a waker whose messages are recorded
    sent: list[float] = []
    lock = threading.Lock()

    def record(countdown: float | None = None) -> None:
        with lock:
            sent.append(time.monotonic())

    monkeypatch.setattr(wake, "_send", record)
    monkeypatch.setattr(wake, "WAKE_INTERVAL_SECONDS", 0.2)
    waker = wake._Waker()

    # when 200 deliveries wake it within about 0.1 s
    last_wake = 0.0
    for _ in range(200):
        last_wake = time.monotonic()
        waker.wake()
        time.sleep(0.0005)
    time.sleep(0.5)

    # then one message went at once and at most one more at the end of the interval, after the
    # last wake (so a drain starts after every stored delivery)
    assert 1 <= len(sent) <= 2
    assert sent[-1] >= last_wake
    assert all(b - a >= 0.2 for a, b in itertools.pairwise(sent))

    # and a wake after a quiet interval is sent at once
    before = time.monotonic()
    waker.wake()
    time.sleep(0.05)
    assert len([t for t in sent if t >= before]) == 1
