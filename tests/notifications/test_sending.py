"""Scheduled emails: one per idempotency key, sent once even when tasks are retried or run twice,
retried after a backend failure, never resent after a worker died mid-send; switches and delays."""

from __future__ import annotations

import smtplib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from saleor_podops.notifications.events import NotificationEvent
from saleor_podops.notifications.models import (
    NotificationSettings,
    NotificationStatus,
    NotificationTemplate,
    ScheduledNotification,
)
from saleor_podops.notifications.scheduling import notification_schedule
from saleor_podops.notifications.sending import SendOutcome, notification_send
from saleor_podops.notifications.shipping import order_shipped_notify
from saleor_podops.notifications.tasks import (
    schedule_assignment_notifications,
    send_due_notifications,
    send_notification,
)
from saleor_podops.production.models import EventType, ProductionItem, TimelineEvent
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.assignment import queue_fill
from saleor_podops.staff.roles import Role

from ..customer_api import customer_order
from ..staff_api import PROCESSOR, staff_member

T0 = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.fixture
def item(installation: Installation) -> ProductionItem:
    return customer_order(installation)


def _schedule(item: ProductionItem, key: str = "proof:1", **kwargs: Any) -> Any:
    with transaction.atomic():
        return notification_schedule(
            event=kwargs.pop("event", NotificationEvent.PROOF_READY),
            order=item.order,
            item=item,
            recipient=item.order.customer_email,
            key=key,
            context={"approval_link": "https://podops.example.com/approvals/x", "version": "1"},
            **kwargs,
        )


def test_the_same_email_is_scheduled_and_sent_once(item: ProductionItem) -> None:
    first = _schedule(item)
    again = _schedule(item)

    assert first.pk == again.pk
    assert ScheduledNotification.objects.count() == 1
    assert first.idempotency_key == "PROOF_READY:proof:1"

    assert send_due_notifications() == 1
    assert send_due_notifications() == 0
    assert send_notification(first.pk) == "NOT_DUE"  # a retried task
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ashley.cook@example.com"]
    assert message.subject == "Order 1001: your proof is ready"
    assert message.extra_headers["X-PodOps-Notification"] == "PROOF_READY:proof:1"
    assert "https://podops.example.com/approvals/x" in message.alternatives[0][0]
    sent = TimelineEvent.objects.get(type=EventType.NOTIFICATION_SENT)
    assert (sent.reason_code, sent.is_internal, sent.data["to"]) == (
        "PROOF_READY",
        False,
        "ashley.cook@example.com",
    )


def test_a_row_another_worker_claimed_is_not_sent_again(item: ProductionItem) -> None:
    row = _schedule(item)
    ScheduledNotification.objects.filter(pk=row.pk).update(
        status=NotificationStatus.SENDING, claimed_at=timezone.now()
    )

    assert notification_send(pk=row.pk) == SendOutcome.NOT_DUE
    assert send_due_notifications() == 0
    assert mail.outbox == []


def test_a_send_interrupted_by_a_dead_worker_is_failed_not_resent(item: ProductionItem) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        row = _schedule(item)
        ScheduledNotification.objects.filter(pk=row.pk).update(
            status=NotificationStatus.SENDING, claimed_at=timezone.now()
        )
        clock.move_to(T0 + timedelta(hours=2))
        assert send_due_notifications() == 0

    row.refresh_from_db()
    assert row.status == NotificationStatus.FAILED
    assert row.last_error.startswith("The worker stopped while sending")
    assert mail.outbox == []


def test_a_backend_failure_is_retried_later_and_sent_once(
    item: ProductionItem, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_send = EmailMultiAlternatives.send
    calls = {"n": 0}

    def flaky_send(self: EmailMultiAlternatives, fail_silently: bool = False) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            raise smtplib.SMTPServerDisconnected("connection lost")
        return real_send(self, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", flaky_send)
    with time_machine.travel(T0, tick=False) as clock:
        row = _schedule(item)
        assert notification_send(pk=row.pk) == SendOutcome.RETRY
        row.refresh_from_db()
        assert (row.status, row.due_at, row.last_error) == (
            NotificationStatus.PENDING,
            T0 + timedelta(minutes=2),
            "connection lost",
        )
        assert send_due_notifications() == 0

        clock.move_to(T0 + timedelta(minutes=2))
        assert send_due_notifications() == 1
        assert send_due_notifications() == 0

    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (NotificationStatus.SENT, 2)


def test_switched_off_events_are_not_scheduled_or_sent(item: ProductionItem) -> None:
    settings = NotificationSettings.objects.create(
        installation=item.installation, disabled_events=["PROOF_REMINDER"]
    )
    assert _schedule(item, "proof:1:reminder:1", event=NotificationEvent.PROOF_REMINDER) is None

    row = _schedule(item)
    settings.disabled_events = ["PROOF_READY"]
    settings.save()
    assert notification_send(pk=row.pk) == SendOutcome.SKIPPED

    assert mail.outbox == []
    assert list(ScheduledNotification.objects.values_list("status", flat=True)) == ["SKIPPED"]


def test_each_event_waits_its_delay(item: ProductionItem) -> None:
    NotificationSettings.objects.create(
        installation=item.installation, delay_minutes={"PROOF_READY": 30}
    )
    with time_machine.travel(T0, tick=False) as clock:
        row = _schedule(item)
        assert row.due_at == T0 + timedelta(minutes=30)
        assert send_due_notifications() == 0
        clock.move_to(T0 + timedelta(minutes=30))
        assert send_due_notifications() == 1


def test_the_shops_template_is_used_and_customer_values_are_escaped(item: ProductionItem) -> None:
    NotificationTemplate.objects.create(
        installation=item.installation,
        event="PROOF_READY",
        subject="Design {{ version }} for {{ customer_name }}",
        html_body="<p>{{ customer_name }}</p>",
        text_body="Hi {{ customer_name }}",
    )
    order = item.order
    order.shipping_address = {"firstName": "<script>alert(1)</script>", "lastName": ""}
    order.save()
    _schedule(item)

    send_due_notifications()

    message = mail.outbox[0]
    assert message.subject == "Design 1 for <script>alert(1)</script>"
    assert message.alternatives[0][0] == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_a_template_can_speak_the_customers_language(installation: Installation) -> None:
    NotificationTemplate.objects.create(
        installation=installation,
        event="PROOF_READY",
        subject="{% if language == 'de' %}Ihr Entwurf{% else %}Your design{% endif %} {{ version }}",
        html_body="<p>{{ language }}</p>",
        text_body="{{ language }}",
    )
    _schedule(customer_order(installation, "1001", language="DE"))
    _schedule(customer_order(installation, "1002"), key="proof:2")

    send_due_notifications()

    assert sorted(m.subject for m in mail.outbox) == ["Ihr Entwurf 1", "Your design 1"]


def test_shipped_email_with_tracking_once_per_shipment(item: ProductionItem) -> None:
    with transaction.atomic():
        order_shipped_notify(
            order=item.order,
            shipment_key="RnVsZmlsbG1lbnQ6MQ==",
            tracking_number="1Z999",
            tracking_url="https://track.example.com/1Z999",
            carrier="UPS",
        )
        order_shipped_notify(order=item.order, shipment_key="RnVsZmlsbG1lbnQ6MQ==")

    send_due_notifications()

    assert [m.subject for m in mail.outbox] == ["Order 1001 is on its way"]
    assert "Track it here: https://track.example.com/1Z999" in mail.outbox[0].body
    assert "with UPS" in mail.outbox[0].body


def test_staff_hear_about_work_assigned_to_them_once(installation: Installation) -> None:
    staff_member(installation, PROCESSOR, Role.IMAGE_PROCESSOR)
    customer_order(installation)
    queue_fill(installation_id=installation.pk)

    assert schedule_assignment_notifications() == 1
    assert schedule_assignment_notifications() == 0
    send_due_notifications()

    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("New work: order 1001 (Image review)", ["vxnlcjoz@example.com"])
    ]
    sent = TimelineEvent.objects.get(type=EventType.NOTIFICATION_SENT)
    assert sent.is_internal is True
