from __future__ import annotations

from typing import Any

import graphene
from graphene_file_upload.scalars import Upload

from saleor_podops.artwork.versions import artwork_version_create
from saleor_podops.staff.access import StaffIdentity

from ..files import incoming_files
from ..types import ArtworkVersion
from .base import ArtworkMutation, item_in_installation, uploader_of


class ArtworkUpload(ArtworkMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The production item the artwork is for.")
        file = Upload(required=True, description="The artwork file (GraphQL multipart request).")
        submit = graphene.Boolean(
            default_value=False,
            description="Also hand the item on (as artworkSubmit) once the file is attached.",
        )

    class Meta:
        description = (
            "Add an artwork file to an item in the Artwork stage as its next version (the "
            "item's assigned artist or a manager). Print checks run on the file."
        )

    version = graphene.Field(ArtworkVersion)

    @classmethod
    def perform(cls, info: graphene.ResolveInfo, identity: StaffIdentity, **data: Any) -> Any:
        item = item_in_installation(identity, data["id"])
        with incoming_files([data["file"]]) as (incoming,):
            version = artwork_version_create(
                item=item,
                incoming=incoming,
                uploader=uploader_of(identity),
                submit=data["submit"],
            )
        return cls(version=version, errors=[])
