"""Partner status events: stored once per (partner, event id), folded into the job's monotonic
status (``status.py``), parcels recorded, the timeline told. A repeated event changes nothing; a late
one is kept but cannot move a job backwards."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import asdict

from django.db import IntegrityError, transaction
from django.utils import timezone

from saleor_podops.partners.interface import ParcelReport, PartnerStatus, StatusUpdate
from saleor_podops.partners.models import PartnerKind, PrintPartner
from saleor_podops.production.models import ActorType, EventType, ProductionOrder
from saleor_podops.production.timeline import Actor, record_event
from saleor_podops.workflow.actions import actor_of
from saleor_podops.workflow.transitions import Person

from .access import require_fulfiller
from .error_codes import FulfilmentError, FulfilmentErrorCode
from .models import DispatchState, EventOutcome, PartnerJob, PartnerStatusEvent, QaState
from .shipping import _shippable_lines, parcel_record
from .status import SHIPPED_RANK, apply_status, is_on_hold

ATTENTION_STATUSES = frozenset({PartnerStatus.FAILED, PartnerStatus.RETURNED})


def partner_status_receive(
    *, partner: PrintPartner, update: StatusUpdate, actor: Actor | None = None
) -> tuple[PartnerStatusEvent, bool]:
    """Apply one status event; returns (the stored event, whether it was new)."""
    actor = actor or Actor(ActorType.PARTNER, partner.name)
    with transaction.atomic():
        job = (
            PartnerJob.objects.select_for_update()
            .select_related("order__installation", "partner")
            .filter(partner=partner, external_id=update.external_job_id)
            .first()
        )
        try:
            with transaction.atomic():
                event = PartnerStatusEvent.objects.create(
                    installation_id=partner.installation_id,
                    partner=partner,
                    job=job,
                    event_id=update.event_id,
                    external_job_id=update.external_job_id,
                    status=update.status.value,
                    occurred_at=update.occurred_at,
                    reason=update.reason,
                    data={"parcels": [asdict(p) for p in update.parcels]},
                    outcome=EventOutcome.UNKNOWN_JOB if job is None else EventOutcome.STALE,
                )
        except IntegrityError:
            existing = PartnerStatusEvent.objects.get(partner=partner, event_id=update.event_id)
            return existing, False
        if job is None:
            return event, True
        changed = apply_status(
            job, status=update.status, occurred_at=update.occurred_at, reason=update.reason
        )
        if changed:
            job.save(
                update_fields=[
                    "partner_status",
                    "partner_rank",
                    "progress_at",
                    "hold_at",
                    "hold_reason",
                    "updated_at",
                ]
            )
        else:
            # progress_at / hold_at may still have moved (a newer repeat of the same status)
            job.save(update_fields=["progress_at", "hold_at", "hold_reason", "updated_at"])
        parcels_changed = False
        for report in update.parcels:
            parcels_changed |= parcel_record(
                job=job, report=report, occurred_at=update.occurred_at, actor=actor
            )
        if changed or parcels_changed:
            event.outcome = EventOutcome.APPLIED
            event.save(update_fields=["outcome"])
        if changed:
            _note_status(job=job, update=update, actor=actor)
    return event, True


def job_replay_early_events(*, job: PartnerJob) -> int:
    """Apply the events that arrived before PodOps knew the job's external id (a partner may call
    back before its answer to the submit reached us). Inside the caller's transaction."""
    early = list(
        PartnerStatusEvent.objects.filter(
            partner_id=job.partner_id,
            external_job_id=job.external_id,
            job__isnull=True,
            outcome=EventOutcome.UNKNOWN_JOB,
        ).order_by("occurred_at", "id")
    )
    actor = Actor(ActorType.PARTNER, job.partner.name)
    for row in early:
        update = StatusUpdate(
            event_id=row.event_id,
            external_job_id=row.external_job_id,
            status=PartnerStatus(row.status),
            occurred_at=row.occurred_at,
            reason=row.reason,
            parcels=tuple(ParcelReport(**p) for p in row.data.get("parcels", [])),
        )
        changed = apply_status(
            job, status=update.status, occurred_at=update.occurred_at, reason=update.reason
        )
        job.save()
        parcels_changed = False
        for report in update.parcels:
            parcels_changed |= parcel_record(
                job=job, report=report, occurred_at=update.occurred_at, actor=actor
            )
        row.job = job
        row.outcome = EventOutcome.APPLIED if changed or parcels_changed else EventOutcome.STALE
        row.save(update_fields=["job", "outcome"])
        if changed:
            _note_status(job=job, update=update, actor=actor)
    return len(early)


def _note_status(*, job: PartnerJob, update: StatusUpdate, actor: Actor) -> None:
    label = "on hold" if is_on_hold(job) else (job.partner_status or "").lower()
    comment = f"{job.partner.name}: job {job.pk} is {label}"
    if update.reason:
        comment += f" ({update.reason})"
    record_event(
        order=job.order,
        type=EventType.PARTNER_STATUS,
        actor=actor,
        reason_code=update.status.value,
        comment=comment,
        data={
            "job": job.pk,
            "status": job.partner_status,
            "on_hold": is_on_hold(job),
            "reason": update.reason,
        },
    )
    if update.status in ATTENTION_STATUSES or (
        update.status == PartnerStatus.ON_HOLD and is_on_hold(job)
    ):
        order = ProductionOrder.objects.get(pk=job.order_id)
        order.needs_attention = True
        order.attention_reason = comment[:255]
        order.save(update_fields=["needs_attention", "attention_reason", "updated_at"])


def job_record_status(
    *,
    job: PartnerJob,
    person: Person,
    status: PartnerStatus,
    reason: str = "",
    parcels: Sequence[ParcelReport] = (),
) -> PartnerJob:
    """A fulfiller records what a manual partner did (printed, shipped with tracking, ...). Shipping
    waits for QA: lines that need a check must pass it first."""
    require_fulfiller(person)
    if job.partner.kind != PartnerKind.MANUAL:
        raise FulfilmentError(
            FulfilmentErrorCode.NOT_A_MANUAL_PARTNER,
            f"{job.partner.name} reports its own status by webhook",
        )
    if job.dispatch_state != DispatchState.SENT:
        raise FulfilmentError(FulfilmentErrorCode.JOB_NOT_SENT, "The job has not been sent yet")
    if status == PartnerStatus.SHIPPED:
        if not parcels or not all(p.tracking_number.strip() for p in parcels):
            raise FulfilmentError(
                FulfilmentErrorCode.TRACKING_REQUIRED,
                "A shipment needs its tracking number",
                field="parcels",
            )
        for report in parcels:
            pending = [
                line
                for line in _shippable_lines(job, report.line_references)
                if line.qa_state == QaState.REQUIRED and line.shipped_at is None
            ]
            if pending:
                raise FulfilmentError(
                    FulfilmentErrorCode.QA_PENDING,
                    f"QA first: {', '.join(str(line.item) for line in pending)}",
                    field="parcels",
                )
    if status != PartnerStatus.SHIPPED and job.partner_rank >= SHIPPED_RANK:
        raise FulfilmentError(FulfilmentErrorCode.ALREADY_SHIPPED, "The job has shipped")
    update = StatusUpdate(
        event_id=f"manual:{uuid.uuid4().hex}",
        external_job_id=job.external_id,
        status=status,
        occurred_at=timezone.now(),
        reason=reason,
        parcels=tuple(parcels),
    )
    partner_status_receive(partner=job.partner, update=update, actor=actor_of(person))
    return PartnerJob.objects.get(pk=job.pk)
