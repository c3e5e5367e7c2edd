from __future__ import annotations

from typing import Any

import graphene
from graphene_django import DjangoObjectType

from saleor_podops.artwork.batches import FileOutcome, FileResult
from saleor_podops.artwork.downloads import signed_download_url
from saleor_podops.artwork.error_codes import ArtworkErrorCode
from saleor_podops.artwork.models import ArtworkVersion as ArtworkVersionModel
from saleor_podops.artwork.models import CustomerUpload as CustomerUploadModel
from saleor_podops.artwork.models import StoredImage, UploadStatus

from ..production.types import ProductionItem

ArtworkErrorCodeEnum = graphene.Enum.from_enum(ArtworkErrorCode, name="ArtworkErrorCode")
ArtworkFileOutcomeEnum = graphene.Enum.from_enum(FileOutcome, name="ArtworkFileOutcome")
StoredImageStatusEnum = graphene.Enum.from_enum(UploadStatus, name="StoredImageStatus")

# Derivative links are short-lived: the dashboard asks again when it renders.
DERIVATIVE_LINK_SECONDS = 600


class ArtworkError(graphene.ObjectType):
    field = graphene.String(description="The input field at fault; null for the whole input.")
    code = ArtworkErrorCodeEnum(required=True)
    message = graphene.String(required=True)


class PrintCheck(graphene.ObjectType):
    """Print metadata of an artwork file, as the print partner receives it."""

    format = graphene.String(required=True)
    width_px = graphene.Int(required=True)
    height_px = graphene.Int(required=True)
    mode = graphene.String(required=True, description="Pillow colour mode (RGB, CMYK, L...).")
    has_icc_profile = graphene.Boolean(required=True)
    icc_profile_description = graphene.String(required=True)
    embedded_dpi = graphene.List(graphene.NonNull(graphene.Float))
    sha256 = graphene.String(required=True)
    size_bytes = graphene.Float(required=True)
    print_width_in = graphene.String(description="Null when the product type has no print size.")
    print_height_in = graphene.String()
    effective_dpi = graphene.Float()
    min_dpi = graphene.Int()
    warn_dpi = graphene.Int()
    resolution = graphene.String(description="OK, LOW (under the warning DPI) or null.")

    @classmethod
    def of(cls, data: dict[str, Any] | None) -> PrintCheck | None:
        return cls(**data) if data else None


def _derivative_url(image: StoredImage, field: str) -> str | None:
    stored = getattr(image, field)
    if not stored:
        return None
    return signed_download_url(
        key=str(stored.name), download_name=f"{field}.jpg", expires_in=DERIVATIVE_LINK_SECONDS
    )


class CustomerUpload(DjangoObjectType):
    """A customer's photo of an item. Image processors work from the thumbnail and preview."""

    status = StoredImageStatusEnum(required=True)
    size_bytes = graphene.Float(required=True)
    warnings = graphene.JSONString(required=True)
    replaces = graphene.String(description="The reference of the photo this one replaces.")
    thumbnail_url = graphene.String(
        description="Null until the thumbnail exists: show a placeholder."
    )
    preview_url = graphene.String(description="Null until the preview exists: show a placeholder.")

    class Meta:
        model = CustomerUploadModel
        fields = (
            "reference",
            "version",
            "original_name",
            "content_type",
            "width",
            "height",
            "invalid_reason",
            "created_at",
        )
        convert_choices_to_enum = False

    @staticmethod
    def resolve_replaces(root: CustomerUploadModel, info: graphene.ResolveInfo) -> str | None:
        return root.replaces.reference if root.replaces else None

    @staticmethod
    def resolve_thumbnail_url(root: CustomerUploadModel, info: graphene.ResolveInfo) -> str | None:
        return _derivative_url(root, "thumbnail")

    @staticmethod
    def resolve_preview_url(root: CustomerUploadModel, info: graphene.ResolveInfo) -> str | None:
        return _derivative_url(root, "preview")


class ArtworkVersion(DjangoObjectType):
    status = StoredImageStatusEnum(required=True)
    print_check = graphene.Field(PrintCheck, required=True)
    size_bytes = graphene.Float(required=True)
    thumbnail_url = graphene.String(
        description="Null until the thumbnail exists: show a placeholder."
    )
    preview_url = graphene.String(description="Null until the preview exists: show a placeholder.")

    class Meta:
        model = ArtworkVersionModel
        interfaces = (graphene.relay.Node,)
        use_connection = False
        fields = (
            "number",
            "original_name",
            "content_type",
            "sha256",
            "width",
            "height",
            "invalid_reason",
            "uploaded_by_id",
            "created_at",
        )
        convert_choices_to_enum = False

    @staticmethod
    def resolve_print_check(root: ArtworkVersionModel, info: graphene.ResolveInfo) -> Any:
        return PrintCheck.of(root.print_check)

    @staticmethod
    def resolve_thumbnail_url(root: ArtworkVersionModel, info: graphene.ResolveInfo) -> str | None:
        return _derivative_url(root, "thumbnail")

    @staticmethod
    def resolve_preview_url(root: ArtworkVersionModel, info: graphene.ResolveInfo) -> str | None:
        return _derivative_url(root, "preview")


class ArtworkFileResult(graphene.ObjectType):
    """What happened (in a dry run: would happen) to one file of a batch."""

    file_name = graphene.String(required=True)
    outcome = ArtworkFileOutcomeEnum(required=True, description="MATCHED is green, the rest red.")
    message = graphene.String(required=True)
    item = graphene.Field(ProductionItem)
    expected_name = graphene.String(
        required=True, description="The item's file-name stem ('name your file like this')."
    )
    print_check = graphene.Field(PrintCheck)
    version = graphene.Field(ArtworkVersion, description="The version made (real run only).")

    @classmethod
    def of(cls, result: FileResult) -> ArtworkFileResult:
        check = result.print_check.as_dict() if result.print_check else None
        if result.version is not None:
            check = result.version.print_check
        return cls(
            file_name=result.file_name,
            outcome=result.outcome.value,
            message=result.message,
            item=result.item,
            expected_name=result.expected_name,
            print_check=PrintCheck.of(check),
            version=result.version,
        )
