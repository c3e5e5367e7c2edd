"""Fulfilment: the queue's settings, batches, jobs at print partners (with their monotonic partner
status), the status events received, parcels, and QA checks with their reprints."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from saleor_podops.artwork.models import ArtworkVersion
from saleor_podops.core.models import LeanLoadingModel, TimestampedModel
from saleor_podops.partners.models import PrintPartner
from saleor_podops.production.models import ProductionItem, ProductionOrder
from saleor_podops.saleor.models import Installation, OutboxMessage

DEFAULT_GRACE_MINUTES = 120
DEFAULT_SPOT_CHECK_PERCENT = Decimal("2.00")


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


def default_sla_hours() -> dict[str, int]:
    """Hours an item may spend in each stage before it is late."""
    return {
        "IMAGE_REVIEW": 24,
        "AWAITING_CUSTOMER": 72,
        "ARTWORK": 48,
        "ARTWORK_QC": 24,
        "CUSTOMER_APPROVAL": 72,
        "FULFILMENT_QUEUE": 24,
        "IN_PRODUCTION": 96,
    }


class FulfilmentSettings(TimestampedModel):
    installation = models.OneToOneField(
        Installation, on_delete=models.CASCADE, related_name="fulfilment_settings"
    )
    grace_minutes = models.PositiveIntegerField(
        default=DEFAULT_GRACE_MINUTES,
        help_text="After approval nothing is sent for this long: a cancellation still stops it",
    )
    spot_check_percent = models.DecimalField(
        max_digits=5, decimal_places=2, default=DEFAULT_SPOT_CHECK_PERCENT
    )
    qa_product_types: models.JSONField[list[str]] = models.JSONField(
        default=list, blank=True, help_text="Product types whose items all go through QA"
    )
    batch_max_items = models.PositiveIntegerField(default=50)
    express_shipping_methods: models.JSONField[list[str]] = models.JSONField(
        default=list, blank=True
    )
    high_value_threshold = models.DecimalField(
        max_digits=14, decimal_places=4, null=True, blank=True
    )
    due_soon_hours = models.PositiveIntegerField(default=12)
    sla_hours: models.JSONField[dict[str, int]] = models.JSONField(
        default=default_sla_hours, blank=True
    )
    print_methods: models.JSONField[dict[str, str]] = models.JSONField(
        default=dict, blank=True, help_text="Product type -> print method (batches group by it)"
    )
    default_partner = models.ForeignKey(
        PrintPartner, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    fallback_warehouse_id = models.CharField(
        max_length=255, blank=True, help_text="Saleor warehouse for lines with no allocation"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(spot_check_percent__gte=0, spot_check_percent__lte=100),
                name="spot_check_percent_range",
            ),
            models.CheckConstraint(condition=Q(batch_max_items__gte=1), name="batch_size_positive"),
        ]


class BatchStatus(models.TextChoices):
    OPEN = "OPEN", "Open"
    SENT = "SENT", "Sent"
    DISSOLVED = "DISSOLVED", "Dissolved"


class Batch(TimestampedModel):
    """Queued items sent together to one partner: one product type, print method and destination."""

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(PrintPartner, on_delete=models.PROTECT, related_name="batches")
    status = models.CharField(max_length=16, choices=BatchStatus.choices, default=BatchStatus.OPEN)
    product_type_slug = models.CharField(max_length=255, blank=True)
    print_method = models.CharField(max_length=100, blank=True)
    destination_country = models.CharField(max_length=2, blank=True)
    created_by = models.CharField(max_length=255, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.CharField(max_length=255, blank=True)

    class Meta:
        indexes = [models.Index(fields=["installation", "status"])]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Batch {self.pk}"


class BatchEntry(LeanLoadingModel):
    """An item in a batch. An item is in at most one batch at a time (removed entries are kept)."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(ProductionItem, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(removed_at__isnull=True),
                name="one_open_batch_per_item",
            )
        ]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Item {self.item_id} in batch {self.batch_id}"


class DispatchState(models.TextChoices):
    WAITING = "WAITING", "Waiting to be sent"
    SENT = "SENT", "At the partner"
    SEND_FAILED = "SEND_FAILED", "Could not be sent"
    CANCELLED = "CANCELLED", "Cancelled"


class JobAttention(models.TextChoices):
    """Why a job waits for a person (besides a send that failed, ``SEND_FAILED``, and a hold)."""

    PARTNER_FAILED = "PARTNER_FAILED", "The partner failed it (its items went back to the queue)"
    RETURNED = "RETURNED", "A parcel came back to the partner"
    CANCEL_FAILED = "CANCEL_FAILED", "Cancelled in Saleor, but the partner did not cancel it"
    CANCEL_BY_HAND = "CANCEL_BY_HAND", "Cancelled in Saleor: stop it at the partner by hand"


class PartnerJob(TimestampedModel):
    """One job at a partner: one order's items of a batch, or a reprint. Sent with the same
    ``idempotency_key`` on every try. The partner status only moves forward (``status.py``).

    ``attempts``, ``next_attempt_at``, ``claimed_until`` and ``last_error`` count the tries of the
    pending call to the partner: the submit while the job is WAITING, the cancellation while a SENT
    job has ``cancel_requested_at`` (Saleor cancelled the order after the job was sent). A job that
    needs a person says why in ``attention`` until a manager resolves it (``resolved_at``)."""

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(PrintPartner, on_delete=models.PROTECT, related_name="jobs")
    order = models.ForeignKey(
        ProductionOrder, on_delete=models.CASCADE, related_name="partner_jobs"
    )
    batch = models.ForeignKey(
        Batch, on_delete=models.SET_NULL, null=True, blank=True, related_name="jobs"
    )
    reprint_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reprints"
    )
    idempotency_key = models.CharField(max_length=64, unique=True, default=new_idempotency_key)
    external_id = models.CharField(max_length=255, blank=True)
    dispatch_state = models.CharField(
        max_length=16, choices=DispatchState.choices, default=DispatchState.WAITING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The partner's view, monotonic: the most advanced status seen, and holds (see status.py).
    partner_status = models.CharField(max_length=16, blank=True)
    partner_rank = models.PositiveSmallIntegerField(default=0)
    progress_at = models.DateTimeField(null=True, blank=True)
    hold_at = models.DateTimeField(null=True, blank=True)
    hold_reason = models.CharField(max_length=1000, blank=True)
    # Saleor cancelled the order after the job was sent: PodOps asks the partner to cancel it.
    cancel_requested_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=1000, blank=True)
    # What a person must look at, and how it was resolved.
    attention = models.CharField(max_length=16, choices=JobAttention.choices, blank=True)
    attention_reason = models.CharField(max_length=1000, blank=True)
    attention_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.CharField(max_length=255, blank=True)
    resolution = models.CharField(max_length=2000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "external_id"],
                condition=~Q(external_id=""),
                name="one_job_per_partner_external_id",
            )
        ]
        indexes = [models.Index(fields=["dispatch_state", "next_attempt_at"])]
        ordering = ["id"]

    @property
    def on_hold(self) -> bool:
        from .status import is_on_hold

        return is_on_hold(self)

    @property
    def needs_attention(self) -> bool:
        """A person must look at it: it could not be sent, the partner holds it, or ``attention``
        is unresolved."""
        return (
            self.dispatch_state == DispatchState.SEND_FAILED
            or (bool(self.attention) and self.resolved_at is None)
            or (self.on_hold and self.dispatch_state != DispatchState.CANCELLED)
        )


class QaState(models.TextChoices):
    NOT_REQUIRED = "NOT_REQUIRED", "No QA"
    REQUIRED = "REQUIRED", "Waiting for QA"
    PASSED = "PASSED", "Passed"
    FAILED = "FAILED", "Failed (reprinted)"


class JobLine(LeanLoadingModel):
    """One item in one job, with the approved artwork version it is printed from."""

    job = models.ForeignKey(PartnerJob, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(ProductionItem, on_delete=models.CASCADE, related_name="job_lines")
    artwork_version = models.ForeignKey(
        ArtworkVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    quantity = models.PositiveIntegerField(default=1)
    reprint_of = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reprinted_by"
    )
    qa_state = models.CharField(
        max_length=16, choices=QaState.choices, default=QaState.NOT_REQUIRED
    )
    spot_check = models.BooleanField(default=False)
    shipped_at = models.DateTimeField(null=True, blank=True)
    # The partner failed this line (its item went back to the fulfilment queue): it never ships.
    failed_at = models.DateTimeField(null=True, blank=True)
    # Its parcel came back to the partner: a manager reprints it or resolves the job.
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "item"], name="one_job_line_per_item")
        ]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.reference} of job {self.job_id}"

    @property
    def reference(self) -> str:
        """How the partner names this line back to us (a line not saved yet: by its item)."""
        return f"line-{self.pk}" if self.pk else f"item-{self.item_id}"


class EventOutcome(models.TextChoices):
    APPLIED = "APPLIED", "Applied"
    STALE = "STALE", "Older than what is known: kept, changed nothing"
    UNKNOWN_JOB = "UNKNOWN_JOB", "No such job"


class PartnerStatusEvent(LeanLoadingModel):
    """A status event as received. Unique per partner and event id (or body hash): a repeat is a
    no-op."""

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(PrintPartner, on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey(
        PartnerJob, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    event_id = models.CharField(max_length=255)
    external_job_id = models.CharField(max_length=255)
    status = models.CharField(max_length=16)
    occurred_at = models.DateTimeField()
    reason = models.TextField(blank=True)
    data: models.JSONField[dict[str, Any]] = models.JSONField(default=dict, blank=True)
    outcome = models.CharField(max_length=16, choices=EventOutcome.choices)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "event_id"], name="one_status_event_per_event_id"
            )
        ]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.status} of {self.external_job_id} ({self.outcome})"


class Parcel(TimestampedModel):
    """A parcel that left, with its tracking. Several parcels per job keep all their numbers."""

    job = models.ForeignKey(PartnerJob, on_delete=models.CASCADE, related_name="parcels")
    key = models.CharField(
        max_length=255, help_text="The partner's parcel id, else the first tracking number"
    )
    carrier = models.CharField(max_length=100, blank=True)
    tracking_number = models.CharField(max_length=255)
    tracking_url = models.URLField(max_length=500, blank=True)
    tracking_at = models.DateTimeField(help_text="When the partner last set the tracking")
    lines = models.ManyToManyField(JobLine, related_name="parcels")
    saleor_fulfilment = models.ForeignKey(
        OutboxMessage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "key"], name="one_parcel_per_key")]
        ordering = ["id"]


class DefectReason(models.TextChoices):
    MISPRINT = "MISPRINT", "Misprint"
    COLOUR_SHIFT = "COLOUR_SHIFT", "Colour shift"
    MISALIGNMENT = "MISALIGNMENT", "Misalignment"
    DAMAGED = "DAMAGED", "Damaged"
    WRONG_ITEM = "WRONG_ITEM", "Wrong item"
    OTHER = "OTHER", "Other"


class QaResult(models.TextChoices):
    PASS = "PASS", "Pass"
    FAIL = "FAIL", "Fail"


class QaCheck(LeanLoadingModel):
    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="+")
    line = models.ForeignKey(JobLine, on_delete=models.CASCADE, related_name="qa_checks")
    result = models.CharField(max_length=8, choices=QaResult.choices)
    defect_reason = models.CharField(max_length=16, choices=DefectReason.choices, blank=True)
    comment = models.TextField(blank=True)
    photo = models.FileField(max_length=300, blank=True)
    checked_by = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"QA {self.result} of line {self.line_id}"
