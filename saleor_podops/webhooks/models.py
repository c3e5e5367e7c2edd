"""The webhook inbox: every verified delivery is stored before it is acknowledged."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from saleor_podops.core.models import LeanLoadingModel
from saleor_podops.saleor.models import Installation


class DeliveryStatus(models.TextChoices):
    PENDING = "PENDING", "Pending"
    PROCESSED = "PROCESSED", "Processed"
    IGNORED = "IGNORED", "Ignored"
    FAILED = "FAILED", "Failed"


class WebhookDelivery(LeanLoadingModel):
    """A verified webhook delivery. ``dedupe_key`` (event + SHA-256 of the raw body) makes
    re-deliveries of the same event collapse onto one row: Saleor sends no delivery id.

    A pending delivery is due at ``next_attempt_at`` (when it arrives, later after a failed attempt:
    exponential backoff); the drain claims due deliveries and processes each exactly once."""

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    event = models.CharField(max_length=64)
    dedupe_key = models.CharField(max_length=128)
    body = models.TextField()
    status = models.CharField(
        max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    received_at = models.DateTimeField(auto_now_add=True)
    duplicates = models.PositiveIntegerField(default=0)
    processed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "dedupe_key"], name="one_delivery_per_event_body"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event} #{self.pk} ({self.status})"
