"""Reading the settings audit log."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import SettingsArea, SettingsChange


def settings_changes(
    *, installation_id: int, area: SettingsArea | None = None
) -> QuerySet[SettingsChange]:
    """An installation's changes, newest first (ends with id, for keyset pages)."""
    queryset = SettingsChange.objects.filter(installation_id=installation_id)
    if area is not None:
        queryset = queryset.filter(area=area)
    return queryset.order_by("-created_at", "-id")
