from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import WebhookEventTypeAsyncEnum


class AppWebhooks(BaseModel):
    app: Optional["AppWebhooksApp"]


class AppWebhooksApp(BaseModel):
    id: str
    webhooks: Optional[list["AppWebhooksAppWebhooks"]]


class AppWebhooksAppWebhooks(BaseModel):
    id: str
    name: Optional[str]
    identifier: Optional[str]
    target_url: str = Field(alias="targetUrl")
    is_active: bool = Field(alias="isActive")
    async_events: list["AppWebhooksAppWebhooksAsyncEvents"] = Field(alias="asyncEvents")
    subscription_query: Optional[str] = Field(alias="subscriptionQuery")


class AppWebhooksAppWebhooksAsyncEvents(BaseModel):
    event_type: WebhookEventTypeAsyncEnum = Field(alias="eventType")


AppWebhooks.model_rebuild()
AppWebhooksApp.model_rebuild()
AppWebhooksAppWebhooks.model_rebuild()
