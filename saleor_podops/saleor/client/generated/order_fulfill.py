from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import OrderErrorCode


class OrderFulfill(BaseModel):
    order_fulfill: Optional["OrderFulfillOrderFulfill"] = Field(alias="orderFulfill")


class OrderFulfillOrderFulfill(BaseModel):
    errors: list["OrderFulfillOrderFulfillErrors"]
    fulfillments: Optional[list["OrderFulfillOrderFulfillFulfillments"]]


class OrderFulfillOrderFulfillErrors(BaseModel):
    field: Optional[str]
    code: OrderErrorCode
    message: Optional[str]


class OrderFulfillOrderFulfillFulfillments(BaseModel):
    id: str
    tracking_number: str = Field(alias="trackingNumber")


OrderFulfill.model_rebuild()
OrderFulfillOrderFulfill.model_rebuild()
