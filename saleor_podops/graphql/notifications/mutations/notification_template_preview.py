from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.notifications.defaults import TemplateText
from saleor_podops.notifications.events import NotificationEvent
from saleor_podops.notifications.templates import template_for, template_preview

from ...core.auth import require_manager
from ..types import NotificationEventEnum, RenderedEmail
from .base import NotificationMutation


class NotificationTemplatePreview(NotificationMutation):
    email = graphene.Field(RenderedEmail)

    class Arguments:
        event = NotificationEventEnum(required=True)
        subject = graphene.String(description="Unsaved text to preview; default: the saved one.")
        html_body = graphene.String()
        text_body = graphene.String()

    class Meta:
        description = "Render a template with sample data (nothing is saved or sent)."

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        event: Any,
        subject: str | None = None,
        html_body: str | None = None,
        text_body: str | None = None,
    ) -> Any:
        identity = require_manager(info)
        kind = NotificationEvent(getattr(event, "value", event))
        saved = template_for(installation_id=identity.installation.pk, event=kind).text
        text = TemplateText(
            subject if subject is not None else saved.subject,
            html_body if html_body is not None else saved.html_body,
            text_body if text_body is not None else saved.text_body,
        )
        return cls(
            email=RenderedEmail.from_data(template_preview(event=kind, text=text)), errors=[]
        )
