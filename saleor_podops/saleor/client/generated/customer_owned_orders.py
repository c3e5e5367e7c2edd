from typing import Optional

from .base_model import BaseModel


class CustomerOwnedOrders(BaseModel):
    me: Optional["CustomerOwnedOrdersMe"]


class CustomerOwnedOrdersMe(BaseModel):
    id: str
    orders: Optional["CustomerOwnedOrdersMeOrders"]


class CustomerOwnedOrdersMeOrders(BaseModel):
    edges: list["CustomerOwnedOrdersMeOrdersEdges"]


class CustomerOwnedOrdersMeOrdersEdges(BaseModel):
    node: "CustomerOwnedOrdersMeOrdersEdgesNode"


class CustomerOwnedOrdersMeOrdersEdgesNode(BaseModel):
    id: str


CustomerOwnedOrders.model_rebuild()
CustomerOwnedOrdersMe.model_rebuild()
CustomerOwnedOrdersMeOrders.model_rebuild()
CustomerOwnedOrdersMeOrdersEdges.model_rebuild()
