from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import OrderNoteAddErrorCode


class OrderNoteAdd(BaseModel):
    order_note_add: Optional["OrderNoteAddOrderNoteAdd"] = Field(alias="orderNoteAdd")


class OrderNoteAddOrderNoteAdd(BaseModel):
    errors: list["OrderNoteAddOrderNoteAddErrors"]


class OrderNoteAddOrderNoteAddErrors(BaseModel):
    field: Optional[str]
    code: Optional[OrderNoteAddErrorCode]
    message: Optional[str]


OrderNoteAdd.model_rebuild()
OrderNoteAddOrderNoteAdd.model_rebuild()
