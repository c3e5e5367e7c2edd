from .app_id import AppId, AppIdApp
from .app_webhooks import (
    AppWebhooks,
    AppWebhooksApp,
    AppWebhooksAppWebhooks,
    AppWebhooksAppWebhooksAsyncEvents,
)
from .base_client import BaseClient
from .base_model import BaseModel, Upload
from .client import Client
from .enums import (
    MetadataErrorCode,
    OrderNoteAddErrorCode,
    WebhookErrorCode,
    WebhookEventTypeAsyncEnum,
    WebhookEventTypeEnum,
    WebhookEventTypeSyncEnum,
)
from .exceptions import (
    GraphQLClientError,
    GraphQLClientGraphQLError,
    GraphQLClientGraphQLMultiError,
    GraphQLClientHttpError,
    GraphQLClientInvalidResponseError,
)
from .input_types import MetadataInput, WebhookCreateInput, WebhookUpdateInput
from .order_note_add import (
    OrderNoteAdd,
    OrderNoteAddOrderNoteAdd,
    OrderNoteAddOrderNoteAddErrors,
)
from .update_public_metadata import (
    UpdatePublicMetadata,
    UpdatePublicMetadataUpdateMetadata,
    UpdatePublicMetadataUpdateMetadataErrors,
)
from .webhook_create import (
    WebhookCreate,
    WebhookCreateWebhookCreate,
    WebhookCreateWebhookCreateErrors,
    WebhookCreateWebhookCreateWebhook,
)
from .webhook_update import (
    WebhookUpdate,
    WebhookUpdateWebhookUpdate,
    WebhookUpdateWebhookUpdateErrors,
    WebhookUpdateWebhookUpdateWebhook,
)

__all__ = [
    "AppId",
    "AppIdApp",
    "AppWebhooks",
    "AppWebhooksApp",
    "AppWebhooksAppWebhooks",
    "AppWebhooksAppWebhooksAsyncEvents",
    "BaseClient",
    "BaseModel",
    "Client",
    "GraphQLClientError",
    "GraphQLClientGraphQLError",
    "GraphQLClientGraphQLMultiError",
    "GraphQLClientHttpError",
    "GraphQLClientInvalidResponseError",
    "MetadataErrorCode",
    "MetadataInput",
    "OrderNoteAdd",
    "OrderNoteAddErrorCode",
    "OrderNoteAddOrderNoteAdd",
    "OrderNoteAddOrderNoteAddErrors",
    "UpdatePublicMetadata",
    "UpdatePublicMetadataUpdateMetadata",
    "UpdatePublicMetadataUpdateMetadataErrors",
    "Upload",
    "WebhookCreate",
    "WebhookCreateInput",
    "WebhookCreateWebhookCreate",
    "WebhookCreateWebhookCreateErrors",
    "WebhookCreateWebhookCreateWebhook",
    "WebhookErrorCode",
    "WebhookEventTypeAsyncEnum",
    "WebhookEventTypeEnum",
    "WebhookEventTypeSyncEnum",
    "WebhookUpdate",
    "WebhookUpdateInput",
    "WebhookUpdateWebhookUpdate",
    "WebhookUpdateWebhookUpdateErrors",
    "WebhookUpdateWebhookUpdateWebhook",
]
