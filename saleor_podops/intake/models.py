"""What intake remembers beyond production orders."""

from __future__ import annotations

from django.db import models

from saleor_podops.core.models import LeanLoadingModel
from saleor_podops.saleor.models import Installation


class CancelledSaleorOrder(LeanLoadingModel):
    """A Saleor order cancelled or refunded before it became a production order.

    Deliveries arrive out of order: a late ORDER_FULLY_PAID (whose payload still shows the order as
    paid and open) must not start production for an order Saleor already cancelled.
    """

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    saleor_order_id = models.CharField(max_length=255)
    reason = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "saleor_order_id"], name="one_tombstone_per_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.saleor_order_id} ({self.reason})"
