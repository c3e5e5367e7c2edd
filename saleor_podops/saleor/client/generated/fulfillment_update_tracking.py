from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import OrderErrorCode


class FulfillmentUpdateTracking(BaseModel):
    order_fulfillment_update_tracking: Optional[
        "FulfillmentUpdateTrackingOrderFulfillmentUpdateTracking"
    ] = Field(alias="orderFulfillmentUpdateTracking")


class FulfillmentUpdateTrackingOrderFulfillmentUpdateTracking(BaseModel):
    errors: list["FulfillmentUpdateTrackingOrderFulfillmentUpdateTrackingErrors"]
    fulfillment: Optional[
        "FulfillmentUpdateTrackingOrderFulfillmentUpdateTrackingFulfillment"
    ]


class FulfillmentUpdateTrackingOrderFulfillmentUpdateTrackingErrors(BaseModel):
    field: Optional[str]
    code: OrderErrorCode
    message: Optional[str]


class FulfillmentUpdateTrackingOrderFulfillmentUpdateTrackingFulfillment(BaseModel):
    id: str
    tracking_number: str = Field(alias="trackingNumber")


FulfillmentUpdateTracking.model_rebuild()
FulfillmentUpdateTrackingOrderFulfillmentUpdateTracking.model_rebuild()
