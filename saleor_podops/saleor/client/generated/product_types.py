from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class ProductTypes(BaseModel):
    product_types: Optional["ProductTypesProductTypes"] = Field(alias="productTypes")


class ProductTypesProductTypes(BaseModel):
    edges: list["ProductTypesProductTypesEdges"]


class ProductTypesProductTypesEdges(BaseModel):
    node: "ProductTypesProductTypesEdgesNode"


class ProductTypesProductTypesEdgesNode(BaseModel):
    slug: str
    name: str


ProductTypes.model_rebuild()
ProductTypesProductTypes.model_rebuild()
ProductTypesProductTypesEdges.model_rebuild()
