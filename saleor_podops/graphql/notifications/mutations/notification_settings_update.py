from __future__ import annotations

from typing import Any

import graphene
from django.db import transaction

from saleor_podops.approvals.settings_actions import approval_settings_update
from saleor_podops.notifications.events import NotificationEvent
from saleor_podops.notifications.settings_actions import (
    NotificationSettingsChange,
    notification_settings_update,
)

from ...core.auth import actor_of_identity, require_manager
from ..types import NotificationEventEnum, NotificationSettings
from .base import NotificationMutation


class EventDelayInput(graphene.InputObjectType):
    event = NotificationEventEnum(required=True)
    minutes = graphene.Int(required=True)


class NotificationSettingsInput(graphene.InputObjectType):
    shop_name = graphene.String()
    enabled_events = graphene.List(graphene.NonNull(NotificationEventEnum))
    delays = graphene.List(graphene.NonNull(EventDelayInput))
    reminder_hours = graphene.List(graphene.NonNull(graphene.Int))
    auto_approve_enabled = graphene.Boolean()
    auto_approve_days = graphene.Int()
    quiet_hours_start = graphene.Time(description="Both start and end, or both null to clear.")
    quiet_hours_end = graphene.Time()
    clear_quiet_hours = graphene.Boolean()
    time_zone = graphene.String(description="An IANA zone, e.g. Europe/Berlin.")
    free_revisions = graphene.Int()
    storefront_approvals_url = graphene.String()


def _value(enum_value: Any) -> str:
    return str(getattr(enum_value, "value", enum_value))


class NotificationSettingsUpdate(NotificationMutation):
    settings = graphene.Field(NotificationSettings)

    class Arguments:
        input = NotificationSettingsInput(required=True)

    class Meta:
        description = "Change which emails go out, when, and the approval rules."

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, input: Any) -> Any:
        identity = require_manager(info)
        disabled = None
        if input.enabled_events is not None:
            enabled = {_value(e) for e in input.enabled_events}
            disabled = [e.value for e in NotificationEvent if e.value not in enabled]
        quiet = None
        if input.clear_quiet_hours:
            quiet = (None, None)
        elif input.quiet_hours_start is not None or input.quiet_hours_end is not None:
            quiet = (input.quiet_hours_start, input.quiet_hours_end)
        change = NotificationSettingsChange(
            shop_name=input.shop_name,
            disabled_events=disabled,
            delay_minutes={_value(d.event): d.minutes for d in input.delays}
            if input.delays is not None
            else None,
            reminder_hours=list(input.reminder_hours) if input.reminder_hours is not None else None,
            auto_approve_enabled=input.auto_approve_enabled,
            auto_approve_days=input.auto_approve_days,
            quiet_hours=quiet,
            time_zone=input.time_zone,
        )
        with transaction.atomic():
            settings = notification_settings_update(
                installation=identity.installation,
                change=change,
                actor=actor_of_identity(identity),
            )
            if input.free_revisions is not None or input.storefront_approvals_url is not None:
                approval_settings_update(
                    installation=identity.installation,
                    free_revisions=input.free_revisions,
                    storefront_approvals_url=input.storefront_approvals_url,
                    actor=actor_of_identity(identity),
                )
        return cls(settings=settings, errors=[])
