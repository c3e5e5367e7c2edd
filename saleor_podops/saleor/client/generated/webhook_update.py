from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import WebhookErrorCode


class WebhookUpdate(BaseModel):
    webhook_update: Optional["WebhookUpdateWebhookUpdate"] = Field(
        alias="webhookUpdate"
    )


class WebhookUpdateWebhookUpdate(BaseModel):
    errors: list["WebhookUpdateWebhookUpdateErrors"]
    webhook: Optional["WebhookUpdateWebhookUpdateWebhook"]


class WebhookUpdateWebhookUpdateErrors(BaseModel):
    field: Optional[str]
    code: WebhookErrorCode
    message: Optional[str]


class WebhookUpdateWebhookUpdateWebhook(BaseModel):
    id: str


WebhookUpdate.model_rebuild()
WebhookUpdateWebhookUpdate.model_rebuild()
