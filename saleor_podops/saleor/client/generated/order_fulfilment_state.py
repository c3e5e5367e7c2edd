from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class OrderFulfilmentState(BaseModel):
    order: Optional["OrderFulfilmentStateOrder"]


class OrderFulfilmentStateOrder(BaseModel):
    id: str
    channel: "OrderFulfilmentStateOrderChannel"
    lines: list["OrderFulfilmentStateOrderLines"]
    fulfillments: list["OrderFulfilmentStateOrderFulfillments"]


class OrderFulfilmentStateOrderChannel(BaseModel):
    warehouses: list["OrderFulfilmentStateOrderChannelWarehouses"]


class OrderFulfilmentStateOrderChannelWarehouses(BaseModel):
    id: str


class OrderFulfilmentStateOrderLines(BaseModel):
    id: str
    quantity_to_fulfill: int = Field(alias="quantityToFulfill")
    allocations: Optional[list["OrderFulfilmentStateOrderLinesAllocations"]]


class OrderFulfilmentStateOrderLinesAllocations(BaseModel):
    quantity: int
    warehouse: "OrderFulfilmentStateOrderLinesAllocationsWarehouse"


class OrderFulfilmentStateOrderLinesAllocationsWarehouse(BaseModel):
    id: str


class OrderFulfilmentStateOrderFulfillments(BaseModel):
    id: str
    tracking_number: str = Field(alias="trackingNumber")
    lines: Optional[list["OrderFulfilmentStateOrderFulfillmentsLines"]]


class OrderFulfilmentStateOrderFulfillmentsLines(BaseModel):
    quantity: int
    order_line: Optional["OrderFulfilmentStateOrderFulfillmentsLinesOrderLine"] = Field(
        alias="orderLine"
    )


class OrderFulfilmentStateOrderFulfillmentsLinesOrderLine(BaseModel):
    id: str


OrderFulfilmentState.model_rebuild()
OrderFulfilmentStateOrder.model_rebuild()
OrderFulfilmentStateOrderChannel.model_rebuild()
OrderFulfilmentStateOrderLines.model_rebuild()
OrderFulfilmentStateOrderLinesAllocations.model_rebuild()
OrderFulfilmentStateOrderFulfillments.model_rebuild()
OrderFulfilmentStateOrderFulfillmentsLines.model_rebuild()
