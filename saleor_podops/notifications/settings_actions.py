"""Reading and changing an installation's notification settings."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.db import transaction

from saleor_podops.audit.changes import settings_change_record
from saleor_podops.audit.models import SettingsArea
from saleor_podops.production.timeline import SYSTEM, Actor
from saleor_podops.saleor.models import Installation

from .error_codes import NotificationErrorCode
from .events import NotificationEvent
from .models import NotificationSettings

MAX_DELAY_MINUTES = 7 * 24 * 60
MAX_REMINDERS = 10


def notification_settings_for(installation_id: int) -> NotificationSettings:
    settings, _ = NotificationSettings.objects.get_or_create(installation_id=installation_id)
    return settings


def event_enabled(settings: NotificationSettings, event: NotificationEvent) -> bool:
    return event.value not in settings.disabled_events


@dataclass(frozen=True)
class NotificationSettingsChange:
    """New values; None leaves a setting as it is. ``quiet_hours`` = (None, None) clears them."""

    shop_name: str | None = None
    disabled_events: list[str] | None = None
    delay_minutes: dict[str, int] | None = None
    reminder_hours: list[int] | None = None
    auto_approve_enabled: bool | None = None
    auto_approve_days: int | None = None
    quiet_hours: tuple[time | None, time | None] | None = None
    time_zone: str | None = None


def _invalid(field: str, message: str, code: NotificationErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def _check(change: NotificationSettingsChange) -> None:
    known = {event.value for event in NotificationEvent}
    for name in (change.disabled_events or []) + list((change.delay_minutes or {}).keys()):
        if name not in known:
            raise _invalid("events", f"Unknown event {name}", NotificationErrorCode.UNKNOWN_EVENT)
    for minutes in (change.delay_minutes or {}).values():
        if not 0 <= minutes <= MAX_DELAY_MINUTES:
            raise _invalid(
                "delay_minutes",
                f"Delays are between 0 and {MAX_DELAY_MINUTES} minutes.",
                NotificationErrorCode.INVALID,
            )
    if change.reminder_hours is not None and (
        len(change.reminder_hours) > MAX_REMINDERS
        or any(hours <= 0 or hours > 24 * 60 for hours in change.reminder_hours)
        or sorted(set(change.reminder_hours)) != change.reminder_hours
    ):
        raise _invalid(
            "reminder_hours",
            f"Up to {MAX_REMINDERS} increasing hours between 1 and 1440.",
            NotificationErrorCode.INVALID,
        )
    if change.auto_approve_days is not None and not 1 <= change.auto_approve_days <= 90:
        raise _invalid("auto_approve_days", "Between 1 and 90 days.", NotificationErrorCode.INVALID)
    if change.quiet_hours is not None and (change.quiet_hours[0] is None) != (
        change.quiet_hours[1] is None
    ):
        raise _invalid(
            "quiet_hours", "Give both the start and the end.", NotificationErrorCode.INVALID
        )
    if change.time_zone is not None:
        try:
            ZoneInfo(change.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise _invalid(
                "time_zone",
                f"Unknown time zone {change.time_zone[:64]!r}",
                NotificationErrorCode.INVALID_TIME_ZONE,
            ) from None


_FIELDS = (
    "shop_name",
    "disabled_events",
    "delay_minutes",
    "reminder_hours",
    "auto_approve_enabled",
    "auto_approve_days",
    "quiet_hours_start",
    "quiet_hours_end",
    "time_zone",
)


def _values(settings: NotificationSettings) -> dict[str, object]:
    return {name: getattr(settings, name) for name in _FIELDS}


def notification_settings_update(
    *, installation: Installation, change: NotificationSettingsChange, actor: Actor = SYSTEM
) -> NotificationSettings:
    """Change the given settings (recorded in the settings history)."""
    _check(change)
    with transaction.atomic():
        settings = notification_settings_for(installation.pk)
        settings = NotificationSettings.objects.select_for_update().get(pk=settings.pk)
        before = _values(settings)
        _apply(settings, change)
        settings_change_record(
            installation=installation,
            area=SettingsArea.NOTIFICATION_SETTINGS,
            actor=actor,
            before=before,
            after=_values(settings),
        )
    return settings


def _apply(settings: NotificationSettings, change: NotificationSettingsChange) -> None:
    for field in fields(change):
        value = getattr(change, field.name)
        if value is None:
            continue
        if field.name == "quiet_hours":
            settings.quiet_hours_start, settings.quiet_hours_end = value
        elif field.name == "disabled_events":
            settings.disabled_events = sorted(set(value))
        else:
            setattr(settings, field.name, value)
    settings.save()
