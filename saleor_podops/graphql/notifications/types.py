from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.approvals.settings_actions import approval_settings_for
from saleor_podops.notifications.error_codes import NotificationErrorCode
from saleor_podops.notifications.events import CUSTOMER_EVENTS, NotificationEvent, placeholders_for
from saleor_podops.notifications.models import NotificationSettings as NotificationSettingsModel
from saleor_podops.notifications.rendering import RenderedEmail as RenderedEmailData
from saleor_podops.notifications.templates import EffectiveTemplate

NotificationEventEnum = graphene.Enum.from_enum(NotificationEvent, name="NotificationEvent")
NotificationErrorCodeEnum = graphene.Enum.from_enum(
    NotificationErrorCode, name="NotificationErrorCode"
)


class NotificationAudience(graphene.Enum):
    CUSTOMER = "CUSTOMER"
    STAFF = "STAFF"


class NotificationError(graphene.ObjectType):
    field = graphene.String()
    code = graphene.String(
        required=True, description="A NotificationErrorCode or ApprovalErrorCode."
    )
    message = graphene.String(required=True)


class NotificationTemplate(graphene.ObjectType):
    event = NotificationEventEnum(required=True)
    audience = NotificationAudience(required=True)
    subject = graphene.String(required=True)
    html_body = graphene.String(required=True)
    text_body = graphene.String(required=True)
    is_default = graphene.Boolean(required=True)
    placeholders = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="The names this event's template may use, as {{ name }}.",
    )

    @staticmethod
    def resolve_event(root: EffectiveTemplate, info: Any) -> str:
        return root.event.value

    @staticmethod
    def resolve_audience(root: EffectiveTemplate, info: Any) -> str:
        return "CUSTOMER" if root.event in CUSTOMER_EVENTS else "STAFF"

    @staticmethod
    def resolve_subject(root: EffectiveTemplate, info: Any) -> str:
        return root.text.subject

    @staticmethod
    def resolve_html_body(root: EffectiveTemplate, info: Any) -> str:
        return root.text.html_body

    @staticmethod
    def resolve_text_body(root: EffectiveTemplate, info: Any) -> str:
        return root.text.text_body

    @staticmethod
    def resolve_placeholders(root: EffectiveTemplate, info: Any) -> list[str]:
        return list(placeholders_for(root.event))


class RenderedEmail(graphene.ObjectType):
    subject = graphene.String(required=True)
    html_body = graphene.String(required=True)
    text_body = graphene.String(required=True)

    @staticmethod
    def from_data(data: RenderedEmailData) -> RenderedEmail:
        return RenderedEmail(
            subject=data.subject, html_body=data.html_body, text_body=data.text_body
        )


class EventDelay(graphene.ObjectType):
    event = NotificationEventEnum(required=True)
    minutes = graphene.Int(required=True)


class NotificationSettings(graphene.ObjectType):
    shop_name = graphene.String(required=True)
    enabled_events = graphene.List(graphene.NonNull(NotificationEventEnum), required=True)
    delays = graphene.List(graphene.NonNull(EventDelay), required=True)
    reminder_hours = graphene.List(graphene.NonNull(graphene.Int), required=True)
    auto_approve_enabled = graphene.Boolean(required=True)
    auto_approve_days = graphene.Int(required=True)
    quiet_hours_start = graphene.Time()
    quiet_hours_end = graphene.Time()
    time_zone = graphene.String(required=True)
    free_revisions = graphene.Int(required=True)
    storefront_approvals_url = graphene.String(required=True)

    @staticmethod
    def resolve_enabled_events(root: NotificationSettingsModel, info: Any) -> list[str]:
        return [e.value for e in NotificationEvent if e.value not in root.disabled_events]

    @staticmethod
    def resolve_delays(root: NotificationSettingsModel, info: Any) -> list[EventDelay]:
        return [
            EventDelay(event=e.value, minutes=int(root.delay_minutes.get(e.value, 0)))
            for e in NotificationEvent
        ]

    @staticmethod
    def resolve_free_revisions(root: NotificationSettingsModel, info: Any) -> int:
        return approval_settings_for(root.installation_id).free_revisions

    @staticmethod
    def resolve_storefront_approvals_url(root: NotificationSettingsModel, info: Any) -> str:
        return approval_settings_for(root.installation_id).storefront_approvals_url
