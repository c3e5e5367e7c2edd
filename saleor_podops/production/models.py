"""Production orders (one per Saleor order), their items (one per order line that is made to
order), the per-installation production settings, and the timeline every change writes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models

from saleor_podops.core.models import LeanLoadingModel, TimestampedModel
from saleor_podops.saleor.models import Installation

from .stages import Stage


class StartTrigger(models.TextChoices):
    """When a Saleor order becomes a production order."""

    FULLY_PAID = "FULLY_PAID", "When the order is fully paid"
    CONFIRMED = "CONFIRMED", "When the order is confirmed"
    CREATED = "CREATED", "When the order is created"


class ProductionSettings(TimestampedModel):
    installation = models.OneToOneField(
        Installation, on_delete=models.CASCADE, related_name="production_settings"
    )
    start_trigger = models.CharField(
        max_length=16, choices=StartTrigger.choices, default=StartTrigger.FULLY_PAID
    )
    # Narrowing which lines need production. Both empty: every line does.
    product_type_slugs: models.JSONField[list[str]] = models.JSONField(default=list, blank=True)
    line_flag_key = models.CharField(max_length=100, blank=True)
    max_text_length = models.PositiveIntegerField(default=200)
    prohibited_words: models.JSONField[list[str]] = models.JSONField(default=list, blank=True)


class OrderStatus(models.TextChoices):
    OPEN = "OPEN", "In production"
    CANCELLED = "CANCELLED", "Cancelled"
    COMPLETED = "COMPLETED", "Completed"


class ProductionOrder(TimestampedModel):
    installation = models.ForeignKey(
        Installation, on_delete=models.CASCADE, related_name="production_orders"
    )
    saleor_order_id = models.CharField(max_length=255)
    number = models.CharField(max_length=64, db_index=True)
    channel_slug = models.CharField(max_length=255, blank=True)
    customer_user_id = models.CharField(max_length=255, blank=True, db_index=True)
    customer_email = models.EmailField(blank=True, db_index=True)
    shipping_address: models.JSONField[dict[str, Any] | None] = models.JSONField(
        null=True, blank=True
    )
    shipping_method_name = models.CharField(max_length=255, blank=True)
    # The language the customer ordered in (BCP 47, e.g. "de" or "pt-BR"; "" when unknown).
    language_code = models.CharField(max_length=35, blank=True)
    total_gross_amount = models.DecimalField(max_digits=14, decimal_places=4, default=Decimal(0))
    currency = models.CharField(max_length=3, blank=True)
    saleor_created_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=OrderStatus.choices, default=OrderStatus.OPEN)
    stage = models.CharField(max_length=32, choices=Stage.choices, blank=True, default="")
    needs_attention = models.BooleanField(default=False)
    attention_reason = models.CharField(max_length=255, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    # Higher first in every queue; set by managers (0 = normal).
    priority = models.SmallIntegerField(default=0)
    # When the order should leave production; a placeholder until shipping rules set it.
    due_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "saleor_order_id"], name="one_production_order_per_order"
            )
        ]
        indexes = [
            models.Index(fields=["installation", "status", "stage"]),
            # One per sort of the staff API's order list (NEWEST and OLDEST share the first), each
            # ending with id like the ordering, so a keyset page is one index range.
            models.Index(
                fields=["installation", "-created_at", "-id"], name="prodorder_inst_recent"
            ),
            models.Index(
                fields=["installation", "-priority", "created_at", "id"],
                name="prodorder_inst_priority",
            ),
            # PostgreSQL keeps NULLs last in an ascending index, as the DUE_DATE sort does.
            models.Index(
                fields=["installation", "due_at", "created_at", "id"], name="prodorder_inst_due"
            ),
            models.Index(fields=["installation", "number", "id"], name="prodorder_inst_number"),
            # Not listed: on PostgreSQL the order search's GIN trigram index on
            # UPPER(customer_email), "prodorder_email_trgm" (migration 0006, which says why).
        ]

    def __str__(self) -> str:
        return f"#{self.number}"


class ProductionItem(TimestampedModel):
    installation = models.ForeignKey(
        Installation, on_delete=models.CASCADE, related_name="production_items"
    )
    order = models.ForeignKey(ProductionOrder, on_delete=models.CASCADE, related_name="items")
    saleor_line_id = models.CharField(max_length=255)
    line_index = models.PositiveIntegerField(help_text="1-based position of the line in the order")
    product_name = models.CharField(max_length=255)
    variant_name = models.CharField(max_length=255, blank=True)
    sku = models.CharField(max_length=255, blank=True)
    product_type_slug = models.CharField(max_length=255, blank=True, db_index=True)
    quantity = models.PositiveIntegerField(default=1)
    custom_text = models.TextField(blank=True)
    options: models.JSONField[dict[str, str]] = models.JSONField(default=dict, blank=True)
    upload_references: models.JSONField[list[str]] = models.JSONField(default=list, blank=True)
    input_problems: models.JSONField[list[dict[str, str]]] = models.JSONField(
        default=list, blank=True
    )
    stage = models.CharField(max_length=32, choices=Stage.choices, default=Stage.IMAGE_REVIEW)
    stage_entered_at = models.DateTimeField(null=True, blank=True)
    # The workflow's bookkeeping (saleor_podops.workflow).
    hold_return_stage = models.CharField(
        max_length=32, choices=Stage.choices, blank=True, help_text="Where a held item resumes"
    )
    rejection_count = models.PositiveIntegerField(
        default=0, help_text="How many times the item was sent back (all kinds of rejection)"
    )
    artwork_round = models.PositiveIntegerField(
        default=0, help_text="How many times the item entered ARTWORK"
    )
    rework_source = models.CharField(
        max_length=32,
        blank=True,
        help_text="Why the item is back in ARTWORK: ARTWORK_QC or CUSTOMER_APPROVAL; blank: new",
    )
    artist_user_id = models.CharField(
        max_length=255, blank=True, help_text="Saleor user id of the artist who made the artwork"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["order", "saleor_line_id"], name="one_production_item_per_line"
            )
        ]
        indexes = [
            models.Index(fields=["installation", "stage"]),
            models.Index(
                fields=["installation", "stage", "stage_entered_at"], name="proditem_stage_queue"
            ),
        ]
        ordering = ["order_id", "line_index"]

    def __str__(self) -> str:
        return f"#{self.order.number}-{self.line_index} {self.product_name}"


class ActorType(models.TextChoices):
    STAFF = "STAFF", "Staff"
    CUSTOMER = "CUSTOMER", "Customer"
    SYSTEM = "SYSTEM", "System"
    SALEOR = "SALEOR", "Saleor"
    PARTNER = "PARTNER", "Print partner"


class EventType(models.TextChoices):
    ORDER_RECEIVED = "ORDER_RECEIVED", "Production order created"
    INPUT_PROBLEM = "INPUT_PROBLEM", "Problem with the customer's input"
    STAGE_CHANGED = "STAGE_CHANGED", "Stage changed"
    ORDER_CANCELLED = "ORDER_CANCELLED", "Cancelled"
    CANCEL_NEEDS_ATTENTION = (
        "CANCEL_NEEDS_ATTENTION",
        "Cancelled in Saleor after production started",
    )
    SHIPPING_UPDATED = "SHIPPING_UPDATED", "Shipping details updated"
    COMMENT = "COMMENT", "Comment"
    REJECTED = "REJECTED", "Rejected"
    HELD = "HELD", "Put on hold"
    RESUMED = "RESUMED", "Resumed"
    STAGE_SKIPPED = "STAGE_SKIPPED", "Stage skipped"
    ASSIGNED = "ASSIGNED", "Assigned"
    UNASSIGNED = "UNASSIGNED", "Unassigned"
    FILE_ADDED = "FILE_ADDED", "File added"
    NOTIFICATION_SENT = "NOTIFICATION_SENT", "Notification sent"
    BATCH_UPDATED = "BATCH_UPDATED", "Fulfilment batch changed"
    PARTNER_JOB_SENT = "PARTNER_JOB_SENT", "Sent to the print partner"
    PARTNER_SEND_FAILED = "PARTNER_SEND_FAILED", "Sending to the print partner failed"
    PARTNER_STATUS = "PARTNER_STATUS", "Print partner status"
    PARCEL_SHIPPED = "PARCEL_SHIPPED", "Parcel shipped"
    QA_PASSED = "QA_PASSED", "Passed QA"
    QA_FAILED = "QA_FAILED", "Failed QA"
    REPRINT_CREATED = "REPRINT_CREATED", "Reprint ordered"


class TimelineEvent(LeanLoadingModel):
    """One thing that happened to an order or one of its items: who, when, from -> to, why."""

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    order = models.ForeignKey(ProductionOrder, on_delete=models.CASCADE, related_name="events")
    item = models.ForeignKey(
        ProductionItem, on_delete=models.CASCADE, related_name="events", null=True, blank=True
    )
    type = models.CharField(max_length=40, choices=EventType.choices)
    actor_type = models.CharField(max_length=16, choices=ActorType.choices)
    actor_id = models.CharField(max_length=255, blank=True)
    from_stage = models.CharField(max_length=32, blank=True)
    to_stage = models.CharField(max_length=32, blank=True)
    reason_code = models.CharField(max_length=64, blank=True)
    comment = models.TextField(blank=True)
    data: models.JSONField[dict[str, Any]] = models.JSONField(default=dict, blank=True)
    is_internal = models.BooleanField(
        default=False, help_text="Staff-only (internal comments): never shown to customers"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["order", "created_at"])]

    def __str__(self) -> str:
        return f"{self.type} {self.from_stage}->{self.to_stage}"
