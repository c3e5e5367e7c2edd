"""What the customer is asked to decide, and what they decided.

- ``Proof``: one artwork version put before the customer, once per entry of the item into
  CUSTOMER_APPROVAL (unique by item and stage entry). Open until decided or superseded.
- ``ProofDecision``: at most one per proof (a unique one-to-one): deciding twice is impossible.
- ``ChangeMark``: points the customer marked on the preview (x/y as fractions of its size).
- ``PhotoRequest``: the customer's photo was rejected (the item entered AWAITING_CUSTOMER); closed
  when they replace it or tell us to go ahead.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from saleor_podops.artwork.models import ArtworkVersion, CustomerUpload
from saleor_podops.core.models import LeanLoadingModel, TimestampedModel
from saleor_podops.production.models import ProductionItem, ProductionOrder
from saleor_podops.saleor.models import Installation

DEFAULT_FREE_REVISIONS = 3


class ApprovalSettings(TimestampedModel):
    installation = models.OneToOneField(
        Installation, on_delete=models.CASCADE, related_name="approval_settings"
    )
    free_revisions = models.PositiveIntegerField(default=DEFAULT_FREE_REVISIONS)
    # The storefront's account page with the approvals component; blank: the hosted page.
    storefront_approvals_url = models.URLField(max_length=500, blank=True)


class ProofStatus(models.TextChoices):
    AWAITING = "AWAITING", "Waiting for the customer"
    APPROVED = "APPROVED", "Approved"
    CHANGES_REQUESTED = "CHANGES_REQUESTED", "Changes requested"
    SUPERSEDED = "SUPERSEDED", "No longer current"


class Proof(TimestampedModel):
    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    order = models.ForeignKey(ProductionOrder, on_delete=models.CASCADE, related_name="proofs")
    item = models.ForeignKey(ProductionItem, on_delete=models.CASCADE, related_name="proofs")
    version = models.ForeignKey(ArtworkVersion, on_delete=models.PROTECT, related_name="proofs")
    stage_entered_at = models.DateTimeField()
    round = models.PositiveIntegerField(help_text="1 for the first proof of the item, then 2, ...")
    status = models.CharField(
        max_length=24, choices=ProofStatus.choices, default=ProofStatus.AWAITING
    )
    auto_approve_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["item", "stage_entered_at"], name="one_proof_per_approval_entry"
            ),
            models.UniqueConstraint(
                fields=["item"],
                condition=models.Q(status="AWAITING"),
                name="one_open_proof_per_item",
            ),
        ]
        indexes = [
            models.Index(
                fields=["auto_approve_at"],
                condition=models.Q(status="AWAITING"),
                name="proof_auto_approve_due",
            )
        ]
        ordering = ["-created_at", "-id"]


class DecisionKind(models.TextChoices):
    APPROVED = "APPROVED", "Approved"
    CHANGES_REQUESTED = "CHANGES_REQUESTED", "Changes requested"
    AUTO_APPROVED = "AUTO_APPROVED", "Approved automatically"


class ProofDecision(LeanLoadingModel):
    proof = models.OneToOneField(Proof, on_delete=models.CASCADE, related_name="decision")
    kind = models.CharField(max_length=24, choices=DecisionKind.choices)
    actor_type = models.CharField(max_length=16)
    actor_id = models.CharField(max_length=255, blank=True)
    comment = models.TextField(blank=True)
    revision_number = models.PositiveIntegerField(
        default=0, help_text="For change requests: 1 for the first, 2, ..."
    )
    over_free_limit = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.kind} proof {self.proof_id}"


class ChangeMark(LeanLoadingModel):
    decision = models.ForeignKey(ProofDecision, on_delete=models.CASCADE, related_name="marks")
    x = models.FloatField(validators=[MinValueValidator(0.0), MaxValueValidator(1.0)])
    y = models.FloatField(validators=[MinValueValidator(0.0), MaxValueValidator(1.0)])
    note = models.CharField(max_length=1000, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(x__gte=0, x__lte=1, y__gte=0, y__lte=1),
                name="change_mark_inside_image",
            )
        ]

    def __str__(self) -> str:
        return f"({self.x:.2f}, {self.y:.2f}) {self.note[:40]}"


class PhotoRequestStatus(models.TextChoices):
    AWAITING = "AWAITING", "Waiting for the customer"
    REPLACED = "REPLACED", "New photo sent"
    GO_AHEAD = "GO_AHEAD", "Go ahead with the photo"
    CLOSED = "CLOSED", "No longer current"


class PhotoRequest(TimestampedModel):
    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    order = models.ForeignKey(ProductionOrder, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(
        ProductionItem, on_delete=models.CASCADE, related_name="photo_requests"
    )
    stage_entered_at = models.DateTimeField()
    reason_code = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=255, blank=True)
    comment = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=PhotoRequestStatus.choices, default=PhotoRequestStatus.AWAITING
    )
    replacement = models.ForeignKey(
        CustomerUpload, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["item", "stage_entered_at"], name="one_photo_request_per_entry"
            )
        ]
