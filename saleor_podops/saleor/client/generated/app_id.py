from typing import Optional

from .base_model import BaseModel


class AppId(BaseModel):
    app: Optional["AppIdApp"]


class AppIdApp(BaseModel):
    id: str


AppId.model_rebuild()
