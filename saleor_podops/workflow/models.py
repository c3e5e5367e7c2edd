"""The shop's configurable side of the workflow: which optional stages are on (per installation,
overridable per product type), who may skip a stage, and the rejection reason codes."""

from __future__ import annotations

from django.db import models

from saleor_podops.core.models import TimestampedModel
from saleor_podops.saleor.models import Installation


def default_skip_roles() -> dict[str, list[str]]:
    return {
        "IMAGE_REVIEW": ["MANAGER"],
        "AWAITING_CUSTOMER": ["MANAGER"],
        "ARTWORK_QC": ["MANAGER"],
        "CUSTOMER_APPROVAL": ["MANAGER"],
    }


class FlowSettings(TimestampedModel):
    installation = models.OneToOneField(
        Installation, on_delete=models.CASCADE, related_name="flow_settings"
    )
    image_review_enabled = models.BooleanField(default=True)
    artwork_qc_enabled = models.BooleanField(default=True)
    customer_approval_enabled = models.BooleanField(default=True)
    # Stage -> roles that may skip it (ADMIN always may skip a skippable stage).
    skip_roles: models.JSONField[dict[str, list[str]]] = models.JSONField(
        default=default_skip_roles, blank=True
    )


class ProductTypeFlow(TimestampedModel):
    """Overrides for one product type; a blank (null) switch follows the installation's setting."""

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    product_type_slug = models.CharField(max_length=255)
    image_review_enabled = models.BooleanField(null=True, blank=True)
    artwork_qc_enabled = models.BooleanField(null=True, blank=True)
    customer_approval_enabled = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "product_type_slug"], name="one_flow_per_product_type"
            )
        ]
        ordering = ["product_type_slug"]


DEFAULT_REASON_CODES: tuple[tuple[str, str], ...] = (
    ("LOW_RESOLUTION", "Low resolution"),
    ("WRONG_CROP", "Wrong crop"),
    ("FACE_NOT_VISIBLE", "Face not visible"),
    ("COLOURS", "Colours"),
    ("TYPO", "Typo"),
    ("OTHER", "Other"),
)
# Rejections with this code need a comment saying what is wrong.
COMMENT_REQUIRED_CODES = frozenset({"OTHER"})


class ReasonCode(TimestampedModel):
    """One entry of the shop's list of rejection reasons. Removed codes are deactivated, not
    deleted: the timeline keeps naming them."""

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=64)
    label = models.CharField(max_length=255)
    position = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "code"], name="one_reason_code_per_code"
            )
        ]
        ordering = ["position", "code"]
