from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.notifications.events import NotificationEvent
from saleor_podops.notifications.templates import template_reset

from ...core.auth import require_manager
from ..types import NotificationEventEnum, NotificationTemplate
from .base import NotificationMutation


class NotificationTemplateReset(NotificationMutation):
    template = graphene.Field(NotificationTemplate)

    class Arguments:
        event = NotificationEventEnum(required=True)

    class Meta:
        description = "Go back to PodOps' default email for the event."

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, event: Any) -> Any:
        identity = require_manager(info)
        kind = NotificationEvent(getattr(event, "value", event))
        return cls(
            template=template_reset(installation=identity.installation, event=kind), errors=[]
        )
