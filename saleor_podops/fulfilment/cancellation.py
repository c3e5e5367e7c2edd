"""Saleor cancelled (or fully refunded) an order: stop its production wherever it is.

- Items that never reached a partner are cancelled at once (their fulfiller gets the capacity back,
  open batches let them go).
- A job that was never sent (waiting, or refused) is cancelled here.
- A sent job at a partner PodOps can ask (``can_cancel``: the generic HTTP partner, Printful) is
  cancelled at the partner by the worker (``dispatch.job_dispatch``, retried with backoff); once the
  partner confirms, its unshipped items and, when nothing live is left, the order are cancelled. A
  refusal (or the last try) leaves the job to a manager (``CANCEL_FAILED``).
- A sent job at a partner PodOps cannot ask (the manual partner) waits for a person
  (``CANCEL_BY_HAND``): they tell the print shop, then cancel the job (``jobCancel``).
- Items that shipped already stay shipped; the order is flagged for a person.

Repeated events (Saleor redelivers; ORDER_CANCELLED and ORDER_FULLY_REFUNDED both arrive) change
nothing more.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from saleor_podops.partners.adapters import adapter_for
from saleor_podops.production import actions as production_actions
from saleor_podops.production.models import EventType, OrderStatus, ProductionOrder
from saleor_podops.production.saleor_sync import sync_order_state
from saleor_podops.production.stages import PARTNER_STAGES, Stage
from saleor_podops.production.timeline import Actor, record_event
from saleor_podops.staff.assignment import assignment_release, staff_fill
from saleor_podops.workflow.transitions import SYSTEM_PERSON

from .dispatch import _cancel_locally, _schedule_dispatch
from .events import job_attention_raise
from .models import BatchEntry, BatchStatus, DispatchState, JobAttention, PartnerJob, QaState


def order_cancelled_in_saleor(*, order: ProductionOrder, actor: Actor, reason: str) -> None:
    freed: list[int] = []
    with transaction.atomic():
        order = ProductionOrder.objects.select_for_update().get(pk=order.pk)
        if order.status == OrderStatus.CANCELLED:
            return
        items = list(order.items.select_for_update().order_by("pk"))
        unsent = [item for item in items if item.stage not in PARTNER_STAGES | {Stage.CANCELLED}]
        for item in unsent:
            released = assignment_release(item=item, actor=actor, reason=reason)
            if released is not None:
                freed.append(released.pk)
        _leave_open_batches([item.pk for item in unsent], reason=reason, actor=actor)
        if not any(item.stage in PARTNER_STAGES for item in items):
            production_actions.order_cancel(order=order, actor=actor, reason=reason)
        else:
            for item in unsent:
                production_actions.item_cancel(item=item, actor=actor, comment=reason)
            _stop_jobs(order=order, actor=actor, reason=reason)
        for staff_pk in freed:
            staff_fill(staff_pk=staff_pk)


def _leave_open_batches(item_ids: list[int], *, reason: str, actor: Actor) -> None:
    entries = BatchEntry.objects.select_related("item__order").filter(
        item_id__in=item_ids, removed_at__isnull=True, batch__status=BatchStatus.OPEN
    )
    now = timezone.now()
    for entry in entries:
        entry.removed_at = now
        entry.save(update_fields=["removed_at"])
        record_event(
            order=entry.item.order,
            item=entry.item,
            type=EventType.BATCH_UPDATED,
            actor=actor,
            comment=f"Removed from batch {entry.batch_id}: {reason}",
            data={"batch": entry.batch_id, "change": "removed"},
        )


def _stop_jobs(*, order: ProductionOrder, actor: Actor, reason: str) -> None:
    """Some items are at a partner: stop each live job as its partner allows (the order is
    locked by the caller)."""
    now = timezone.now()
    jobs = list(
        PartnerJob.objects.select_for_update()
        .select_related("partner", "order")
        .filter(order=order)
        .exclude(dispatch_state=DispatchState.CANCELLED)
        .order_by("pk")
    )
    asked: list[PartnerJob] = []
    by_hand: list[PartnerJob] = []
    for job in jobs:
        unshipped = (
            job.lines.filter(shipped_at__isnull=True, failed_at__isnull=True)
            .exclude(qa_state=QaState.FAILED)
            .exists()
        )
        if not unshipped:
            continue
        in_flight = job.claimed_until is not None and job.claimed_until > now
        if job.dispatch_state in {DispatchState.WAITING, DispatchState.SEND_FAILED} and not (
            in_flight
        ):
            _cancel_locally(job, actor=actor, person=SYSTEM_PERSON, reason=reason)
        elif job.dispatch_state == DispatchState.WAITING or adapter_for(job.partner).can_cancel:
            if job.cancel_requested_at is None:
                job.cancel_requested_at = now
                job.cancel_reason = reason[:1000]
                if job.dispatch_state == DispatchState.SENT:
                    job.attempts = 0
                    job.next_attempt_at = now
                job.save(
                    update_fields=[
                        "cancel_requested_at",
                        "cancel_reason",
                        "attempts",
                        "next_attempt_at",
                        "updated_at",
                    ]
                )
                record_event(
                    order=order,
                    type=EventType.PARTNER_STATUS,
                    actor=actor,
                    reason_code="CANCEL_REQUESTED",
                    comment=f"{reason}: asking {job.partner.name} to cancel job {job.pk}",
                    data={"job": job.pk, "status": "CANCEL_REQUESTED"},
                )
                _schedule_dispatch(job)
            asked.append(job)
        else:
            if job.attention != JobAttention.CANCEL_BY_HAND or job.resolved_at is not None:
                job_attention_raise(
                    job=job,
                    kind=JobAttention.CANCEL_BY_HAND,
                    reason=f"{reason} after it was sent: tell {job.partner.name}, then cancel "
                    "the job in PodOps",
                )
            by_hand.append(job)
    order.refresh_from_db()
    if order.status == OrderStatus.CANCELLED:
        return
    shipped = order.items.filter(stage=Stage.SHIPPED).exists()
    live_without_job = [
        item
        for item in order.items.filter(stage=Stage.IN_PRODUCTION)
        if not item.job_lines.exclude(job__dispatch_state=DispatchState.CANCELLED).exists()
    ]
    if order.status == OrderStatus.OPEN:
        production_actions.order_refresh_stage(order=order, actor=actor)
    if by_hand or shipped or live_without_job:
        _flag(order=order, actor=actor, reason=reason, by_hand=by_hand, shipped=shipped)
    elif asked:
        sync_order_state(order, note=f"PodOps: {reason}; asking the print partner to cancel.")


def _flag(
    *,
    order: ProductionOrder,
    actor: Actor,
    reason: str,
    by_hand: list[PartnerJob],
    shipped: bool,
) -> None:
    if (
        order.needs_attention
        and order.events.filter(type=EventType.CANCEL_NEEDS_ATTENTION).exists()
    ):
        return
    order.needs_attention = True
    order.attention_reason = (
        f"{reason} after items shipped"
        if shipped and not by_hand
        else f"{reason} after production started at the partner"
    )[:255]
    order.save(update_fields=["needs_attention", "attention_reason", "updated_at"])
    record_event(
        order=order,
        type=EventType.CANCEL_NEEDS_ATTENTION,
        actor=actor,
        comment=order.attention_reason,
        data={
            "jobs_to_stop_by_hand": [job.pk for job in by_hand],
            "items_at_partner": list(
                order.items.filter(stage__in=PARTNER_STAGES).values_list("pk", flat=True)
            ),
        },
    )
    sync_order_state(order, note=f"PodOps: {reason} after printing started; a person will check.")
