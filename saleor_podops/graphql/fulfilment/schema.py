"""Staff API of fulfilment: the queue, batches, partner jobs (with the manager's view of failures),
partners, settings and metrics; and every fulfilment action."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import graphene
from django.db.models import Prefetch

from saleor_podops.fulfilment.models import Batch as BatchModel
from saleor_podops.fulfilment.models import BatchEntry, DispatchState, JobLine, QaState
from saleor_podops.fulfilment.models import PartnerJob as PartnerJobModel
from saleor_podops.fulfilment.queue import fulfilment_queue, fulfilment_settings_for
from saleor_podops.fulfilment.selectors import needs_attention_q
from saleor_podops.metrics.compute import installation_metrics
from saleor_podops.partners.models import PrintPartner as PrintPartnerModel

from ..artwork.prefetch import prefetch_customer_uploads
from ..core.auth import require_manager, require_roles
from ..core.errors import ApiErrorCode, api_error
from ..core.selections import requested_paths
from .mutations.archive_link_create import ArchiveLinkCreate
from .mutations.base import FULFILMENT_ROLES
from .mutations.batch_add_items import BatchAddItems
from .mutations.batch_create import BatchCreate
from .mutations.batch_dissolve import BatchDissolve
from .mutations.batch_remove_items import BatchRemoveItems
from .mutations.batch_send import BatchSend
from .mutations.batch_split import BatchSplit
from .mutations.batches_auto_create import BatchesAutoCreate
from .mutations.fulfilment_settings_update import FulfilmentSettingsUpdate
from .mutations.job_cancel import JobCancel
from .mutations.job_mark_sent import JobMarkSent
from .mutations.job_record_status import JobRecordStatus
from .mutations.job_resolve import JobResolve
from .mutations.job_retry_send import JobRetrySend
from .mutations.line_reprint import LineReprint
from .mutations.print_partner_create import PrintPartnerCreate
from .mutations.print_partner_update import PrintPartnerUpdate
from .mutations.qa_fail import QaFail
from .mutations.qa_pass import QaPass
from .types import (
    BatchStatusEnum,
    DispatchStateEnum,
    FulfilmentBatch,
    FulfilmentSettings,
    JobAttentionEnum,
    PartnerJob,
    PrintPartner,
    ProductionMetrics,
    QueueEntry,
    attach_approved_artwork,
    attach_partner_reasons,
    attach_reprint_events,
)

MAX_ROWS = 500


def _limit(first: int) -> int:
    if not 0 <= first <= MAX_ROWS:
        raise api_error(ApiErrorCode.INVALID_ARGUMENT, f"first must be between 0 and {MAX_ROWS}")
    return first


class FulfilmentQueries(graphene.ObjectType):
    fulfilment_queue = graphene.List(
        graphene.NonNull(QueueEntry),
        required=True,
        first=graphene.Int(default_value=100),
        unbatched_only=graphene.Boolean(default_value=False),
        mine=graphene.Boolean(
            default_value=False, description="Only the items assigned to the caller."
        ),
        description=(
            "Items waiting to be sent, most urgent first, each with its fulfiller "
            "(`item.assignee`): a fulfiller batches and sends the items they hold, managers all."
        ),
    )
    fulfilment_batches = graphene.List(
        graphene.NonNull(FulfilmentBatch),
        required=True,
        status=BatchStatusEnum(),
        first=graphene.Int(default_value=100),
    )
    partner_jobs = graphene.List(
        graphene.NonNull(PartnerJob),
        required=True,
        dispatch_state=DispatchStateEnum(),
        needs_attention=graphene.Boolean(
            description=(
                "Jobs a manager must look at: not sent, on hold, failed by the partner (their "
                "items went back to the queue), returned, or cancelled in Saleor but not (yet) "
                "at the partner."
            )
        ),
        qa_pending=graphene.Boolean(
            description="Sent jobs with a line waiting for QA (not shipped yet)."
        ),
        reprints=graphene.Boolean(description="Only reprints (true) or only first jobs (false)."),
        attention=JobAttentionEnum(description="Only jobs waiting for a manager for this."),
        first=graphene.Int(default_value=100),
    )
    print_partners = graphene.List(graphene.NonNull(PrintPartner), required=True)
    fulfilment_settings = graphene.Field(FulfilmentSettings, required=True)
    production_metrics = graphene.Field(
        ProductionMetrics,
        required=True,
        since=graphene.DateTime(description="Default: the last 30 days."),
        description="Managers: turnaround, SLA breaches, rejections, first-pass rates, reprints.",
    )

    @staticmethod
    def resolve_fulfilment_queue(
        root: Any, info: graphene.ResolveInfo, first: int, unbatched_only: bool, mine: bool
    ) -> Any:
        identity = require_roles(info, FULFILMENT_ROLES)
        rows = fulfilment_queue(
            installation_id=identity.installation.pk,
            unbatched_only=unbatched_only,
            assignee_user_id=identity.user_id if mine else None,
            with_assignee_roles=True,
        )[: _limit(first)]
        paths = requested_paths(info)
        items = [row.item for row in rows]
        if "item.customerUploads" in paths:
            prefetch_customer_uploads(items)
        if "approvedArtwork" in paths:
            attach_approved_artwork(items)
        return rows

    @staticmethod
    def resolve_fulfilment_batches(
        root: Any, info: graphene.ResolveInfo, first: int, status: str | None = None
    ) -> Any:
        identity = require_roles(info, FULFILMENT_ROLES)
        qs = BatchModel.objects.filter(installation=identity.installation).select_related("partner")
        if status:
            qs = qs.filter(status=status)
        qs = qs.prefetch_related(
            Prefetch(
                "entries",
                queryset=BatchEntry.objects.filter(removed_at__isnull=True).select_related(
                    "item__order"
                ),
                to_attr="open_entries",
            ),
            "jobs__partner",
        )
        return list(qs.order_by("-created_at", "-id")[: _limit(first)])

    @staticmethod
    def resolve_partner_jobs(
        root: Any,
        info: graphene.ResolveInfo,
        first: int,
        dispatch_state: str | None = None,
        needs_attention: bool | None = None,
        qa_pending: bool | None = None,
        reprints: bool | None = None,
        attention: str | None = None,
    ) -> Any:
        identity = require_roles(info, FULFILMENT_ROLES)
        qs = PartnerJobModel.objects.filter(installation=identity.installation)
        if dispatch_state:
            qs = qs.filter(dispatch_state=dispatch_state)
        if reprints is not None:
            qs = qs.filter(reprint_of__isnull=not reprints)
        if qa_pending:
            qs = qs.filter(
                dispatch_state=DispatchState.SENT,
                pk__in=JobLine.objects.filter(
                    qa_state=QaState.REQUIRED, shipped_at__isnull=True
                ).values("job_id"),
            )
        if needs_attention is not None:
            waiting = needs_attention_q()
            qs = qs.filter(waiting if needs_attention else ~waiting)
        if attention:
            qs = qs.filter(attention=attention, resolved_at__isnull=True)
        qs = qs.select_related("partner", "order", "reprint_of__partner").prefetch_related(
            Prefetch(
                "lines",
                queryset=JobLine.objects.select_related("item__order", "artwork_version"),
            ),
            "parcels",
        )
        jobs = list(qs.order_by("-created_at", "-id")[: _limit(first)])
        paths = requested_paths(info)
        if "reprintReason" in paths or "reprintComment" in paths:
            attach_reprint_events(jobs)
        if "partnerReason" in paths:
            attach_partner_reasons(jobs)
        return jobs

    @staticmethod
    def resolve_print_partners(root: Any, info: graphene.ResolveInfo) -> Any:
        identity = require_roles(info, FULFILMENT_ROLES)
        return list(PrintPartnerModel.objects.filter(installation=identity.installation))

    @staticmethod
    def resolve_fulfilment_settings(root: Any, info: graphene.ResolveInfo) -> Any:
        identity = require_roles(info, FULFILMENT_ROLES)
        return fulfilment_settings_for(identity.installation)

    @staticmethod
    def resolve_production_metrics(
        root: Any, info: graphene.ResolveInfo, since: datetime | None = None
    ) -> Any:
        identity = require_manager(info)
        return installation_metrics(installation_id=identity.installation.pk, since=since)


class FulfilmentMutations(graphene.ObjectType):
    batch_create = BatchCreate.Field()
    batch_add_items = BatchAddItems.Field()
    batch_remove_items = BatchRemoveItems.Field()
    batch_split = BatchSplit.Field()
    batch_dissolve = BatchDissolve.Field()
    batches_auto_create = BatchesAutoCreate.Field()
    batch_send = BatchSend.Field()
    archive_link_create = ArchiveLinkCreate.Field()
    job_mark_sent = JobMarkSent.Field()
    job_record_status = JobRecordStatus.Field()
    job_retry_send = JobRetrySend.Field()
    job_cancel = JobCancel.Field()
    job_resolve = JobResolve.Field()
    qa_pass = QaPass.Field()
    qa_fail = QaFail.Field()
    line_reprint = LineReprint.Field()
    print_partner_create = PrintPartnerCreate.Field()
    print_partner_update = PrintPartnerUpdate.Field()
    fulfilment_settings_update = FulfilmentSettingsUpdate.Field()
