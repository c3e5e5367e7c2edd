from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.notifications.defaults import TemplateText
from saleor_podops.notifications.events import NotificationEvent
from saleor_podops.notifications.templates import template_update

from ...core.auth import require_manager
from ..types import NotificationEventEnum, NotificationTemplate
from .base import NotificationMutation


class NotificationTemplateUpdate(NotificationMutation):
    template = graphene.Field(NotificationTemplate)

    class Arguments:
        event = NotificationEventEnum(required=True)
        subject = graphene.String(required=True)
        html_body = graphene.String(required=True)
        text_body = graphene.String(required=True)

    class Meta:
        description = (
            "Save the shop's own email for an event. Checked in the sandbox first: only the "
            "event's placeholders, no attribute access, no includes or loops."
        )

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        event: Any,
        subject: str,
        html_body: str,
        text_body: str,
    ) -> Any:
        identity = require_manager(info)
        template = template_update(
            installation=identity.installation,
            event=NotificationEvent(getattr(event, "value", event)),
            text=TemplateText(subject, html_body, text_body),
            actor_id=identity.user_id,
        )
        return cls(template=template, errors=[])
