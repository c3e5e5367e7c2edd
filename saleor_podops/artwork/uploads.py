"""Linking customer uploads named in an order line to its production item."""

from __future__ import annotations

from dataclasses import dataclass

from saleor_podops.production.models import ProductionItem

from .models import CustomerUpload, UploadStatus


@dataclass(frozen=True)
class UploadProblem:
    reference: str
    code: str
    message: str


def uploads_claim_for_item(*, item: ProductionItem, references: list[str]) -> list[UploadProblem]:
    """Attach each referenced upload to ``item``. References unknown to this installation (which
    includes other installations' uploads), invalid ones, and ones already used by another order are
    refused and reported; the caller records them on the item. Must run inside a transaction."""
    problems: list[UploadProblem] = []
    uploads = {
        upload.reference: upload
        for upload in CustomerUpload.objects.select_for_update()
        .select_related("item")
        .filter(installation_id=item.installation_id, reference__in=references)
    }
    for reference in references:
        upload = uploads.get(reference)
        if upload is None:
            problems.append(
                UploadProblem(reference, "UPLOAD_NOT_FOUND", f"Upload {reference} does not exist")
            )
        elif upload.status != UploadStatus.ACCEPTED:
            problems.append(
                UploadProblem(reference, "UPLOAD_INVALID", f"Upload {reference} was refused")
            )
        elif upload.item is not None and upload.item.order_id != item.order_id:
            problems.append(
                UploadProblem(
                    reference,
                    "UPLOAD_USED_BY_ANOTHER_ORDER",
                    f"Upload {reference} belongs to another order",
                )
            )
        elif upload.item_id is None:
            upload.item = item
            upload.save(update_fields=["item", "updated_at"])
    return problems
