from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import MetadataErrorCode


class UpdatePublicMetadata(BaseModel):
    update_metadata: Optional["UpdatePublicMetadataUpdateMetadata"] = Field(
        alias="updateMetadata"
    )


class UpdatePublicMetadataUpdateMetadata(BaseModel):
    errors: list["UpdatePublicMetadataUpdateMetadataErrors"]


class UpdatePublicMetadataUpdateMetadataErrors(BaseModel):
    field: Optional[str]
    code: MetadataErrorCode
    message: Optional[str]


UpdatePublicMetadata.model_rebuild()
UpdatePublicMetadataUpdateMetadata.model_rebuild()
