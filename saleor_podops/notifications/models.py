"""Per-installation notification templates and timing, and the table of scheduled emails.

Scheduling is data (``ScheduledNotification`` rows processed by the ``send_due_notifications`` beat
task), so it survives restarts. Each row has an idempotency key, unique per installation: the same
email (event, order/item, version, reminder number) can be scheduled only once, and a row is claimed
with a conditional UPDATE before it is sent, so a retried task never sends it twice.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from saleor_podops.core.models import TimestampedModel
from saleor_podops.production.models import ProductionItem, ProductionOrder
from saleor_podops.saleor.models import Installation

from .events import NotificationEvent

EVENT_CHOICES = [
    (event.value, event.value.replace("_", " ").capitalize()) for event in NotificationEvent
]


def default_reminder_hours() -> list[int]:
    return [24, 72]


class NotificationTemplate(TimestampedModel):
    """A shop's own version of one event's email. No row: the default in ``defaults.py``."""

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    event = models.CharField(max_length=32, choices=EVENT_CHOICES)
    subject = models.CharField(max_length=1000)
    html_body = models.TextField()
    text_body = models.TextField()
    updated_by = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "event"], name="one_notification_template_per_event"
            )
        ]


class NotificationSettings(TimestampedModel):
    installation = models.OneToOneField(
        Installation, on_delete=models.CASCADE, related_name="notification_settings"
    )
    shop_name = models.CharField(max_length=255, blank=True)
    # Events switched off (every event is on by default).
    disabled_events: models.JSONField[list[str]] = models.JSONField(default=list, blank=True)
    # Event -> minutes to wait before sending (0 when absent).
    delay_minutes: models.JSONField[dict[str, int]] = models.JSONField(default=dict, blank=True)
    # Proof reminders, in hours after the proof was sent to the customer.
    reminder_hours: models.JSONField[list[int]] = models.JSONField(
        default=default_reminder_hours, blank=True
    )
    auto_approve_enabled = models.BooleanField(default=False)
    auto_approve_days = models.PositiveIntegerField(default=7)
    # No email goes out between start and end (shop time); both blank: no quiet hours.
    quiet_hours_start = models.TimeField(null=True, blank=True)
    quiet_hours_end = models.TimeField(null=True, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")


class NotificationStatus(models.TextChoices):
    PENDING = "PENDING", "Waiting to be sent"
    SENDING = "SENDING", "Being sent"
    SENT = "SENT", "Sent"
    CANCELLED = "CANCELLED", "Cancelled"
    SKIPPED = "SKIPPED", "Skipped"
    FAILED = "FAILED", "Failed"


class ScheduledNotification(TimestampedModel):
    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    event = models.CharField(max_length=32, choices=EVENT_CHOICES)
    order = models.ForeignKey(
        ProductionOrder, on_delete=models.CASCADE, related_name="notifications"
    )
    item = models.ForeignKey(
        ProductionItem, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    idempotency_key = models.CharField(max_length=255)
    # Pending rows of one group are cancelled together (e.g. a proof's reminders once it is decided).
    group = models.CharField(max_length=255, blank=True, db_index=True)
    # When set, the email goes only while the item is still in the stay that began then (e.g. a
    # proof reminder is skipped once the item has left customer approval).
    item_stage = models.CharField(max_length=32, blank=True)
    item_stage_entered_at = models.DateTimeField(null=True, blank=True)
    recipient = models.EmailField()
    context: models.JSONField[dict[str, Any]] = models.JSONField(default=dict)
    due_at = models.DateTimeField()
    status = models.CharField(
        max_length=16, choices=NotificationStatus.choices, default=NotificationStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "idempotency_key"], name="one_notification_per_key"
            )
        ]
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=models.Q(status="PENDING"),
                name="notification_pending_due",
            )
        ]
        ordering = ["due_at", "id"]
