"""Making the thumbnail and preview of a stored image: idempotent, and final for broken files.

The row is locked while its derivatives are made, only the missing ones are computed, and a file that
cannot be decoded marks the image INVALID with the reason (no retry). Storage trouble is raised for
the task to retry a bounded number of times.
"""

from __future__ import annotations

import logging
from enum import StrEnum

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction

from . import files
from .error_codes import ArtworkError
from .imaging import PREVIEW_SIZE, THUMBNAIL_SIZE, render_derivatives
from .models import ArtworkVersion, CustomerUpload, StoredImage, UploadStatus

logger = logging.getLogger(__name__)

STORED_IMAGE_KINDS: dict[str, type[CustomerUpload] | type[ArtworkVersion]] = {
    "upload": CustomerUpload,
    "artwork": ArtworkVersion,
}


class DerivativesOutcome(StrEnum):
    MADE = "MADE"
    NOTHING_MISSING = "NOTHING_MISSING"
    MARKED_INVALID = "MARKED_INVALID"
    GONE = "GONE"


def stored_image_make_derivatives(*, kind: str, pk: int) -> DerivativesOutcome:
    model = STORED_IMAGE_KINDS[kind]
    stored: list[str] = []
    try:
        with transaction.atomic():
            image = model.objects.select_for_update().filter(pk=pk).first()
            if image is None:
                return DerivativesOutcome.GONE
            if not image.derivatives_missing:
                return DerivativesOutcome.NOTHING_MISSING
            wanted = [
                (field, size)
                for field, size in (("preview", PREVIEW_SIZE), ("thumbnail", THUMBNAIL_SIZE))
                if not getattr(image, field)
            ]
            try:
                with default_storage.open(str(image.file.name), "rb") as original:
                    rendered = render_derivatives(
                        original,
                        sizes=[size for _, size in wanted],
                        max_pixels=settings.IMAGE_MAX_PIXELS,
                    )
            except FileNotFoundError:
                return _mark_invalid(image, "The original file is missing from storage")
            except ArtworkError as exc:
                return _mark_invalid(image, exc.message)
            for (field, _), derivative in zip(wanted, rendered, strict=True):
                key = files.store_bytes(derivative.content, kind=f"{field}s", extension="jpg")
                stored.append(key)
                setattr(image, field, key)
            image.save(update_fields=[field for field, _ in wanted] + ["updated_at"])
    except BaseException:
        files.delete_quietly(*stored)
        raise
    return DerivativesOutcome.MADE


def _mark_invalid(image: StoredImage, reason: str) -> DerivativesOutcome:
    logger.warning("%s %s is invalid: %s", type(image).__name__, image.pk, reason)
    image.status = UploadStatus.INVALID
    image.invalid_reason = reason[:255]
    image.save(update_fields=["status", "invalid_reason", "updated_at"])
    return DerivativesOutcome.MARKED_INVALID


def images_missing_derivatives(limit: int = 200) -> list[tuple[str, int]]:
    """Safety net: accepted images without derivatives (a lost on-commit dispatch)."""
    found: list[tuple[str, int]] = []
    for kind, model in STORED_IMAGE_KINDS.items():
        pks = (
            model.objects.filter(status=UploadStatus.ACCEPTED)
            .exclude(file="")
            .filter(thumbnail="")
            .values_list("pk", flat=True)[:limit]
        )
        found.extend((kind, pk) for pk in pks)
    return found
