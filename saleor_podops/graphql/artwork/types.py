from __future__ import annotations

from typing import Any

import graphene
from graphene_django import DjangoObjectType

from saleor_podops.artwork.batches import FileOutcome, FileResult
from saleor_podops.artwork.downloads import signed_download_url
from saleor_podops.artwork.error_codes import ArtworkErrorCode, PrintSpecErrorCode
from saleor_podops.artwork.imaging import pixels_needed
from saleor_podops.artwork.models import ArtworkVersion as ArtworkVersionModel
from saleor_podops.artwork.models import CustomerUpload as CustomerUploadModel
from saleor_podops.artwork.models import PrintSpec as PrintSpecModel
from saleor_podops.artwork.models import StoredImage, UploadStatus
from saleor_podops.artwork.print_specs import (
    SHOP_DEFAULT_SLUG,
    PrintSpecSource,
    PrintSpecsOverview,
    print_size_of,
)
from saleor_podops.artwork.print_specs import ProductTypePrintSpec as ProductTypePrintSpecRow

from ..production.types import ProductionItem

ArtworkErrorCodeEnum = graphene.Enum.from_enum(ArtworkErrorCode, name="ArtworkErrorCode")
ArtworkFileOutcomeEnum = graphene.Enum.from_enum(FileOutcome, name="ArtworkFileOutcome")
StoredImageStatusEnum = graphene.Enum.from_enum(UploadStatus, name="StoredImageStatus")
PrintSpecErrorCodeEnum = graphene.Enum.from_enum(PrintSpecErrorCode, name="PrintSpecErrorCode")
PrintSpecSourceEnum = graphene.Enum.from_enum(
    PrintSpecSource,
    name="PrintSpecSource",
    description=lambda value: (
        {
            PrintSpecSource.PRODUCT_TYPE: "The product type's own spec.",
            PrintSpecSource.SHOP_DEFAULT: "The shop's default spec (no spec of its own).",
            PrintSpecSource.NONE: "Neither: its prints get no resolution check.",
        }.get(value)
        if value is not None
        else "Where the spec that applies to a product type comes from."
    ),
)

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


class PrintSpecError(graphene.ObjectType):
    field = graphene.String(description="The input field at fault; null for the whole input.")
    code = PrintSpecErrorCodeEnum(required=True)
    message = graphene.String(required=True)


class PixelSize(graphene.ObjectType):
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)


class PrintSpec(graphene.ObjectType):
    """The print size of a product type (or the shop's default) and the resolution its photos and
    artwork need: files printing under minDpi are refused, under warnDpi flagged."""

    product_type_slug = graphene.String(description="Null for the shop's default.")
    print_width_in = graphene.Decimal(required=True, description="Inches.")
    print_height_in = graphene.Decimal(required=True, description="Inches.")
    min_dpi = graphene.Int(required=True)
    warn_dpi = graphene.Int(required=True)
    pixels_at_min_dpi = graphene.Field(
        PixelSize, required=True, description="The fewest pixels a file may have."
    )
    pixels_at_warn_dpi = graphene.Field(
        PixelSize, required=True, description="Fewer pixels than this are flagged."
    )
    updated_at = graphene.DateTime(required=True)

    @staticmethod
    def resolve_product_type_slug(root: PrintSpecModel, info: graphene.ResolveInfo) -> str | None:
        return None if root.product_type_slug == SHOP_DEFAULT_SLUG else root.product_type_slug

    @staticmethod
    def resolve_pixels_at_min_dpi(root: PrintSpecModel, info: graphene.ResolveInfo) -> PixelSize:
        width, height = pixels_needed(size=print_size_of(root), dpi=root.min_dpi)
        return PixelSize(width=width, height=height)

    @staticmethod
    def resolve_pixels_at_warn_dpi(root: PrintSpecModel, info: graphene.ResolveInfo) -> PixelSize:
        width, height = pixels_needed(size=print_size_of(root), dpi=root.warn_dpi)
        return PixelSize(width=width, height=height)


class ProductTypePrintSpec(graphene.ObjectType):
    product_type_slug = graphene.String(required=True)
    source = PrintSpecSourceEnum(required=True)
    spec = graphene.Field(
        PrintSpec, description="The spec that applies; null: no resolution check."
    )

    @staticmethod
    def resolve_source(root: ProductTypePrintSpecRow, info: graphene.ResolveInfo) -> str:
        return root.source.value


class PrintSpecs(graphene.ObjectType):
    shop_default = graphene.Field(
        PrintSpec,
        description="Used by every product type without a spec of its own; null: those get no "
        "resolution check.",
    )
    product_types = graphene.List(
        graphene.NonNull(ProductTypePrintSpec),
        required=True,
        description="Every product type with a spec of its own or with production items.",
    )

    @staticmethod
    def resolve_shop_default(root: PrintSpecsOverview, info: graphene.ResolveInfo) -> Any:
        return root.shop_default

    @staticmethod
    def resolve_product_types(root: PrintSpecsOverview, info: graphene.ResolveInfo) -> Any:
        return root.product_types
