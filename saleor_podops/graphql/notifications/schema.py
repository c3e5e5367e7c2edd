from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.notifications.settings_actions import notification_settings_for
from saleor_podops.notifications.templates import templates_for

from ..core.auth import require_manager
from .mutations.notification_settings_update import NotificationSettingsUpdate
from .mutations.notification_template_preview import NotificationTemplatePreview
from .mutations.notification_template_reset import NotificationTemplateReset
from .mutations.notification_template_update import NotificationTemplateUpdate
from .types import NotificationSettings, NotificationTemplate


class NotificationQueries(graphene.ObjectType):
    notification_templates = graphene.List(
        graphene.NonNull(NotificationTemplate),
        required=True,
        description="Every event's email (the shop's own or the default). Managers only.",
    )
    notification_settings = graphene.Field(NotificationSettings, required=True)

    @staticmethod
    def resolve_notification_templates(root: Any, info: graphene.ResolveInfo) -> Any:
        return templates_for(require_manager(info).installation.pk)

    @staticmethod
    def resolve_notification_settings(root: Any, info: graphene.ResolveInfo) -> Any:
        return notification_settings_for(require_manager(info).installation.pk)


class NotificationMutations(graphene.ObjectType):
    notification_template_update = NotificationTemplateUpdate.Field()
    notification_template_preview = NotificationTemplatePreview.Field()
    notification_template_reset = NotificationTemplateReset.Field()
    notification_settings_update = NotificationSettingsUpdate.Field()
