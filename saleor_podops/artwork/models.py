"""Customer uploads (photos the storefront sent to PodOps before or after checkout)."""

from __future__ import annotations

import secrets

from django.db import models

from saleor_podops.core.models import TimestampedModel
from saleor_podops.production.models import ProductionItem
from saleor_podops.saleor.models import Installation


def new_upload_reference() -> str:
    return f"upl_{secrets.token_urlsafe(18)}"


class UploadStatus(models.TextChoices):
    ACCEPTED = "ACCEPTED", "Accepted"
    INVALID = "INVALID", "Invalid"


class CustomerUpload(TimestampedModel):
    """A photo a customer uploaded. Its reference goes into the checkout line's metadata
    (``podops.uploads``) and order intake links it to exactly one production item."""

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    reference = models.CharField(max_length=64, unique=True, default=new_upload_reference)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size_bytes = models.PositiveBigIntegerField(default=0)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=UploadStatus.choices, default=UploadStatus.ACCEPTED
    )
    item = models.ForeignKey(
        ProductionItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="uploads"
    )
