"""What customers see: plain object types with explicit fields (nothing of the staff schema)."""

from __future__ import annotations

from typing import Any

import graphene
from graphql_relay import to_global_id

from saleor_podops.approvals.error_codes import ApprovalErrorCode
from saleor_podops.approvals.models import PhotoRequest, Proof
from saleor_podops.approvals.selectors import HistoryEntry, customer_history
from saleor_podops.approvals.settings_actions import approval_settings_for
from saleor_podops.approvals.wording import WAITING_FOR_CUSTOMER, order_status_words, stage_words
from saleor_podops.artwork.downloads import signed_download_url
from saleor_podops.artwork.models import StoredImage
from saleor_podops.production.models import ProductionItem, ProductionOrder

from ..core.enums import ProductionStageEnum

ApprovalErrorCodeEnum = graphene.Enum.from_enum(ApprovalErrorCode, name="ApprovalErrorCode")


class CustomerError(graphene.ObjectType):
    field = graphene.String(description="The input field at fault; null for the whole input.")
    code = ApprovalErrorCodeEnum(required=True)
    message = graphene.String(required=True)


def image_url(image: StoredImage | None, field: str, name: str) -> str | None:
    """A signed, expiring link to a derivative (never the print file); None until it is made."""
    stored = getattr(image, field, None) if image is not None else None
    if not stored:
        return None
    return signed_download_url(key=stored.name, download_name=name)


def _free_revisions(info: graphene.ResolveInfo, installation_id: int) -> int:
    cache = info.context.__dict__.setdefault("_podops_free_revisions", {})
    if installation_id not in cache:
        cache[installation_id] = approval_settings_for(installation_id).free_revisions
    return int(cache[installation_id])


class CustomerProof(graphene.ObjectType):
    id = graphene.ID(required=True)
    version_number = graphene.Int(required=True)
    round = graphene.Int(required=True, description="1 for the first design shown, then 2, ...")
    preview_url = graphene.String(description="The design as a preview image (null while made).")
    thumbnail_url = graphene.String()
    status = graphene.String(required=True)
    sent_at = graphene.DateTime(required=True)
    order_number = graphene.String(required=True)
    item_id = graphene.ID(required=True)
    product_name = graphene.String(required=True)
    free_revisions_left = graphene.Int(
        required=True, description="Change requests still free (more are possible, by agreement)."
    )

    @staticmethod
    def resolve_id(root: Proof, info: Any) -> str:
        return to_global_id("CustomerProof", str(root.pk))

    @staticmethod
    def resolve_version_number(root: Proof, info: Any) -> int:
        return root.version.number

    @staticmethod
    def resolve_preview_url(root: Proof, info: Any) -> str | None:
        return image_url(root.version, "preview", f"proof-{root.version.number}.jpg")

    @staticmethod
    def resolve_thumbnail_url(root: Proof, info: Any) -> str | None:
        return image_url(root.version, "thumbnail", f"proof-{root.version.number}-small.jpg")

    @staticmethod
    def resolve_status(root: Proof, info: Any) -> str:
        return str(root.get_status_display())

    @staticmethod
    def resolve_sent_at(root: Proof, info: Any) -> Any:
        return root.created_at

    @staticmethod
    def resolve_order_number(root: Proof, info: Any) -> str:
        return root.order.number

    @staticmethod
    def resolve_item_id(root: Proof, info: Any) -> str:
        return to_global_id("CustomerItem", str(root.item_id))

    @staticmethod
    def resolve_product_name(root: Proof, info: Any) -> str:
        return root.item.product_name

    @staticmethod
    def resolve_free_revisions_left(root: Proof, info: Any) -> int:
        used = int(getattr(root, "changes_so_far", 0))
        return max(0, _free_revisions(info, root.installation_id) - used)


class CustomerPhotoRequest(graphene.ObjectType):
    id = graphene.ID(required=True)
    item_id = graphene.ID(required=True)
    order_number = graphene.String(required=True)
    product_name = graphene.String(required=True)
    reason = graphene.String(required=True, description="What is wrong with the photo.")
    comment = graphene.String(required=True)
    photo_url = graphene.String(description="The photo we have now (a preview).")

    @staticmethod
    def resolve_id(root: PhotoRequest, info: Any) -> str:
        return to_global_id("CustomerPhotoRequest", str(root.pk))

    @staticmethod
    def resolve_item_id(root: PhotoRequest, info: Any) -> str:
        return to_global_id("CustomerItem", str(root.item_id))

    @staticmethod
    def resolve_order_number(root: PhotoRequest, info: Any) -> str:
        return root.order.number

    @staticmethod
    def resolve_product_name(root: PhotoRequest, info: Any) -> str:
        return root.item.product_name

    @staticmethod
    def resolve_reason(root: PhotoRequest, info: Any) -> str:
        return root.reason or "The photo cannot be printed well"

    @staticmethod
    def resolve_photo_url(root: PhotoRequest, info: Any) -> str | None:
        uploads = getattr(root.item, "current_uploads", None) or []
        return image_url(uploads[0] if uploads else None, "preview", "photo.jpg")


class CustomerItem(graphene.ObjectType):
    id = graphene.ID(required=True)
    product_name = graphene.String(required=True)
    variant_name = graphene.String(required=True)
    quantity = graphene.Int(required=True)
    stage = ProductionStageEnum(required=True)
    status = graphene.String(required=True, description="Where the item is, in plain words.")
    waiting_for_you = graphene.Boolean(required=True)
    proof = graphene.Field(CustomerProof, description="The design waiting for your approval.")
    photo_request = graphene.Field(CustomerPhotoRequest)

    @staticmethod
    def resolve_id(root: ProductionItem, info: Any) -> str:
        return to_global_id("CustomerItem", str(root.pk))

    @staticmethod
    def resolve_status(root: ProductionItem, info: Any) -> str:
        return stage_words(root.stage)

    @staticmethod
    def resolve_waiting_for_you(root: ProductionItem, info: Any) -> bool:
        return root.stage in WAITING_FOR_CUSTOMER

    @staticmethod
    def resolve_proof(root: ProductionItem, info: Any) -> Proof | None:
        proofs = getattr(root, "open_proofs", [])
        return proofs[0] if proofs else None

    @staticmethod
    def resolve_photo_request(root: ProductionItem, info: Any) -> PhotoRequest | None:
        requests = getattr(root, "open_photo_requests", [])
        return requests[0] if requests else None


class CustomerHistoryEntry(graphene.ObjectType):
    at = graphene.DateTime(required=True)
    text = graphene.String(required=True)
    comment = graphene.String(required=True)


class CustomerOrder(graphene.ObjectType):
    id = graphene.ID(required=True)
    number = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)
    stage = ProductionStageEnum()
    status = graphene.String(required=True, description="Where the order is, in plain words.")
    waiting_for_you = graphene.Boolean(required=True)
    items = graphene.List(graphene.NonNull(CustomerItem), required=True)
    history = graphene.List(
        graphene.NonNull(CustomerHistoryEntry),
        required=True,
        description="What happened so far (one query per order: ask for it on one order).",
    )

    @staticmethod
    def resolve_id(root: ProductionOrder, info: Any) -> str:
        return to_global_id("CustomerOrder", str(root.pk))

    @staticmethod
    def resolve_created_at(root: ProductionOrder, info: Any) -> Any:
        return root.saleor_created_at or root.created_at

    @staticmethod
    def resolve_stage(root: ProductionOrder, info: Any) -> str | None:
        return root.stage or None

    @staticmethod
    def resolve_status(root: ProductionOrder, info: Any) -> str:
        return order_status_words(status=root.status, stage=root.stage)

    @staticmethod
    def resolve_waiting_for_you(root: ProductionOrder, info: Any) -> bool:
        return any(item.stage in WAITING_FOR_CUSTOMER for item in root.items.all())

    @staticmethod
    def resolve_items(root: ProductionOrder, info: Any) -> Any:
        return root.items.all()

    @staticmethod
    def resolve_history(root: ProductionOrder, info: Any) -> list[HistoryEntry]:
        return customer_history(root)
