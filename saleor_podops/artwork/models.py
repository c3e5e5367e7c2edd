"""Images PodOps keeps: customer photos (uploaded before or after checkout), the artwork versions artists
upload for an item, the print size per product type, and the short-lived sessions anonymous storefront
visitors upload with.

Files live in the default storage under random keys (``files.new_storage_key``); the database holds the key,
the facts read from the content (type, pixels, checksum) and the derivatives (thumbnail, preview).
"""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from django.db import models

from saleor_podops.core.models import TimestampedModel
from saleor_podops.production.models import ProductionItem
from saleor_podops.saleor.models import Installation


def new_upload_reference() -> str:
    return f"upl_{secrets.token_urlsafe(18)}"


class UploadStatus(models.TextChoices):
    ACCEPTED = "ACCEPTED", "Accepted"
    INVALID = "INVALID", "Invalid"


class StoredImage(TimestampedModel):
    """An image file in storage and what its content says about it."""

    file = models.FileField(max_length=300, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    image_format = models.CharField(max_length=16, blank=True)
    size_bytes = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=UploadStatus.choices, default=UploadStatus.ACCEPTED
    )
    invalid_reason = models.CharField(max_length=255, blank=True)
    # Derivatives: EXIF orientation applied, every metadata stripped, sRGB JPEG. Blank until the
    # background task has made them (the UI shows a placeholder meanwhile).
    thumbnail = models.FileField(max_length=300, blank=True)
    preview = models.FileField(max_length=300, blank=True)

    # The only fields a stored image may change after it is created.
    DERIVATIVE_FIELDS = frozenset(
        {"thumbnail", "preview", "status", "invalid_reason", "updated_at"}
    )

    class Meta:
        abstract = True

    @property
    def derivatives_missing(self) -> bool:
        return self.status == UploadStatus.ACCEPTED and not (self.thumbnail and self.preview)


class UploadSession(TimestampedModel):
    """A short-lived permission for an anonymous storefront visitor to upload a few photos.

    Only a hash of the token is kept. ``bytes_used`` and ``files_used`` are reserved with a conditional
    UPDATE, so concurrent uploads cannot overrun the budget.
    """

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    max_bytes = models.PositiveBigIntegerField()
    bytes_used = models.PositiveBigIntegerField(default=0)
    max_files = models.PositiveIntegerField()
    files_used = models.PositiveIntegerField(default=0)
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    product_type_slug = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bytes_used__lte=models.F("max_bytes")),
                name="upload_session_within_byte_budget",
            ),
            models.CheckConstraint(
                condition=models.Q(files_used__lte=models.F("max_files")),
                name="upload_session_within_file_limit",
            ),
        ]


class CustomerUpload(StoredImage):
    """A photo a customer uploaded. Its reference goes into the checkout line's metadata
    (``podops.uploads``) and order intake links it to exactly one production item.

    A replacement is a new upload pointing at the one it replaces (``replaces``); nothing is
    overwritten, and an upload can be replaced once (the chain is linear).
    """

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    reference = models.CharField(max_length=64, unique=True, default=new_upload_reference)
    session = models.ForeignKey(
        UploadSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="uploads"
    )
    customer_user_id = models.CharField(max_length=255, blank=True, db_index=True)
    product_type_slug = models.CharField(max_length=255, blank=True)
    warnings: models.JSONField[list[dict[str, str]]] = models.JSONField(default=list, blank=True)
    item = models.ForeignKey(
        ProductionItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="uploads"
    )
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    version = models.PositiveIntegerField(default=1)


class PrintSpec(TimestampedModel):
    """The print size of a product type and the resolution its artwork needs. The row with an empty
    product type slug is the shop's default, used by product types without their own
    (``print_specs``)."""

    DEFAULT_MIN_DPI = 150
    DEFAULT_WARN_DPI = 300

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    product_type_slug = models.CharField(max_length=255)
    print_width_in = models.DecimalField(max_digits=6, decimal_places=2)
    print_height_in = models.DecimalField(max_digits=6, decimal_places=2)
    min_dpi = models.PositiveIntegerField(default=DEFAULT_MIN_DPI, help_text="Refused below")
    warn_dpi = models.PositiveIntegerField(default=DEFAULT_WARN_DPI, help_text="Warned below")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "product_type_slug"], name="one_print_spec_per_type"
            ),
            models.CheckConstraint(
                condition=models.Q(print_width_in__gt=Decimal(0), print_height_in__gt=Decimal(0)),
                name="print_spec_positive_size",
            ),
            models.CheckConstraint(
                condition=models.Q(min_dpi__gt=0, min_dpi__lte=models.F("warn_dpi")),
                name="print_spec_min_dpi_not_above_warn_dpi",
            ),
        ]


class ArtworkVersionImmutable(Exception):
    """Artwork versions are never changed once saved; only their derivatives are filled in."""


class _ArtworkVersionQuerySet(models.QuerySet["ArtworkVersion"]):
    def update(self, **kwargs: Any) -> int:
        changed = set(kwargs) - StoredImage.DERIVATIVE_FIELDS
        if changed:
            raise ArtworkVersionImmutable(f"Artwork versions cannot change {sorted(changed)}")
        return super().update(**kwargs)


class ArtworkVersion(StoredImage):
    """One artwork file an artist uploaded for an item: numbered 1, 2, ... per item and immutable. The
    version the customer approves is the one that goes to print; later uploads are new versions."""

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(
        ProductionItem, on_delete=models.CASCADE, related_name="artwork_versions"
    )
    number = models.PositiveIntegerField()
    uploaded_by_type = models.CharField(max_length=16)
    uploaded_by_id = models.CharField(max_length=255, blank=True)
    # imaging.PrintCheck as JSON: what the print partner gets as print metadata.
    print_check: models.JSONField[dict[str, Any]] = models.JSONField(default=dict)

    objects = _ArtworkVersionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="one_artwork_version_number")
        ]
        ordering = ["item_id", "number"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            update_fields = kwargs.get("update_fields")
            if update_fields is None or set(update_fields) - self.DERIVATIVE_FIELDS:
                raise ArtworkVersionImmutable("Artwork versions are never changed once saved")
        super().save(*args, **kwargs)
