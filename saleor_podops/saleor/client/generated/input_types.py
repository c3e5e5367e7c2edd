from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import (
    WebhookEventTypeAsyncEnum,
    WebhookEventTypeEnum,
    WebhookEventTypeSyncEnum,
)


class MetadataInput(BaseModel):
    key: str
    "Key of a metadata item."
    value: str
    "Value of a metadata item."


class WebhookCreateInput(BaseModel):
    name: Optional[str] = None
    "The name of the webhook."
    identifier: Optional[str] = None
    "The unique identifier of the webhook, set by the app. Unique per app. Maximum length is 256 characters.\n\nAdded in Saleor 3.23."
    target_url: Optional[str] = Field(alias="targetUrl", default=None)
    "The url to receive the payload."
    events: Optional[list[WebhookEventTypeEnum]] = None
    "The events that webhook wants to subscribe."
    async_events: Optional[list[WebhookEventTypeAsyncEnum]] = Field(
        alias="asyncEvents", default=None
    )
    "The asynchronous events that webhook wants to subscribe."
    sync_events: Optional[list[WebhookEventTypeSyncEnum]] = Field(
        alias="syncEvents", default=None
    )
    "The synchronous events that webhook wants to subscribe."
    app: Optional[str] = None
    "ID of the app to which webhook belongs."
    is_active: Optional[bool] = Field(alias="isActive", default=None)
    "Determine if webhook will be set active or not."
    secret_key: Optional[str] = Field(alias="secretKey", default=None)
    "The secret key used to create a hash signature with each payload."
    query: Optional[str] = None
    "Subscription query used to define a webhook payload."
    custom_headers: Optional[Any] = Field(alias="customHeaders", default=None)
    "Custom headers, which will be added to HTTP request. There is a limitation of 5 headers per webhook and 998 characters per header.Only `X-*`, `Authorization*`, and `BrokerProperties` keys are allowed."


class WebhookUpdateInput(BaseModel):
    name: Optional[str] = None
    "The new name of the webhook."
    identifier: Optional[str] = None
    "The unique identifier of the webhook, set by the app. Unique per app. Maximum length is 256 characters. Pass a blank value to clear it.\n\nAdded in Saleor 3.23."
    target_url: Optional[str] = Field(alias="targetUrl", default=None)
    "The url to receive the payload."
    events: Optional[list[WebhookEventTypeEnum]] = None
    "The events that webhook wants to subscribe."
    async_events: Optional[list[WebhookEventTypeAsyncEnum]] = Field(
        alias="asyncEvents", default=None
    )
    "The asynchronous events that webhook wants to subscribe."
    sync_events: Optional[list[WebhookEventTypeSyncEnum]] = Field(
        alias="syncEvents", default=None
    )
    "The synchronous events that webhook wants to subscribe."
    app: Optional[str] = None
    "ID of the app to which webhook belongs."
    is_active: Optional[bool] = Field(alias="isActive", default=None)
    "Determine if webhook will be set active or not."
    secret_key: Optional[str] = Field(alias="secretKey", default=None)
    "Use to create a hash signature with each payload."
    query: Optional[str] = None
    "Subscription query used to define a webhook payload."
    custom_headers: Optional[Any] = Field(alias="customHeaders", default=None)
    "Custom headers, which will be added to HTTP request. There is a limitation of 5 headers per webhook and 998 characters per header.Only `X-*`, `Authorization*`, and `BrokerProperties` keys are allowed."


class OrderFulfillInput(BaseModel):
    lines: list["OrderFulfillLineInput"]
    "List of items informing how to fulfill the order."
    notify_customer: Optional[bool] = Field(alias="notifyCustomer", default=None)
    "If true, send an email notification to the customer."
    allow_stock_to_be_exceeded: Optional[bool] = Field(
        alias="allowStockToBeExceeded", default=False
    )
    "If true, then allow proceed fulfillment when stock is exceeded."
    tracking_number: Optional[str] = Field(alias="trackingNumber", default=None)
    "Fulfillment tracking number."


class OrderFulfillLineInput(BaseModel):
    order_line_id: Optional[str] = Field(alias="orderLineId", default=None)
    "The ID of the order line."
    stocks: list["OrderFulfillStockInput"]
    "List of stock items to create."


class OrderFulfillStockInput(BaseModel):
    quantity: int
    "The number of line items to be fulfilled from given warehouse."
    warehouse: str
    "ID of the warehouse from which the item will be fulfilled."


class FulfillmentUpdateTrackingInput(BaseModel):
    tracking_number: Optional[str] = Field(alias="trackingNumber", default=None)
    "Fulfillment tracking number."
    notify_customer: Optional[bool] = Field(alias="notifyCustomer", default=False)
    "If true, send an email notification to the customer."


OrderFulfillInput.model_rebuild()
OrderFulfillLineInput.model_rebuild()
