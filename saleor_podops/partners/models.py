"""The print partners an installation sends work to, with their secret and their rate limit."""

from __future__ import annotations

import secrets
import uuid
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from saleor_podops.core import crypto
from saleor_podops.core.models import TimestampedModel
from saleor_podops.saleor.models import Installation


class PartnerKind(models.TextChoices):
    MANUAL = "MANUAL", "Manual (archive download, marked sent by a fulfiller)"
    GENERIC_HTTP = "GENERIC_HTTP", "Generic HTTP (JSON jobs, HMAC-signed, status webhooks)"
    PRINTFUL = "PRINTFUL", "Printful (order API, webhooks)"


# Partners PodOps calls over HTTP (jobs are sent, retried and cancelled by the worker).
API_KINDS = frozenset({PartnerKind.GENERIC_HTTP, PartnerKind.PRINTFUL})
PRINTFUL_API_URL = "https://api.printful.com"


class PrintPartner(TimestampedModel):
    """One print partner of one installation.

    ``public_id`` names the partner in its status webhook URL (``/api/partners/<public_id>/webhook``)
    so ids cannot be guessed. The shared secret signs the jobs PodOps sends and verifies the status
    webhooks the partner sends back; it is stored encrypted. Outgoing calls are limited by a token
    bucket kept on the row (``tokens`` at ``tokens_updated_at``), changed only with the row locked.

    A Printful partner has an API key instead (encrypted like the secret; ``endpoint_url`` is the
    API's address, Printful's by default), a webhook token that is part of its webhook URL
    (``/api/partners/<public_id>/webhook/<token>``, encrypted too) and its settings in ``options``
    (store id, SKU -> Printful variant id, file placement, shipping methods). PodOps points the
    Printful store's webhooks at that URL itself (``webhook_registered_at``, or the last refusal in
    ``webhook_registration_error``) and takes them away when the partner no longer reads them
    (``webhook_removed_at``, or ``webhook_removal_error``). ``webhook_api_url`` is the Printful API
    address they were pointed at PodOps through, kept while they may still point here (empty:
    nothing of PodOps' to remove); it outlives a change of the partner's kind or API address.
    """

    installation = models.ForeignKey(
        Installation, on_delete=models.CASCADE, related_name="print_partners"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=16, choices=PartnerKind.choices)
    endpoint_url = models.URLField(max_length=500, blank=True)
    encrypted_secret = models.TextField(blank=True)
    encrypted_api_key = models.TextField(blank=True)
    encrypted_webhook_token = models.TextField(blank=True)
    options: models.JSONField[dict[str, Any]] = models.JSONField(default=dict, blank=True)
    is_active = models.BooleanField(default=True)
    connect_timeout_seconds = models.FloatField(default=5.0)
    read_timeout_seconds = models.FloatField(default=20.0)
    rate_per_minute = models.PositiveIntegerField(default=60)
    burst = models.PositiveIntegerField(default=10)
    tokens = models.FloatField(default=10.0)
    tokens_updated_at = models.DateTimeField(default=timezone.now)
    webhook_registered_at = models.DateTimeField(null=True, blank=True)
    webhook_registration_error = models.TextField(blank=True)
    webhook_api_url = models.URLField(max_length=500, blank=True)
    webhook_removed_at = models.DateTimeField(null=True, blank=True)
    webhook_removal_error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["installation", "name"], name="one_partner_per_name"),
            models.CheckConstraint(
                condition=Q(rate_per_minute__gte=1, burst__gte=1), name="partner_rate_positive"
            ),
            models.CheckConstraint(
                condition=~Q(kind="GENERIC_HTTP") | ~Q(endpoint_url=""),
                name="http_partner_has_endpoint",
            ),
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def secret(self) -> str:
        return crypto.decrypt(self.encrypted_secret) if self.encrypted_secret else ""

    def set_secret(self, secret: str) -> None:
        self.encrypted_secret = crypto.encrypt(secret) if secret else ""

    @property
    def api_key(self) -> str:
        return crypto.decrypt(self.encrypted_api_key) if self.encrypted_api_key else ""

    def set_api_key(self, api_key: str) -> None:
        self.encrypted_api_key = crypto.encrypt(api_key) if api_key else ""

    @property
    def webhook_token(self) -> str:
        return crypto.decrypt(self.encrypted_webhook_token) if self.encrypted_webhook_token else ""

    def new_webhook_token(self) -> str:
        """A fresh random token for the webhook URL (the old URL stops working)."""
        token = secrets.token_urlsafe(32)
        self.encrypted_webhook_token = crypto.encrypt(token)
        return token

    def webhook_url(self, *, with_token: bool = True) -> str:
        """Where the partner posts its statuses (absolute; a Printful URL ends in its token)."""
        base = settings.PUBLIC_URL + reverse("partner-webhook", args=[str(self.public_id)])
        if self.kind != PartnerKind.PRINTFUL:
            return base
        return f"{base}/{self.webhook_token if with_token else ''}"


def _printful_api_address(partner: PrintPartner) -> str:
    parts = urlsplit(partner.endpoint_url or PRINTFUL_API_URL)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path.rstrip('/')}"


def printful_store_moved(before: PrintPartner, after: PrintPartner) -> bool:
    """Whether ``after``'s settings surely name another Printful store than ``before``'s: another
    API address, or another store id where both give one (a new API key alone may be a rotated
    key of the same store)."""
    if _printful_api_address(before) != _printful_api_address(after):
        return True
    first_store = str(before.options.get("store_id") or "")
    second_store = str(after.options.get("store_id") or "")
    return bool(first_store and second_store and first_store != second_store)


def same_printful_store(first: PrintPartner, second: PrintPartner) -> bool:
    """Whether two Printful partners' settings name one Printful store, as far as they tell: at
    the same API address, the same store id, or the same API key with the same store id or one
    left out (a store's own token, or an account token used for its only store). Two different
    store tokens of one store cannot be told apart without asking Printful."""
    if _printful_api_address(first) != _printful_api_address(second):
        return False
    first_store = str(first.options.get("store_id") or "")
    second_store = str(second.options.get("store_id") or "")
    if first_store and second_store:
        return first_store == second_store
    return bool(first.encrypted_api_key) and first.api_key == second.api_key
