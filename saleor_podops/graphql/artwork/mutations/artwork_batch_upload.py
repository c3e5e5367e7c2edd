from __future__ import annotations

from typing import Any

import graphene
from graphene_file_upload.scalars import Upload

from saleor_podops.artwork.batches import artwork_batch_upload
from saleor_podops.staff.access import StaffIdentity

from ..files import incoming_files
from ..types import ArtworkFileResult
from .base import ArtworkMutation, uploader_of


class ArtworkBatchUpload(ArtworkMutation):
    class Arguments:
        files = graphene.List(
            graphene.NonNull(Upload),
            required=True,
            description="Artwork files named after their items (GraphQL multipart request).",
        )
        dry_run = graphene.Boolean(
            default_value=False, description="Show what would happen to each file; save nothing."
        )
        submit = graphene.Boolean(
            default_value=False,
            description="Also hand each item whose file was attached on (as artworkSubmit).",
        )

    class Meta:
        description = (
            "Upload many artwork files at once, each matched to its item by its name. Every file "
            "gets its own result; one refused file never blocks the others."
        )

    results = graphene.List(graphene.NonNull(ArtworkFileResult), required=True)

    @classmethod
    def perform(cls, info: graphene.ResolveInfo, identity: StaffIdentity, **data: Any) -> Any:
        with incoming_files(data["files"]) as incoming:
            results = artwork_batch_upload(
                installation=identity.installation,
                incoming=incoming,
                uploader=uploader_of(identity),
                dry_run=data["dry_run"],
                submit=data["submit"],
            )
        return cls(results=[ArtworkFileResult.of(result) for result in results], errors=[])
