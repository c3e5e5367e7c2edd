"""Partner status events: stored once per (partner, event id), folded into the job's monotonic
status (``status.py``), parcels recorded, the timeline told. A repeated event changes nothing; a late
one is kept but cannot move a job backwards.

What FAILED and RETURNED do (README "Fulfilment"), line by line and never backwards:

- FAILED: the job is failed; its lines that had not shipped are marked failed (a failed line never
  ships: a later parcel for it ships nothing) and their items go back to the fulfilment queue
  (workflow ``REQUEUE``), where they are assigned to a fulfiller and sent again in a new job, with no
  second grace window. The job waits for a manager (``PARTNER_FAILED``) with the partner's reason.
- RETURNED: the lines that had shipped are marked returned (their items stay shipped: Saleor has
  its fulfillment); the job waits for a manager (``RETURNED``), who reprints them (``lineReprint``:
  the reprint ships under a new tracking number without a second Saleor fulfillment) or resolves
  the job (``jobResolve``, e.g. refunded).

A job PodOps cancelled itself is past both: a late FAILED for it changes nothing but its status.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from saleor_podops.partners.interface import ParcelReport, PartnerStatus, StatusUpdate
from saleor_podops.partners.models import PartnerKind, PrintPartner
from saleor_podops.production.models import ActorType, EventType, ProductionOrder
from saleor_podops.production.stages import Stage
from saleor_podops.production.timeline import Actor, record_event
from saleor_podops.workflow import actions as workflow
from saleor_podops.workflow.actions import actor_of
from saleor_podops.workflow.transitions import SYSTEM_PERSON, Person

from .access import require_fulfiller, require_manager
from .error_codes import FulfilmentError, FulfilmentErrorCode
from .models import (
    BatchEntry,
    DispatchState,
    EventOutcome,
    JobAttention,
    JobLine,
    PartnerJob,
    PartnerStatusEvent,
    QaState,
)
from .shipping import _shippable_lines, parcel_record
from .status import SHIPPED_RANK, apply_status, is_on_hold

_JOB_STATE_FIELDS = [
    "partner_status",
    "partner_rank",
    "progress_at",
    "hold_at",
    "hold_reason",
    "updated_at",
]


def partner_status_receive(
    *, partner: PrintPartner, update: StatusUpdate, actor: Actor | None = None
) -> tuple[PartnerStatusEvent, bool]:
    """Apply one status event; returns (the stored event, whether it was new)."""
    actor = actor or Actor(ActorType.PARTNER, partner.name)
    with transaction.atomic():
        order_id = (
            PartnerJob.objects.filter(partner=partner, external_id=update.external_job_id)
            .values_list("order_id", flat=True)
            .first()
        )
        if order_id is not None:  # lock order: the order, then the job, then its items
            ProductionOrder.objects.select_for_update().filter(pk=order_id).first()
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
                    data={
                        "parcels": [asdict(p) for p in update.parcels],
                        "lines": list(update.line_references),
                    },
                    outcome=EventOutcome.UNKNOWN_JOB if job is None else EventOutcome.STALE,
                )
        except IntegrityError:
            existing = PartnerStatusEvent.objects.get(partner=partner, event_id=update.event_id)
            return existing, False
        if job is None:
            return event, True
        if _apply(job=job, update=update, actor=actor):
            event.outcome = EventOutcome.APPLIED
            event.save(update_fields=["outcome"])
    return event, True


def _apply(*, job: PartnerJob, update: StatusUpdate, actor: Actor) -> bool:
    """Fold one event into the locked job: status, parcels, failed or returned lines. True when
    anything changed."""
    changed = apply_status(
        job, status=update.status, occurred_at=update.occurred_at, reason=update.reason
    )
    # progress_at / hold_at may move even when nothing visible changed (a newer repeat)
    job.save(update_fields=_JOB_STATE_FIELDS)
    if changed:
        _note_status(job=job, update=update, actor=actor)
    parcels_changed = False
    for report in update.parcels:
        parcels_changed |= parcel_record(
            job=job, report=report, occurred_at=update.occurred_at, actor=actor
        )
    lines_changed = False
    if update.status == PartnerStatus.FAILED:
        lines_changed = _lines_failed(job=job, update=update, actor=actor)
    elif update.status == PartnerStatus.RETURNED:
        lines_changed = _lines_returned(job=job, update=update, actor=actor)
    trouble = update.status in {PartnerStatus.FAILED, PartnerStatus.RETURNED}
    if trouble and (changed or lines_changed) and job.dispatch_state != DispatchState.CANCELLED:
        kind = (
            JobAttention.PARTNER_FAILED
            if update.status == PartnerStatus.FAILED
            else JobAttention.RETURNED
        )
        job_attention_raise(job=job, kind=kind, reason=update.reason)
    return changed or parcels_changed or lines_changed


def _concerned_lines(job: PartnerJob, references: Sequence[str]) -> list[JobLine]:
    lines = list(job.lines.select_related("item__order").order_by("id"))
    if references:
        wanted = set(references)
        lines = [line for line in lines if line.reference in wanted]
    return lines


def _live_elsewhere(line: JobLine) -> bool:
    """Another job still makes this line's item (a reprint, or the item was sent again)."""
    return (
        JobLine.objects.filter(
            item_id=line.item_id, shipped_at__isnull=True, failed_at__isnull=True
        )
        .exclude(pk=line.pk)
        .exclude(qa_state=QaState.FAILED)
        .exclude(job__dispatch_state=DispatchState.CANCELLED)
        .exists()
    )


def _lines_failed(*, job: PartnerJob, update: StatusUpdate, actor: Actor) -> bool:
    if job.dispatch_state == DispatchState.CANCELLED:
        return False
    lines = [
        line
        for line in _concerned_lines(job, update.line_references)
        if line.shipped_at is None and line.failed_at is None and line.qa_state != QaState.FAILED
    ]
    why = update.reason or "no reason given"
    for line in lines:
        line.failed_at = update.occurred_at
        line.save(update_fields=["failed_at"])
        if line.item.stage == Stage.IN_PRODUCTION and not _live_elsewhere(line):
            # it leaves the batch it was sent in, so it can be batched again
            BatchEntry.objects.filter(item_id=line.item_id, removed_at__isnull=True).update(
                removed_at=timezone.now()
            )
            workflow.item_requeue(
                item=line.item,
                person=SYSTEM_PERSON,
                comment=f"{job.partner.name} failed job {job.pk} ({why}): back to the fulfilment "
                "queue to be sent again",
            )
    return bool(lines)


def _lines_returned(*, job: PartnerJob, update: StatusUpdate, actor: Actor) -> bool:
    lines = [
        line
        for line in _concerned_lines(job, update.line_references)
        if line.shipped_at is not None and line.returned_at is None
    ]
    for line in lines:
        line.returned_at = update.occurred_at
        line.save(update_fields=["returned_at"])
        record_event(
            order=line.item.order,
            item=line.item,
            type=EventType.PARTNER_STATUS,
            actor=actor,
            reason_code=PartnerStatus.RETURNED.value,
            comment=f"Came back to {job.partner.name}"
            + (f" ({update.reason})" if update.reason else "")
            + ": a manager reprints it or resolves the job",
            data={"job": job.pk, "line": line.pk, "status": PartnerStatus.RETURNED.value},
        )
    return bool(lines)


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
            line_references=tuple(row.data.get("lines", [])),
        )
        applied = _apply(job=job, update=update, actor=actor)
        row.job = job
        row.outcome = EventOutcome.APPLIED if applied else EventOutcome.STALE
        row.save(update_fields=["job", "outcome"])
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
    if update.status == PartnerStatus.ON_HOLD and is_on_hold(job):
        _flag_order(order_id=job.order_id, reason=comment)


# Attention: what waits for a manager -------------------------------------------------------------


def _flag_text(job: PartnerJob) -> str:
    label = JobAttention(job.attention).label
    return f"Job {job.pk}: {label}" + (f" ({job.attention_reason})" if job.attention_reason else "")


def _why(job: PartnerJob) -> str:
    if job.attention and job.resolved_at is None:
        return _flag_text(job)
    if job.dispatch_state == DispatchState.SEND_FAILED:
        return f"Job {job.pk}: could not be sent"
    return f"Job {job.pk}: on hold at the partner ({job.hold_reason})"


def _flag_order(*, order_id: int, reason: str) -> None:
    ProductionOrder.objects.filter(pk=order_id).update(
        needs_attention=True, attention_reason=reason[:255], updated_at=timezone.now()
    )


def job_attention_raise(
    *, job: PartnerJob, kind: JobAttention, reason: str, at: datetime | None = None
) -> None:
    """The job waits for a manager (listed in ``partnerJobs(needsAttention: true)``); its order is
    flagged too. Inside the caller's transaction, the job locked."""
    job.attention = kind
    job.attention_reason = reason[:1000]
    job.attention_at = at or timezone.now()
    job.resolved_at = None
    job.resolved_by = ""
    job.resolution = ""
    job.save(
        update_fields=[
            "attention",
            "attention_reason",
            "attention_at",
            "resolved_at",
            "resolved_by",
            "resolution",
            "updated_at",
        ]
    )
    _flag_order(order_id=job.order_id, reason=_flag_text(job))


def job_attention_close(*, job: PartnerJob, by: str, resolution: str) -> bool:
    """Mark the job's attention resolved (inside the caller's transaction, the job locked) and
    lift the order's flag when it was this job's and no other job of the order needs a person.
    False when there was nothing to resolve."""
    if not job.attention or job.resolved_at is not None:
        return False
    flag = _flag_text(job)
    job.resolved_at = timezone.now()
    job.resolved_by = by
    job.resolution = resolution[:2000]
    job.save(update_fields=["resolved_at", "resolved_by", "resolution", "updated_at"])
    order = ProductionOrder.objects.get(pk=job.order_id)
    if order.needs_attention and order.attention_reason == flag[:255]:
        others = [
            other
            for other in PartnerJob.objects.filter(order_id=job.order_id).exclude(pk=job.pk)
            if other.needs_attention
        ]
        order.needs_attention = bool(others)
        order.attention_reason = _why(others[0])[:255] if others else ""
        order.save(update_fields=["needs_attention", "attention_reason", "updated_at"])
    return True


def job_resolve(*, job: PartnerJob, person: Person, comment: str) -> PartnerJob:
    """A manager says the job's trouble is dealt with (a returned parcel refunded or re-sent, a
    failed job's items sent again, a job stopped at the print shop by hand)."""
    require_manager(person)
    comment = comment.strip()[:2000]
    if not comment:
        raise FulfilmentError(FulfilmentErrorCode.INVALID, "Say how it was resolved", "comment")
    with transaction.atomic():
        ProductionOrder.objects.select_for_update().filter(pk=job.order_id).first()
        job = (
            PartnerJob.objects.select_for_update().select_related("partner", "order").get(pk=job.pk)
        )
        attention = job.attention
        if not job_attention_close(job=job, by=person.user_id, resolution=comment):
            raise FulfilmentError(
                FulfilmentErrorCode.NOTHING_TO_RESOLVE, "The job does not wait for a manager"
            )
        record_event(
            order=job.order,
            type=EventType.COMMENT,
            actor=actor_of(person),
            reason_code=attention,
            comment=f"Job {job.pk} resolved ({JobAttention(attention).label}): {comment}",
            data={"job": job.pk, "resolved": attention},
            is_internal=True,
        )
    return job


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
    if status not in {PartnerStatus.SHIPPED, PartnerStatus.RETURNED} and (
        job.partner_rank >= SHIPPED_RANK
    ):
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
