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
from .customer_owned_orders import (
    CustomerOwnedOrders,
    CustomerOwnedOrdersMe,
    CustomerOwnedOrdersMeOrders,
    CustomerOwnedOrdersMeOrdersEdges,
    CustomerOwnedOrdersMeOrdersEdgesNode,
)
from .enums import (
    MetadataErrorCode,
    OrderErrorCode,
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
from .fulfillment_update_tracking import (
    FulfillmentUpdateTracking,
    FulfillmentUpdateTrackingOrderFulfillmentUpdateTracking,
    FulfillmentUpdateTrackingOrderFulfillmentUpdateTrackingErrors,
    FulfillmentUpdateTrackingOrderFulfillmentUpdateTrackingFulfillment,
)
from .input_types import (
    FulfillmentUpdateTrackingInput,
    MetadataInput,
    OrderFulfillInput,
    OrderFulfillLineInput,
    OrderFulfillStockInput,
    WebhookCreateInput,
    WebhookUpdateInput,
)
from .order_fulfill import (
    OrderFulfill,
    OrderFulfillOrderFulfill,
    OrderFulfillOrderFulfillErrors,
    OrderFulfillOrderFulfillFulfillments,
)
from .order_fulfilment_state import (
    OrderFulfilmentState,
    OrderFulfilmentStateOrder,
    OrderFulfilmentStateOrderChannel,
    OrderFulfilmentStateOrderChannelWarehouses,
    OrderFulfilmentStateOrderFulfillments,
    OrderFulfilmentStateOrderFulfillmentsLines,
    OrderFulfilmentStateOrderFulfillmentsLinesOrderLine,
    OrderFulfilmentStateOrderLines,
    OrderFulfilmentStateOrderLinesAllocations,
    OrderFulfilmentStateOrderLinesAllocationsWarehouse,
)
from .order_note_add import (
    OrderNoteAdd,
    OrderNoteAddOrderNoteAdd,
    OrderNoteAddOrderNoteAddErrors,
)
from .product_types import (
    ProductTypes,
    ProductTypesProductTypes,
    ProductTypesProductTypesEdges,
    ProductTypesProductTypesEdgesNode,
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
    "CustomerOwnedOrders",
    "CustomerOwnedOrdersMe",
    "CustomerOwnedOrdersMeOrders",
    "CustomerOwnedOrdersMeOrdersEdges",
    "CustomerOwnedOrdersMeOrdersEdgesNode",
    "FulfillmentUpdateTracking",
    "FulfillmentUpdateTrackingInput",
    "FulfillmentUpdateTrackingOrderFulfillmentUpdateTracking",
    "FulfillmentUpdateTrackingOrderFulfillmentUpdateTrackingErrors",
    "FulfillmentUpdateTrackingOrderFulfillmentUpdateTrackingFulfillment",
    "GraphQLClientError",
    "GraphQLClientGraphQLError",
    "GraphQLClientGraphQLMultiError",
    "GraphQLClientHttpError",
    "GraphQLClientInvalidResponseError",
    "MetadataErrorCode",
    "MetadataInput",
    "OrderErrorCode",
    "OrderFulfill",
    "OrderFulfillInput",
    "OrderFulfillLineInput",
    "OrderFulfillOrderFulfill",
    "OrderFulfillOrderFulfillErrors",
    "OrderFulfillOrderFulfillFulfillments",
    "OrderFulfillStockInput",
    "OrderFulfilmentState",
    "OrderFulfilmentStateOrder",
    "OrderFulfilmentStateOrderChannel",
    "OrderFulfilmentStateOrderChannelWarehouses",
    "OrderFulfilmentStateOrderFulfillments",
    "OrderFulfilmentStateOrderFulfillmentsLines",
    "OrderFulfilmentStateOrderFulfillmentsLinesOrderLine",
    "OrderFulfilmentStateOrderLines",
    "OrderFulfilmentStateOrderLinesAllocations",
    "OrderFulfilmentStateOrderLinesAllocationsWarehouse",
    "OrderNoteAdd",
    "OrderNoteAddErrorCode",
    "OrderNoteAddOrderNoteAdd",
    "OrderNoteAddOrderNoteAddErrors",
    "ProductTypes",
    "ProductTypesProductTypes",
    "ProductTypesProductTypesEdges",
    "ProductTypesProductTypesEdgesNode",
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
