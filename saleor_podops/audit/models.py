"""The settings audit log: who changed which setting of an installation, when, from what to what.

One row per change that changed something; ``before`` and ``after`` hold only the fields that
changed. Secrets (a partner's shared secret, API key, webhook token) appear as markers saying that
they changed, never as their values."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from saleor_podops.core.models import LeanLoadingModel
from saleor_podops.production.models import ActorType
from saleor_podops.saleor.models import Installation


class SettingsArea(models.TextChoices):
    ROLES = "ROLES", "Roles"
    CAPACITY = "CAPACITY", "Capacity"
    SKILLS = "SKILLS", "Skills"
    AWAY = "AWAY", "Away status"
    COMPLEXITY_WEIGHT = "COMPLEXITY_WEIGHT", "Complexity weight"
    FLOW_SETTINGS = "FLOW_SETTINGS", "Flow settings"
    REASON_CODES = "REASON_CODES", "Reason codes"
    FULFILMENT_SETTINGS = "FULFILMENT_SETTINGS", "Fulfilment settings"
    PRINT_PARTNER = "PRINT_PARTNER", "Print partner"
    PRINT_SPEC = "PRINT_SPEC", "Print spec"
    NOTIFICATION_SETTINGS = "NOTIFICATION_SETTINGS", "Notification settings"
    APPROVAL_SETTINGS = "APPROVAL_SETTINGS", "Approval settings"


class SettingsChange(LeanLoadingModel):
    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    area = models.CharField(max_length=32, choices=SettingsArea.choices)
    subject = models.CharField(
        max_length=255,
        blank=True,
        help_text="What was changed: a staff user id, a product type slug, a partner name; "
        "blank for the installation's own settings",
    )
    actor_type = models.CharField(max_length=16, choices=ActorType.choices)
    actor_id = models.CharField(max_length=255, blank=True)
    actor_email = models.CharField(max_length=254, blank=True)
    before: models.JSONField[dict[str, Any]] = models.JSONField(default=dict, blank=True)
    after: models.JSONField[dict[str, Any]] = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [
            # The history, newest first, of one installation and of one area of it.
            models.Index(
                fields=["installation", "-created_at", "-id"], name="settingschange_newest"
            ),
            models.Index(
                fields=["installation", "area", "-created_at", "-id"],
                name="settingschange_area_newest",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.area} {self.subject} by {self.actor_email or self.actor_id or self.actor_type}"
        )
