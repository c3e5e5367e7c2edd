"""Staff API of artwork: versions and file names of an item, signed download links, uploads,
print specs per product type."""

from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.artwork.assignees import open_assignees
from saleor_podops.artwork.downloads import (
    DownloadViewer,
    original_download_name,
    originals_access_refusal,
    role_names,
    signed_download_url,
)
from saleor_podops.artwork.error_codes import ArtworkError as ArtworkRefusal
from saleor_podops.artwork.matching import item_file_stem
from saleor_podops.artwork.models import ArtworkVersion as ArtworkVersionModel
from saleor_podops.artwork.models import CustomerUpload
from saleor_podops.artwork.print_specs import print_specs_overview
from saleor_podops.production.models import ProductionItem
from saleor_podops.staff.access import StaffIdentity

from ..core.auth import require_roles
from ..core.errors import ApiErrorCode, api_error
from ..core.ids import pk_from_global_id
from .mutations.artwork_batch_upload import ArtworkBatchUpload
from .mutations.artwork_upload import ArtworkUpload
from .mutations.base import item_in_installation
from .mutations.print_spec_delete import PrintSpecDelete
from .mutations.print_spec_update import PrintSpecUpdate
from .types import ArtworkVersion, PrintSpecs
from .types import CustomerUpload as CustomerUploadType


def _item(identity: StaffIdentity, item_id: str) -> ProductionItem:
    try:
        return item_in_installation(identity, item_id)
    except ArtworkRefusal as refusal:
        raise api_error(ApiErrorCode.INVALID_ARGUMENT, refusal.message) from None


def _check_download(identity: StaffIdentity, item: ProductionItem) -> None:
    refusal = originals_access_refusal(
        viewer=DownloadViewer(user_id=identity.user_id, roles=role_names(identity.roles)),
        assignee_user_id=open_assignees([item.pk]).get(item.pk),
    )
    if refusal is not None:
        raise api_error(ApiErrorCode.PERMISSION_DENIED, refusal.message)


class ArtworkQueries(graphene.ObjectType):
    artwork_versions = graphene.List(
        graphene.NonNull(ArtworkVersion),
        required=True,
        item_id=graphene.ID(required=True),
        description="Every artwork version of an item, oldest first.",
    )
    customer_uploads = graphene.List(
        graphene.NonNull(CustomerUploadType),
        required=True,
        item_id=graphene.ID(required=True),
        description="The customer's photos of an item, every version, oldest first.",
    )
    artwork_file_name = graphene.String(
        required=True,
        item_id=graphene.ID(required=True),
        description="Name your file like this: the item's file-name stem for batch uploads.",
    )
    artwork_download_url = graphene.String(
        required=True,
        id=graphene.ID(required=True, description="An ArtworkVersion."),
        description="A signed, expiring link to an artwork original (assigned artist, managers, "
        "fulfillers).",
    )
    customer_upload_download_url = graphene.String(
        required=True,
        reference=graphene.String(required=True),
        description="A signed, expiring link to a customer's original photo (assigned artist, "
        "managers, fulfillers), named after the item so artwork named like it matches.",
    )
    print_specs = graphene.Field(
        PrintSpecs,
        required=True,
        description="The print size and resolution rules per product type, and the shop's default.",
    )

    @staticmethod
    def resolve_print_specs(root: Any, info: graphene.ResolveInfo) -> Any:
        return print_specs_overview(installation_id=require_roles(info).installation.pk)

    @staticmethod
    def resolve_artwork_versions(root: Any, info: graphene.ResolveInfo, item_id: str) -> Any:
        item = _item(require_roles(info), item_id)
        return ArtworkVersionModel.objects.filter(item=item).order_by("number")

    @staticmethod
    def resolve_customer_uploads(root: Any, info: graphene.ResolveInfo, item_id: str) -> Any:
        item = _item(require_roles(info), item_id)
        return CustomerUpload.objects.filter(item=item).select_related("replaces").order_by("pk")

    @staticmethod
    def resolve_artwork_file_name(root: Any, info: graphene.ResolveInfo, item_id: str) -> str:
        item = _item(require_roles(info), item_id)
        return item_file_stem(item)

    @staticmethod
    def resolve_artwork_download_url(root: Any, info: graphene.ResolveInfo, id: str) -> str:
        identity = require_roles(info)
        pk = pk_from_global_id(id, "ArtworkVersion")
        version = (
            ArtworkVersionModel.objects.select_related("item__order")
            .filter(installation=identity.installation, pk=pk)
            .first()
            if pk
            else None
        )
        if version is None:
            raise api_error(ApiErrorCode.INVALID_ARGUMENT, "No such artwork version")
        _check_download(identity, version.item)
        key = str(version.file.name)
        return signed_download_url(
            key=key,
            download_name=original_download_name(
                stem=item_file_stem(version.item),
                label=f"Artwork v{version.number}",
                extension=key.rsplit(".", 1)[-1],
            ),
        )

    @staticmethod
    def resolve_customer_upload_download_url(
        root: Any, info: graphene.ResolveInfo, reference: str
    ) -> str:
        identity = require_roles(info)
        upload = (
            CustomerUpload.objects.select_related("item__order")
            .filter(installation=identity.installation, reference=reference, item__isnull=False)
            .first()
        )
        if upload is None or upload.item is None:
            raise api_error(ApiErrorCode.INVALID_ARGUMENT, "No such upload")
        _check_download(identity, upload.item)
        label = "Uploaded Images" if upload.version == 1 else f"Uploaded Images v{upload.version}"
        key = str(upload.file.name)
        return signed_download_url(
            key=key,
            download_name=original_download_name(
                stem=item_file_stem(upload.item),
                label=label,
                extension=key.rsplit(".", 1)[-1],
            ),
        )


class ArtworkMutations(graphene.ObjectType):
    artwork_upload = ArtworkUpload.Field()
    artwork_batch_upload = ArtworkBatchUpload.Field()
    print_spec_update = PrintSpecUpdate.Field()
    print_spec_delete = PrintSpecDelete.Field()
