"""GraphQL types of fulfilment: the queue, batches, partners, jobs with their lines and parcels,
settings and metrics."""

from __future__ import annotations

from typing import Any

import graphene
from graphql_relay import to_global_id

from saleor_podops.fulfilment.error_codes import FulfilmentErrorCode
from saleor_podops.fulfilment.jobs import approved_versions
from saleor_podops.fulfilment.models import (
    Batch as BatchModel,
)
from saleor_podops.fulfilment.models import (
    BatchStatus,
    DefectReason,
    DispatchState,
    JobAttention,
    QaState,
)
from saleor_podops.fulfilment.models import (
    FulfilmentSettings as FulfilmentSettingsModel,
)
from saleor_podops.fulfilment.models import (
    JobLine as JobLineModel,
)
from saleor_podops.fulfilment.models import (
    PartnerJob as PartnerJobModel,
)
from saleor_podops.fulfilment.models import (
    PartnerStatusEvent as PartnerStatusEventModel,
)
from saleor_podops.fulfilment.queue import QueueRow
from saleor_podops.metrics.compute import InstallationMetrics
from saleor_podops.partners.interface import PartnerStatus
from saleor_podops.partners.models import PartnerKind
from saleor_podops.partners.models import PrintPartner as PrintPartnerModel
from saleor_podops.production.models import EventType
from saleor_podops.production.models import TimelineEvent as TimelineEventModel

from ..artwork.types import ArtworkVersion
from ..production.types import ProductionItem, ProductionOrder

FulfilmentErrorCodeEnum = graphene.Enum.from_enum(FulfilmentErrorCode, name="FulfilmentErrorCode")
BatchStatusEnum = graphene.Enum.from_enum(BatchStatus, name="FulfilmentBatchStatus")
DispatchStateEnum = graphene.Enum.from_enum(DispatchState, name="PartnerJobDispatchState")
QaStateEnum = graphene.Enum.from_enum(QaState, name="QaState")
DefectReasonEnum = graphene.Enum.from_enum(DefectReason, name="DefectReason")
PartnerKindEnum = graphene.Enum.from_enum(PartnerKind, name="PrintPartnerKind")
PartnerStatusEnum = graphene.Enum.from_enum(PartnerStatus, name="PartnerStatus")
JobAttentionEnum = graphene.Enum.from_enum(JobAttention, name="PartnerJobAttention")


def global_id(type_name: str, pk: int) -> str:
    return to_global_id(type_name, str(pk))


class FulfilmentError(graphene.ObjectType):
    field = graphene.String(description="The input field at fault; null for the whole input.")
    code = FulfilmentErrorCodeEnum(required=True)
    message = graphene.String(required=True)


APPROVED_ARTWORK_ATTRIBUTE = "approved_artwork"
REPRINT_EVENT_ATTRIBUTE = "reprint_event"
PARTNER_REASON_ATTRIBUTE = "partner_reason"
_REASON_STATUSES = (PartnerStatus.FAILED, PartnerStatus.RETURNED, PartnerStatus.ON_HOLD)


def attach_approved_artwork(items: list[Any]) -> None:
    """Each item's approved artwork version, for the whole list in two queries."""
    versions = approved_versions(items)
    for item in items:
        setattr(item, APPROVED_ARTWORK_ATTRIBUTE, versions.get(item.pk))


def attach_reprint_events(jobs: list[PartnerJobModel]) -> None:
    """The REPRINT_CREATED timeline event (reason, comment) of each reprint job, in one query."""
    reprints = [job for job in jobs if job.reprint_of_id]
    if not reprints:
        return
    events = TimelineEventModel.objects.filter(
        type=EventType.REPRINT_CREATED, order_id__in={job.order_id for job in reprints}
    ).order_by("pk")
    by_job = {event.data.get("job"): event for event in events}
    for job in reprints:
        setattr(job, REPRINT_EVENT_ATTRIBUTE, by_job.get(job.pk))


def attach_partner_reasons(jobs: list[PartnerJobModel]) -> None:
    """What the partner said with its newest failure, return or hold of each job, in one query."""
    latest: dict[int, str] = {}
    events = (
        PartnerStatusEventModel.objects.filter(
            job_id__in=[job.pk for job in jobs], status__in=_REASON_STATUSES
        )
        .exclude(reason="")
        .order_by("occurred_at", "pk")
        .values_list("job_id", "reason")
    )
    for job_id, reason in events:
        latest[job_id] = reason
    for job in jobs:
        setattr(job, PARTNER_REASON_ATTRIBUTE, latest.get(job.pk, ""))


def _reprint_event(job: PartnerJobModel) -> TimelineEventModel | None:
    if not job.reprint_of_id:
        return None
    if not hasattr(job, REPRINT_EVENT_ATTRIBUTE):
        attach_reprint_events([job])
    event: TimelineEventModel | None = getattr(job, REPRINT_EVENT_ATTRIBUTE)
    return event


class QueueEntry(graphene.ObjectType):
    item = graphene.Field(ProductionItem, required=True)
    due_at = graphene.DateTime(
        description="From the SLA target, or the order's due date if sooner."
    )
    is_late = graphene.Boolean(required=True)
    priority = graphene.Int(required=True)
    priority_reasons = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="EXPRESS, HIGH_VALUE, LATE, DUE_SOON, MANUAL.",
    )
    sendable_at = graphene.DateTime(required=True, description="When the grace window ends.")
    in_grace = graphene.Boolean(required=True)
    batch_id = graphene.ID()
    approved_artwork = graphene.Field(
        ArtworkVersion, description="The artwork version the item is printed from."
    )

    @staticmethod
    def resolve_batch_id(root: QueueRow, info: graphene.ResolveInfo) -> str | None:
        return global_id("FulfilmentBatch", root.batch_id) if root.batch_id else None

    @staticmethod
    def resolve_approved_artwork(root: QueueRow, info: graphene.ResolveInfo) -> Any:
        if not hasattr(root.item, APPROVED_ARTWORK_ATTRIBUTE):
            attach_approved_artwork([root.item])
        return getattr(root.item, APPROVED_ARTWORK_ATTRIBUTE)


class PrintfulSettings(graphene.ObjectType):
    store_id = graphene.String(required=True, description="For account-level API tokens.")
    variant_ids = graphene.JSONString(
        required=True, description="SKU (or product type slug) -> Printful catalog variant id."
    )
    file_placements = graphene.JSONString(
        required=True, description="Product type slug -> Printful file placement (default)."
    )
    shipping_methods = graphene.JSONString(
        required=True, description="Saleor shipping method name -> Printful shipping (STANDARD)."
    )

    @staticmethod
    def resolve_store_id(root: dict[str, Any], info: graphene.ResolveInfo) -> str:
        return str(root.get("store_id") or "")

    @staticmethod
    def resolve_variant_ids(root: dict[str, Any], info: graphene.ResolveInfo) -> Any:
        return root.get("variant_ids") or {}

    @staticmethod
    def resolve_file_placements(root: dict[str, Any], info: graphene.ResolveInfo) -> Any:
        return root.get("file_placements") or {}

    @staticmethod
    def resolve_shipping_methods(root: dict[str, Any], info: graphene.ResolveInfo) -> Any:
        return root.get("shipping_methods") or {}


class PrintPartner(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    kind = PartnerKindEnum(required=True)
    endpoint_url = graphene.String(
        required=True, description="Generic HTTP: the job endpoint. Printful: its API address."
    )
    webhook_url = graphene.String(
        required=True,
        description=(
            "Where the partner posts statuses. A Printful partner's URL ends in a secret token: "
            "managers see it whole, others without the token."
        ),
    )
    is_active = graphene.Boolean(required=True)
    has_secret = graphene.Boolean(required=True)
    has_api_key = graphene.Boolean(required=True, description="Printful: an API key is stored.")
    printful = graphene.Field(PrintfulSettings, description="Printful partners' settings.")
    webhook_registered_at = graphene.DateTime(
        description="Printful: when PodOps last pointed the store's webhooks at webhookUrl (null "
        "while that is pending or was refused)."
    )
    webhook_registration_error = graphene.String(
        required=True,
        description="Printful: why the store's webhooks could not be registered (empty if fine).",
    )
    webhook_removed_at = graphene.DateTime(
        description="Printful: when PodOps took the store's webhooks away from this partner "
        "(switched off with no job in flight, or no longer a Printful partner); null while they "
        "point here or were never registered."
    )
    webhook_removal_error = graphene.String(
        required=True,
        description="Printful: why the store's webhooks could not be removed (empty if fine).",
    )
    rate_per_minute = graphene.Int(required=True)
    burst = graphene.Int(required=True)

    @staticmethod
    def resolve_id(root: PrintPartnerModel, info: graphene.ResolveInfo) -> str:
        return global_id("PrintPartner", root.pk)

    @staticmethod
    def resolve_webhook_url(root: PrintPartnerModel, info: graphene.ResolveInfo) -> str:
        from ..core.auth import current_staff

        with_token = current_staff(info).is_manager and bool(root.encrypted_webhook_token)
        return root.webhook_url(with_token=with_token)

    @staticmethod
    def resolve_has_api_key(root: PrintPartnerModel, info: graphene.ResolveInfo) -> bool:
        return bool(root.encrypted_api_key)

    @staticmethod
    def resolve_printful(root: PrintPartnerModel, info: graphene.ResolveInfo) -> Any:
        return root.options if root.kind == PartnerKind.PRINTFUL else None

    @staticmethod
    def resolve_has_secret(root: PrintPartnerModel, info: graphene.ResolveInfo) -> bool:
        return bool(root.encrypted_secret)


class Parcel(graphene.ObjectType):
    carrier = graphene.String(required=True)
    tracking_number = graphene.String(required=True)
    tracking_url = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)


class JobLine(graphene.ObjectType):
    id = graphene.ID(required=True)
    item = graphene.Field(ProductionItem, required=True)
    artwork_version = graphene.Int(description="The approved artwork version printed.")
    artwork = graphene.Field(ArtworkVersion, description="That artwork version.")
    quantity = graphene.Int(required=True)
    qa_state = QaStateEnum(required=True)
    spot_check = graphene.Boolean(required=True)
    shipped_at = graphene.DateTime()
    failed_at = graphene.DateTime(
        description="The partner failed it: its item went back to the fulfilment queue."
    )
    returned_at = graphene.DateTime(description="Its parcel came back to the partner.")
    reprint_of_id = graphene.ID()

    @staticmethod
    def resolve_id(root: JobLineModel, info: graphene.ResolveInfo) -> str:
        return global_id("PartnerJobLine", root.pk)

    @staticmethod
    def resolve_artwork_version(root: JobLineModel, info: graphene.ResolveInfo) -> int | None:
        return root.artwork_version.number if root.artwork_version else None

    @staticmethod
    def resolve_artwork(root: JobLineModel, info: graphene.ResolveInfo) -> Any:
        return root.artwork_version

    @staticmethod
    def resolve_reprint_of_id(root: JobLineModel, info: graphene.ResolveInfo) -> str | None:
        return global_id("PartnerJobLine", root.reprint_of_id) if root.reprint_of_id else None


class PartnerJob(graphene.ObjectType):
    id = graphene.ID(required=True)
    partner = graphene.Field(PrintPartner, required=True)
    order = graphene.Field(ProductionOrder, required=True)
    external_id = graphene.String(required=True)
    dispatch_state = DispatchStateEnum(required=True)
    attempts = graphene.Int(required=True)
    last_error = graphene.String(required=True)
    next_attempt_at = graphene.DateTime(required=True)
    submitted_at = graphene.DateTime()
    partner_status = PartnerStatusEnum()
    on_hold = graphene.Boolean(required=True)
    hold_reason = graphene.String(required=True)
    partner_reason = graphene.String(
        required=True,
        description="What the partner said with its newest FAILED, RETURNED or ON_HOLD report.",
    )
    needs_attention = graphene.Boolean(
        required=True,
        description="Not sent, on hold, or an unresolved attention (failed, returned, cancel).",
    )
    attention = JobAttentionEnum(description="Why it waits for a manager (null: it does not).")
    attention_reason = graphene.String(required=True)
    attention_at = graphene.DateTime()
    resolved_at = graphene.DateTime()
    resolution = graphene.String(required=True)
    cancel_requested_at = graphene.DateTime(
        description="Saleor cancelled the order: PodOps is asking the partner to cancel the job."
    )
    reprint_of_id = graphene.ID()
    reprint_of = graphene.Field(
        lambda: PartnerJob, description="The job this one reprints (the first job)."
    )
    reprint_reason = DefectReasonEnum(description="Why it is reprinted (reprints only).")
    reprint_comment = graphene.String(required=True)
    lines = graphene.List(graphene.NonNull(JobLine), required=True)
    parcels = graphene.List(graphene.NonNull(Parcel), required=True)
    created_at = graphene.DateTime(required=True)

    @staticmethod
    def resolve_id(root: PartnerJobModel, info: graphene.ResolveInfo) -> str:
        return global_id("PartnerJob", root.pk)

    @staticmethod
    def resolve_partner_status(root: PartnerJobModel, info: graphene.ResolveInfo) -> str | None:
        return root.partner_status or None

    @staticmethod
    def resolve_hold_reason(root: PartnerJobModel, info: graphene.ResolveInfo) -> str:
        return root.hold_reason if root.on_hold else ""

    @staticmethod
    def resolve_attention(root: PartnerJobModel, info: graphene.ResolveInfo) -> str | None:
        return root.attention if root.attention and root.resolved_at is None else None

    @staticmethod
    def resolve_reprint_of_id(root: PartnerJobModel, info: graphene.ResolveInfo) -> str | None:
        return global_id("PartnerJob", root.reprint_of_id) if root.reprint_of_id else None

    @staticmethod
    def resolve_partner_reason(root: PartnerJobModel, info: graphene.ResolveInfo) -> str:
        if not hasattr(root, PARTNER_REASON_ATTRIBUTE):
            attach_partner_reasons([root])
        reason: str = getattr(root, PARTNER_REASON_ATTRIBUTE)
        return reason

    @staticmethod
    def resolve_reprint_of(root: PartnerJobModel, info: graphene.ResolveInfo) -> Any:
        return root.reprint_of if root.reprint_of_id else None

    @staticmethod
    def resolve_reprint_reason(root: PartnerJobModel, info: graphene.ResolveInfo) -> str | None:
        event = _reprint_event(root)
        return event.reason_code if event is not None and event.reason_code else None

    @staticmethod
    def resolve_reprint_comment(root: PartnerJobModel, info: graphene.ResolveInfo) -> str:
        event = _reprint_event(root)
        return event.comment if event is not None else ""

    @staticmethod
    def resolve_lines(root: PartnerJobModel, info: graphene.ResolveInfo) -> Any:
        return root.lines.all()

    @staticmethod
    def resolve_parcels(root: PartnerJobModel, info: graphene.ResolveInfo) -> Any:
        return root.parcels.all()


class FulfilmentBatch(graphene.ObjectType):
    id = graphene.ID(required=True)
    status = BatchStatusEnum(required=True)
    partner = graphene.Field(PrintPartner, required=True)
    product_type_slug = graphene.String(required=True)
    print_method = graphene.String(required=True)
    destination_country = graphene.String(required=True)
    items = graphene.List(graphene.NonNull(ProductionItem), required=True)
    jobs = graphene.List(graphene.NonNull(PartnerJob), required=True)
    created_at = graphene.DateTime(required=True)
    sent_at = graphene.DateTime()

    @staticmethod
    def resolve_id(root: BatchModel, info: graphene.ResolveInfo) -> str:
        return global_id("FulfilmentBatch", root.pk)

    @staticmethod
    def resolve_items(root: BatchModel, info: graphene.ResolveInfo) -> list[Any]:
        entries = getattr(root, "open_entries", None)
        if entries is None:
            entries = root.entries.filter(removed_at__isnull=True).select_related("item")
        return [entry.item for entry in entries]

    @staticmethod
    def resolve_jobs(root: BatchModel, info: graphene.ResolveInfo) -> Any:
        return root.jobs.all()


class FulfilmentSettings(graphene.ObjectType):
    grace_minutes = graphene.Int(required=True)
    spot_check_percent = graphene.Float(required=True)
    qa_product_types = graphene.List(graphene.NonNull(graphene.String), required=True)
    batch_max_items = graphene.Int(required=True)
    express_shipping_methods = graphene.List(graphene.NonNull(graphene.String), required=True)
    high_value_threshold = graphene.Float()
    due_soon_hours = graphene.Int(required=True)
    sla_hours = graphene.JSONString(required=True, description="Stage -> hours.")
    print_methods = graphene.JSONString(required=True, description="Product type -> method.")
    default_partner_id = graphene.ID()
    fallback_warehouse_id = graphene.String(required=True)

    @staticmethod
    def resolve_default_partner_id(
        root: FulfilmentSettingsModel, info: graphene.ResolveInfo
    ) -> str | None:
        return (
            global_id("PrintPartner", root.default_partner_id) if root.default_partner_id else None
        )


class StageLoad(graphene.ObjectType):
    stage = graphene.String(required=True)
    items = graphene.Int(required=True)
    oldest_age_seconds = graphene.Float(required=True)
    average_age_seconds = graphene.Float(required=True)


class StageTurnaround(graphene.ObjectType):
    stage = graphene.String(required=True)
    count = graphene.Int(required=True)
    p50_seconds = graphene.Float()
    p90_seconds = graphene.Float()


class CountByReason(graphene.ObjectType):
    stage = graphene.String(required=True)
    reason = graphene.String(required=True)
    count = graphene.Int(required=True)


class ArtistFirstPass(graphene.ObjectType):
    artist_user_id = graphene.String(required=True)
    items = graphene.Int(required=True)
    first_pass = graphene.Int(required=True)
    rate = graphene.Float(required=True)


class ProductionMetrics(graphene.ObjectType):
    since = graphene.DateTime(required=True)
    items_per_stage = graphene.List(graphene.NonNull(StageLoad), required=True)
    turnaround_per_stage = graphene.List(graphene.NonNull(StageTurnaround), required=True)
    end_to_end = graphene.Field(StageTurnaround, required=True)
    sla_breaches = graphene.List(graphene.NonNull(CountByReason), required=True)
    rejections = graphene.List(graphene.NonNull(CountByReason), required=True)
    first_pass = graphene.List(graphene.NonNull(ArtistFirstPass), required=True)
    reprints = graphene.List(graphene.NonNull(CountByReason), required=True)
    fulfilment_queue_depth = graphene.Int(required=True)
    partner_jobs_waiting = graphene.Int(required=True)
    partner_jobs_failed = graphene.Int(required=True, description="Jobs that could not be sent.")
    partner_jobs_needing_attention = graphene.Int(
        required=True,
        description=(
            "Jobs a person must look at: not sent, failed, held or returned by the partner, or "
            "a cancellation that did not go through."
        ),
    )

    @staticmethod
    def resolve_turnaround_per_stage(root: InstallationMetrics, info: graphene.ResolveInfo) -> Any:
        return [
            StageTurnaround(stage, t.count, t.p50_seconds, t.p90_seconds)
            for stage, t in root.turnaround_per_stage.items()
        ]

    @staticmethod
    def resolve_end_to_end(root: InstallationMetrics, info: graphene.ResolveInfo) -> Any:
        t = root.end_to_end
        return StageTurnaround("END_TO_END", t.count, t.p50_seconds, t.p90_seconds)

    @staticmethod
    def resolve_sla_breaches(root: InstallationMetrics, info: graphene.ResolveInfo) -> Any:
        return [CountByReason(stage, "SLA", count) for stage, count in root.sla_breaches.items()]

    @staticmethod
    def resolve_reprints(root: InstallationMetrics, info: graphene.ResolveInfo) -> Any:
        return [
            CountByReason("REPRINT", reason, count)
            for reason, count in root.reprints_per_reason.items()
        ]

    @staticmethod
    def resolve_first_pass(root: InstallationMetrics, info: graphene.ResolveInfo) -> Any:
        return [
            ArtistFirstPass(a.artist_user_id, a.items, a.first_pass, a.rate)
            for a in root.first_pass
        ]
