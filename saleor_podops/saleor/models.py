"""What PodOps keeps of each Saleor instance that installed it, and what it owes Saleor (outbox)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from saleor_podops.core import crypto
from saleor_podops.core.models import TimestampedModel

from .urls import jwks_url_for


class Installation(TimestampedModel):
    """One Saleor instance that installed PodOps. Every row of production data belongs to one."""

    saleor_api_url = models.URLField(max_length=500, unique=True)
    saleor_domain = models.CharField(max_length=255, blank=True)
    app_id = models.CharField(max_length=255)
    encrypted_token = models.TextField()
    jwks = models.JSONField(default=dict)
    jwks_fetched_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    webhooks_fingerprint = models.CharField(
        max_length=64, blank=True, help_text="Which webhook definitions Saleor has for this app"
    )
    installed_at = models.DateTimeField(default=timezone.now)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["is_active"])]

    def __str__(self) -> str:
        return self.saleor_api_url

    @property
    def auth_token(self) -> str:
        return crypto.decrypt(self.encrypted_token)

    def set_auth_token(self, token: str) -> None:
        self.encrypted_token = crypto.encrypt(token)

    @property
    def jwks_url(self) -> str:
        return jwks_url_for(self.saleor_api_url)


class OutboxStatus(models.TextChoices):
    PENDING = "PENDING", "Pending"
    SENT = "SENT", "Sent"
    FAILED = "FAILED", "Failed permanently"


class OutboxKind(models.TextChoices):
    UPDATE_METADATA = "UPDATE_METADATA", "Update public metadata"
    ADD_ORDER_NOTE = "ADD_ORDER_NOTE", "Add order note"
    FULFILL_ORDER_LINES = "FULFILL_ORDER_LINES", "Fulfil order lines (with tracking)"
    UPDATE_FULFILLMENT_TRACKING = "UPDATE_FULFILLMENT_TRACKING", "Update a fulfillment's tracking"


class OutboxMessage(TimestampedModel):
    """A write to Saleor that must happen, kept until Saleor has accepted it.

    Metadata writes to the same object coalesce (``coalesce_key``): only the newest state is sent.
    Notes are sent once each, in creation order. A fulfilment keeps what Saleor answered in
    ``result`` (the fulfillment id), which later tracking updates of the same parcel need.
    """

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="outbox")
    kind = models.CharField(max_length=32, choices=OutboxKind.choices)
    saleor_object_id = models.CharField(max_length=255)
    payload: models.JSONField[Any] = models.JSONField(default=dict)
    coalesce_key = models.CharField(max_length=255, blank=True)
    status = models.CharField(
        max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    result: models.JSONField[dict[str, Any]] = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        ordering = ["id"]
