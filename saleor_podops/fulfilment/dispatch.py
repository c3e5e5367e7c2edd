"""Sending work to partners.

``batch_send`` turns an open batch into jobs (one per order) after the grace window, moving its
items into production. Manual partners' jobs count as sent at once (the fulfiller carries the
archive); API partners' jobs (generic HTTP, Printful) wait in the table until ``job_dispatch`` got
them through: claimed with one atomic UPDATE, rate-limited per partner, retried with backoff on
transient failures (a partner's retry hint first), every failure on the order's timeline; after the
last try (or a permanent refusal) the job is SEND_FAILED until a manager retries it. Nothing is lost
while a partner is down. The same worker asks a partner to cancel a sent job when Saleor cancelled
its order (``cancellation.py``), with the same retries; a refusal leaves the job to a manager.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import models, transaction
from django.utils import timezone

from saleor_podops.partners.adapters import adapter_for
from saleor_podops.partners.interface import PartnerPermanentError, PartnerTransientError
from saleor_podops.partners.models import API_KINDS, PartnerKind
from saleor_podops.partners.rate_limit import partner_take_token
from saleor_podops.production.models import ActorType, EventType, OrderStatus, ProductionOrder
from saleor_podops.production.saleor_sync import sync_order_state
from saleor_podops.production.stages import Stage
from saleor_podops.production.timeline import SALEOR, Actor, record_event
from saleor_podops.workflow import actions as workflow
from saleor_podops.workflow.actions import actor_of
from saleor_podops.workflow.transitions import SYSTEM_PERSON, Person

from .access import require_fulfiller, require_holds, require_manager
from .batches import _entries, _lock_open, _remove
from .error_codes import FulfilmentError, FulfilmentErrorCode
from .events import job_attention_close, job_attention_raise, job_replay_early_events
from .jobs import LineSpec, approved_versions, job_create, job_request_for
from .models import (
    Batch,
    BatchEntry,
    BatchStatus,
    DispatchState,
    JobAttention,
    JobLine,
    PartnerJob,
)
from .queue import fulfilment_settings_for, grace_ends_at, sent_before_ids
from .status import SHIPPED_RANK

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 3600
CLAIM_LEASE = timedelta(minutes=2)


def _schedule_dispatch(job: PartnerJob) -> None:
    from .tasks import dispatch_job

    job_id = job.pk
    transaction.on_commit(lambda: dispatch_job.delay(job_id))


def _mark_sent(job: PartnerJob, *, external_id: str, actor: Actor, duplicate: bool = False) -> None:
    job.external_id = external_id
    job.dispatch_state = DispatchState.SENT
    job.submitted_at = timezone.now()
    job.last_error = ""
    record_event(
        order=job.order,
        type=EventType.PARTNER_JOB_SENT,
        actor=actor,
        comment=f"Job {job.pk} sent to {job.partner.name}"
        + (" (the partner already had it)" if duplicate else ""),
        data={
            "job": job.pk,
            "partner": job.partner.name,
            "external_id": external_id,
            "reprint_of": job.reprint_of_id,
            "items": list(job.lines.values_list("item_id", flat=True)),
        },
    )


def batch_send(*, batch: Batch, person: Person, now: datetime | None = None) -> list[PartnerJob]:
    """Send an open batch: refused while any item is inside its grace window or has no approved
    artwork. Items that left the queue (cancelled, held) are dropped from the batch first."""
    require_fulfiller(person)
    now = now or timezone.now()
    actor = actor_of(person)
    settings = fulfilment_settings_for(batch.installation_id)
    with transaction.atomic():
        batch = _lock_open(batch)
        if not batch.partner.is_active:
            raise FulfilmentError(
                FulfilmentErrorCode.PARTNER_INACTIVE, f"{batch.partner.name} is switched off"
            )
        entries = _entries(batch)
        live = [e for e in entries if e.item.stage == Stage.FULFILMENT_QUEUE]
        if not live:
            raise FulfilmentError(FulfilmentErrorCode.BATCH_EMPTY, "No item of the batch is queued")
        require_holds(person, [e.item for e in live], field="id")
        resent = sent_before_ids([e.item_id for e in live])

        def sendable_at(entry: BatchEntry) -> datetime:
            return grace_ends_at(entry.item, settings, sent_before=entry.item_id in resent)

        waiting = [e for e in live if sendable_at(e) > now]
        if waiting:
            until = max(sendable_at(e) for e in waiting)
            raise FulfilmentError(
                FulfilmentErrorCode.GRACE_PERIOD_ACTIVE,
                f"{len(waiting)} item(s) are in their grace window (a cancellation may still "
                f"come) until {until.isoformat(timespec='minutes')}",
            )
        items = [e.item for e in live]
        versions = approved_versions(items)
        missing = [item for item in items if item.pk not in versions]
        if missing:
            raise FulfilmentError(
                FulfilmentErrorCode.NO_ARTWORK,
                f"No approved artwork for: {', '.join(str(item) for item in missing)}",
            )
        gone = [e for e in entries if e not in live]
        if gone:
            _remove(batch=batch, entries=gone, person=person, why="left the fulfilment queue")

        by_order: dict[int, list[LineSpec]] = {}
        for item in items:
            by_order.setdefault(item.order_id, []).append(LineSpec(item, versions[item.pk]))
        jobs = []
        for specs in by_order.values():
            job = job_create(
                partner=batch.partner,
                order=specs[0].item.order,
                lines=specs,
                settings=settings,
                batch=batch,
            )
            jobs.append(job)
        for item in items:
            workflow.item_send_to_partner(item=item, person=person, comment=f"Batch {batch.pk}")
        for job in jobs:
            if batch.partner.kind == PartnerKind.MANUAL:
                result = adapter_for(batch.partner).submit_job(job_request_for(job, now=now))
                _mark_sent(job, external_id=result.external_id, actor=actor)
                job.save()
            else:
                _schedule_dispatch(job)
        batch.status = BatchStatus.SENT
        batch.sent_at = now
        batch.sent_by = person.user_id
        batch.save(update_fields=["status", "sent_at", "sent_by", "updated_at"])
    return jobs


def job_mark_sent(*, job: PartnerJob, person: Person) -> PartnerJob:
    """A manual partner's waiting job (a reprint) was handed over by the fulfiller."""
    require_fulfiller(person)
    with transaction.atomic():
        job = (
            PartnerJob.objects.select_for_update().select_related("partner", "order").get(pk=job.pk)
        )
        if job.partner.kind != PartnerKind.MANUAL:
            raise FulfilmentError(
                FulfilmentErrorCode.NOT_A_MANUAL_PARTNER,
                f"{job.partner.name} gets its jobs by HTTP; PodOps sends them",
            )
        if job.dispatch_state != DispatchState.WAITING:
            raise FulfilmentError(FulfilmentErrorCode.JOB_NOT_WAITING, "The job is not waiting")
        result = adapter_for(job.partner).submit_job(job_request_for(job))
        _mark_sent(job, external_id=result.external_id, actor=actor_of(person))
        job.save()
    return job


def job_retry_send(*, job: PartnerJob, person: Person) -> PartnerJob:
    """A manager sends a job again that could not be sent (same idempotency key: no duplicate)."""
    require_manager(person)
    with transaction.atomic():
        job = (
            PartnerJob.objects.select_for_update().select_related("partner", "order").get(pk=job.pk)
        )
        if job.dispatch_state != DispatchState.SEND_FAILED:
            raise FulfilmentError(
                FulfilmentErrorCode.JOB_NOT_WAITING, "Only a job that could not be sent is retried"
            )
        job.dispatch_state = DispatchState.WAITING
        job.attempts = 0
        job.next_attempt_at = timezone.now()
        job.save(update_fields=["dispatch_state", "attempts", "next_attempt_at", "updated_at"])
        record_event(
            order=job.order,
            type=EventType.COMMENT,
            actor=actor_of(person),
            comment=f"Sending job {job.pk} to {job.partner.name} again",
            is_internal=True,
        )
        if job.partner.kind != PartnerKind.MANUAL:
            _schedule_dispatch(job)
    return job


# The worker ---------------------------------------------------------------------------------------


def _free_claim() -> models.Q:
    now = timezone.now()
    return models.Q(claimed_until__isnull=True) | models.Q(claimed_until__lt=now)


def _submit_due() -> models.Q:
    return models.Q(dispatch_state=DispatchState.WAITING)


def _cancel_due() -> models.Q:
    return models.Q(dispatch_state=DispatchState.SENT, cancel_requested_at__isnull=False)


def _claim(job_id: int, due: models.Q) -> bool:
    """Take the job's pending call for this worker. One UPDATE on the job's own row (no join), so
    PostgreSQL rechecks every condition on the row it locks: two workers never both claim it."""
    kind = PartnerJob.objects.filter(pk=job_id).values_list("partner__kind", flat=True).first()
    if kind not in API_KINDS:
        return False
    now = timezone.now()
    claimed = (
        PartnerJob.objects.filter(due, pk=job_id, next_attempt_at__lte=now)
        .filter(_free_claim())
        .update(claimed_until=now + CLAIM_LEASE, attempts=models.F("attempts") + 1)
    )
    return claimed == 1


def _backoff(attempts: int) -> float:
    return float(min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS))


def _wait_for_token(job: PartnerJob) -> bool:
    """Take a call's token from the partner's bucket; when there is none, give the claim back
    (the try is not counted) and come back when one is free."""
    wait = partner_take_token(partner_id=job.partner_id)
    if wait <= 0:
        return False
    PartnerJob.objects.filter(pk=job.pk).update(
        attempts=models.F("attempts") - 1,
        next_attempt_at=timezone.now() + timedelta(seconds=wait),
        claimed_until=None,
    )
    return True


def job_dispatch(job_id: int) -> DispatchState | None:
    """Make the pending call of one due job: its submit, or the cancellation Saleor asked for.
    None when it is not due, another worker has it, or the partner's rate limit says wait (it is
    then due again when a token is free)."""
    if _claim(job_id, _submit_due()):
        return _submit(job_id)
    if _claim(job_id, _cancel_due()):
        return _cancel_at_partner(job_id)
    return None


def _submit(job_id: int) -> DispatchState | None:
    job = PartnerJob.objects.select_related("partner", "order", "reprint_of").get(pk=job_id)
    partner_actor = Actor(ActorType.PARTNER, job.partner.name)
    if job.order.status == OrderStatus.CANCELLED or job.cancel_requested_at is not None:
        # Saleor cancelled the order before the job got through: it is never sent.
        with transaction.atomic():
            ProductionOrder.objects.select_for_update().filter(pk=job.order_id).first()
            job = _locked(job.pk)
            _cancel_locally(
                job, actor=SALEOR, person=SYSTEM_PERSON, reason=job.cancel_reason or "Cancelled"
            )
        return DispatchState.CANCELLED
    if _wait_for_token(job):
        return None
    request = job_request_for(job)
    try:
        result = adapter_for(job.partner).submit_job(request)
        _check_external_id_free(job, result.external_id)
    except (PartnerTransientError, PartnerPermanentError) as exc:
        permanent = isinstance(exc, PartnerPermanentError) or job.attempts >= MAX_ATTEMPTS
        retry_after = getattr(exc, "retry_after_seconds", None)
        delay = retry_after if retry_after is not None else _backoff(job.attempts)
        with transaction.atomic():
            ProductionOrder.objects.select_for_update().filter(pk=job.order_id).first()
            job = _locked(job.pk)
            job.dispatch_state = DispatchState.SEND_FAILED if permanent else DispatchState.WAITING
            job.next_attempt_at = timezone.now() + timedelta(seconds=delay)
            job.last_error = str(exc)[:2000]
            job.claimed_until = None
            job.save(
                update_fields=[
                    "dispatch_state",
                    "next_attempt_at",
                    "last_error",
                    "claimed_until",
                    "updated_at",
                ]
            )
            _record_failure(job, partner_actor, exc, will_retry=not permanent, call="submit")
            if job.cancel_requested_at is not None:
                # Saleor cancelled the order while this try was on its way: it was not sent.
                _cancel_locally(job, actor=SALEOR, person=SYSTEM_PERSON, reason=job.cancel_reason)
        logger.warning("Partner job %s not sent (try %s): %s", job.pk, job.attempts, exc)
        return DispatchState(job.dispatch_state)
    with transaction.atomic():
        job = _locked(job.pk)
        job.claimed_until = None
        _mark_sent(
            job, external_id=result.external_id, actor=partner_actor, duplicate=result.duplicate
        )
        if job.cancel_requested_at is not None:
            # Saleor cancelled the order while the job was on its way: cancel it at the partner.
            job.attempts = 0
            job.next_attempt_at = timezone.now()
            _schedule_dispatch(job)
        job.save()
        job_replay_early_events(job=job)
    return DispatchState.SENT


def _check_external_id_free(job: PartnerJob, external_id: str) -> None:
    """A partner's job id names one job: status webhooks find the job by it. An id another job of
    the partner already has (a partner that reuses ids, or one pointed at a new account) is a
    refusal for a manager to look at, never a second job with that id."""
    other = (
        PartnerJob.objects.filter(partner_id=job.partner_id, external_id=external_id)
        .exclude(pk=job.pk)
        .values_list("pk", flat=True)
        .first()
    )
    if other is not None:
        raise PartnerPermanentError(
            f"submit: the partner answered with job id {external_id!r}, which job {other} "
            "already has; ask the partner which job it made"
        )


def _locked(job_id: int) -> PartnerJob:
    return PartnerJob.objects.select_for_update().select_related("partner", "order").get(pk=job_id)


def _record_failure(
    job: PartnerJob, actor: Actor, exc: Exception, *, will_retry: bool, call: str
) -> None:
    what = "cancellation of job" if call == "cancel" else "job"
    given_up = ""
    if not will_retry:
        given_up = (
            " (given up: a manager must stop it)"
            if call == "cancel"
            else " (given up: a manager can send it again)"
        )
    record_event(
        order=job.order,
        type=EventType.PARTNER_SEND_FAILED,
        actor=actor,
        comment=f"Try {job.attempts} of {what} {job.pk}: {exc}{given_up}",
        data={
            "job": job.pk,
            "attempt": job.attempts,
            "will_retry": will_retry,
            "error": str(exc)[:500],
            "call": call,
        },
    )


def _cancel_at_partner(job_id: int) -> DispatchState | None:
    """Ask the partner to cancel a sent job (Saleor cancelled its order). Retried with backoff on
    transient failures; a refusal, or the last try, leaves the job to a manager."""
    job = PartnerJob.objects.select_related("partner", "order").get(pk=job_id)
    partner_actor = Actor(ActorType.PARTNER, job.partner.name)
    if not job.lines.filter(shipped_at__isnull=True, failed_at__isnull=True).exists():
        with transaction.atomic():
            job = _locked(job.pk)
            _give_up_cancel(job, "it shipped before it could be cancelled")
        return DispatchState.SENT
    if _wait_for_token(job):
        return None
    try:
        adapter_for(job.partner).cancel_job(job.external_id)
    except (PartnerTransientError, PartnerPermanentError) as exc:
        permanent = isinstance(exc, PartnerPermanentError) or job.attempts >= MAX_ATTEMPTS
        retry_after = getattr(exc, "retry_after_seconds", None)
        delay = retry_after if retry_after is not None else _backoff(job.attempts)
        with transaction.atomic():
            job = _locked(job.pk)
            job.claimed_until = None
            job.last_error = str(exc)[:2000]
            job.next_attempt_at = timezone.now() + timedelta(seconds=delay)
            job.save(update_fields=["claimed_until", "last_error", "next_attempt_at", "updated_at"])
            _record_failure(job, partner_actor, exc, will_retry=not permanent, call="cancel")
            if permanent:
                _give_up_cancel(job, f"{job.partner.name} did not cancel it: {exc}")
        logger.warning("Partner job %s not cancelled (try %s): %s", job.pk, job.attempts, exc)
        return DispatchState.SENT
    with transaction.atomic():
        ProductionOrder.objects.select_for_update().filter(pk=job.order_id).first()
        job = _locked(job.pk)
        if job.dispatch_state == DispatchState.CANCELLED:
            return DispatchState.CANCELLED
        _cancel_locally(job, actor=partner_actor, person=SYSTEM_PERSON, reason=job.cancel_reason)
    return DispatchState.CANCELLED


def _give_up_cancel(job: PartnerJob, why: str) -> None:
    reason = job.cancel_reason or "Cancelled in Saleor"
    job.cancel_requested_at = None
    job.claimed_until = None
    job.save(update_fields=["cancel_requested_at", "claimed_until", "updated_at"])
    job_attention_raise(job=job, kind=JobAttention.CANCEL_FAILED, reason=f"{reason}; {why}")


def due_job_ids(limit: int = 200) -> list[int]:
    return list(
        PartnerJob.objects.filter(_submit_due() | _cancel_due())
        .filter(next_attempt_at__lte=timezone.now(), partner__kind__in=API_KINDS)
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )


def job_cancel(*, job: PartnerJob, person: Person, reason: str) -> PartnerJob:
    """A manager stops a job (e.g. the order was cancelled in Saleor after it was sent). A sent job
    is cancelled at the partner first: if the partner refuses, nothing changes here. Its unshipped
    items are cancelled; when no live item is left the production order is cancelled too."""
    require_manager(person)
    reason = reason.strip()[:1000]
    if not reason:
        raise FulfilmentError(FulfilmentErrorCode.INVALID, "Say why", field="reason")
    job = PartnerJob.objects.select_related("partner", "order").get(pk=job.pk)
    _check_cancellable(job)
    if job.dispatch_state == DispatchState.SENT:
        try:
            adapter_for(job.partner).cancel_job(job.external_id)
        except (PartnerTransientError, PartnerPermanentError) as exc:
            raise FulfilmentError(
                FulfilmentErrorCode.PARTNER_REFUSED,
                f"{job.partner.name} did not cancel the job: {exc}",
            ) from exc
    with transaction.atomic():
        ProductionOrder.objects.select_for_update().filter(pk=job.order_id).first()
        job = _locked(job.pk)
        _check_cancellable(job)
        _cancel_locally(job, actor=actor_of(person), person=person, reason=reason)
    return job


def _cancel_locally(job: PartnerJob, *, actor: Actor, person: Person, reason: str) -> None:
    """The job is stopped (at the partner, or it never got there): it is cancelled with its
    unshipped items, and the order too when nothing live is left. The order and the job are
    locked by the caller."""
    job.dispatch_state = DispatchState.CANCELLED
    job.claimed_until = None
    job.cancel_requested_at = None
    job.save(update_fields=["dispatch_state", "claimed_until", "cancel_requested_at", "updated_at"])
    job_attention_close(job=job, by=person.user_id or actor.id, resolution=f"Cancelled: {reason}")
    record_event(
        order=job.order,
        type=EventType.PARTNER_STATUS,
        actor=actor,
        reason_code="CANCELLED",
        comment=f"Job {job.pk} cancelled at {job.partner.name}: {reason}",
        data={"job": job.pk, "status": "CANCELLED"},
    )
    for line in job.lines.select_related("item").filter(shipped_at__isnull=True):
        live_elsewhere = (
            JobLine.objects.filter(item=line.item, shipped_at__isnull=True, failed_at__isnull=True)
            .exclude(job=job)
            .exclude(job__dispatch_state=DispatchState.CANCELLED)
            .exists()
        )
        if line.item.stage == Stage.IN_PRODUCTION and not live_elsewhere:
            workflow.item_cancel_at_partner(item=line.item, person=person, comment=reason)
    order = ProductionOrder.objects.get(pk=job.order_id)
    left = set(order.items.exclude(stage=Stage.CANCELLED).values_list("stage", flat=True))
    if order.status == OrderStatus.OPEN and not left:
        order.status = OrderStatus.CANCELLED
        order.needs_attention = False
        order.save(update_fields=["status", "needs_attention", "updated_at"])
        record_event(order=order, type=EventType.ORDER_CANCELLED, actor=actor, comment=reason)
        sync_order_state(order)  # the stage went to Saleor with the items, the status goes now
    elif order.status == OrderStatus.OPEN and left == {Stage.SHIPPED}:
        order.status = OrderStatus.COMPLETED
        order.shipped_at = order.shipped_at or timezone.now()
        order.save(update_fields=["status", "shipped_at", "updated_at"])
        sync_order_state(order)


def _check_cancellable(job: PartnerJob) -> None:
    if job.dispatch_state == DispatchState.CANCELLED:
        raise FulfilmentError(FulfilmentErrorCode.JOB_CANCELLED, "The job is cancelled already")
    if job.partner_rank >= SHIPPED_RANK:
        raise FulfilmentError(FulfilmentErrorCode.ALREADY_SHIPPED, "The job has shipped")
