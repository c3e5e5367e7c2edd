from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import WebhookErrorCode


class WebhookCreate(BaseModel):
    webhook_create: Optional["WebhookCreateWebhookCreate"] = Field(
        alias="webhookCreate"
    )


class WebhookCreateWebhookCreate(BaseModel):
    errors: list["WebhookCreateWebhookCreateErrors"]
    webhook: Optional["WebhookCreateWebhookCreateWebhook"]


class WebhookCreateWebhookCreateErrors(BaseModel):
    field: Optional[str]
    code: WebhookErrorCode
    message: Optional[str]


class WebhookCreateWebhookCreateWebhook(BaseModel):
    id: str


WebhookCreate.model_rebuild()
WebhookCreateWebhookCreate.model_rebuild()
