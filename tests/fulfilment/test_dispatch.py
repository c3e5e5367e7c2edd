"""Sending jobs to the generic HTTP partner (a real local server): retries with backoff on 5xx and
timeouts, idempotent re-sends, the rate limit, permanent refusals, and failures on the timeline."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from pytest_httpserver import HTTPServer

from saleor_podops.fulfilment import batches, dispatch
from saleor_podops.fulfilment.error_codes import FulfilmentError, FulfilmentErrorCode
from saleor_podops.fulfilment.models import DispatchState, PartnerJob
from saleor_podops.fulfilment.tasks import dispatch_due_jobs
from saleor_podops.partners.models import PrintPartner
from saleor_podops.production.models import EventType, ProductionOrder, TimelineEvent
from saleor_podops.production.stages import Stage
from saleor_podops.saleor.models import Installation

from ..partners.fake_partner import FakePartner
from .builders import (
    FULFILLER_P,
    MANAGER_P,
    PARTNER_SECRET,
    approved_order,
    http_partner,
    items_of,
)

pytestmark = pytest.mark.django_db

AFTER_GRACE = timedelta(hours=2, minutes=1)


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakePartner:
    partner = FakePartner(httpserver, PARTNER_SECRET)
    partner.mount()
    return partner


def send_batch(
    installation: Installation,
    partner: PrintPartner,
    orders: list[ProductionOrder],
    capture: Callable[..., Any],
) -> list[PartnerJob]:
    batch = batches.batch_create(
        installation=installation,
        partner=partner,
        item_ids=[item.pk for order in orders for item in items_of(order)],
        person=FULFILLER_P,
    )
    with capture(execute=True):
        jobs = dispatch.batch_send(
            batch=batch, person=FULFILLER_P, now=timezone.now() + AFTER_GRACE
        )
    return jobs


def failures(job: PartnerJob) -> list[tuple[int, bool]]:
    return [
        (event.data["attempt"], event.data["will_retry"])
        for event in TimelineEvent.objects.filter(
            type=EventType.PARTNER_SEND_FAILED, data__job=job.pk
        ).order_by("id")
    ]


def test_a_job_reaches_the_partner_with_signed_expiring_file_links(
    installation: Installation, fake: FakePartner, django_capture_on_commit_callbacks: Any
) -> None:
    order = approved_order(installation, "5001", product_types=("portrait", "portrait"))
    partner = http_partner(installation, fake.url)

    with time_machine.travel(timezone.now() + AFTER_GRACE):
        [job] = send_batch(installation, partner, [order], django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert (job.dispatch_state, job.external_id, job.attempts) == (DispatchState.SENT, "pj-1", 1)
    [request] = fake.requests
    assert (request["key"], request["signed"]) == (job.idempotency_key, True)
    body = request["json"]
    assert body["order_number"] == "5001"
    assert body["recipient"]["country"] == "DE"
    assert body["callback_url"] == f"http://localhost:8000/api/partners/{partner.public_id}/webhook"
    assert [item["print_metadata"]["artwork"]["version"] for item in body["items"]] == [1, 1]
    assert all(
        item["files"][0]["url"].startswith("http://localhost:8000/api/files/")
        for item in body["items"]
    )
    assert [item.stage for item in items_of(order)] == [Stage.IN_PRODUCTION] * 2
    assert TimelineEvent.objects.filter(type=EventType.PARTNER_JOB_SENT, order=order).count() == 1


def test_5xx_and_timeouts_are_retried_with_backoff_and_shown_on_the_timeline(
    installation: Installation, fake: FakePartner, django_capture_on_commit_callbacks: Any
) -> None:
    # given a partner that answers 500, then times out, then works
    fake.script = deque(["500", "sleep"])
    fake.sleep_seconds = 1.0
    order = approved_order(installation, "5101")
    partner = http_partner(installation, fake.url, read_timeout=0.3)
    start = timezone.now() + AFTER_GRACE

    # when the batch is sent: the first try fails
    with time_machine.travel(start, tick=False):
        [job] = send_batch(installation, partner, [order], django_capture_on_commit_callbacks)
        job.refresh_from_db()
        assert (job.dispatch_state, job.attempts) == (DispatchState.WAITING, 1)
        assert job.next_attempt_at == start + timedelta(seconds=30)
        # and nothing is tried before the backoff is over
        assert dispatch_due_jobs() == 0

    # then the retries follow the backoff (30 s, then 60 s) until the job gets through
    with time_machine.travel(start + timedelta(seconds=31), tick=False):
        assert dispatch_due_jobs() == 1
        job.refresh_from_db()
        assert (job.dispatch_state, job.attempts) == (DispatchState.WAITING, 2)
        assert job.last_error.startswith("timeout")
    time.sleep(fake.sleep_seconds)  # the local server answers one request at a time
    with time_machine.travel(start + timedelta(seconds=31 + 61), tick=False):
        assert dispatch_due_jobs() == 1

    job.refresh_from_db()
    assert (job.dispatch_state, job.external_id, job.attempts) == (DispatchState.SENT, "pj-1", 3)
    assert failures(job) == [(1, True), (2, True)]
    assert {r["key"] for r in fake.requests} == {job.idempotency_key}
    assert len(fake.jobs) == 1


def test_a_lost_answer_and_a_resend_make_one_job(
    installation: Installation, fake: FakePartner, django_capture_on_commit_callbacks: Any
) -> None:
    # given a partner that makes the job but whose answer is lost (502)
    fake.script = deque(["lose"])
    order = approved_order(installation, "5201")
    partner = http_partner(installation, fake.url)
    start = timezone.now() + AFTER_GRACE
    with time_machine.travel(start, tick=False):
        [job] = send_batch(installation, partner, [order], django_capture_on_commit_callbacks)

    # when the job is sent again after the backoff
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        dispatch_due_jobs()

    # then the partner answered with the job it had: one job there, its id here
    job.refresh_from_db()
    assert (job.dispatch_state, job.external_id) == (DispatchState.SENT, "pj-1")
    assert len(fake.requests) == 2
    assert len(fake.jobs) == 1
    sent = TimelineEvent.objects.get(type=EventType.PARTNER_JOB_SENT, order=order)
    assert sent.comment.endswith("(the partner already had it)")


def test_the_rate_limit_holds_jobs_back_without_counting_a_try(
    installation: Installation, fake: FakePartner, django_capture_on_commit_callbacks: Any
) -> None:
    # given a partner that takes one call at once, then one per 6 s
    first, second = approved_order(installation, "5301"), approved_order(installation, "5302")
    partner = http_partner(installation, fake.url, rate_per_minute=10, burst=1)
    partner.tokens = 1.0
    partner.save()
    start = timezone.now() + AFTER_GRACE

    # when a batch with two orders is sent
    with time_machine.travel(start, tick=False):
        jobs = send_batch(
            installation, partner, [first, second], django_capture_on_commit_callbacks
        )
        states = [PartnerJob.objects.get(pk=job.pk) for job in jobs]

    # then one went and the other waits for its token, with no try counted
    assert sorted((j.dispatch_state, j.attempts) for j in states) == [
        (DispatchState.SENT, 1),
        (DispatchState.WAITING, 0),
    ]
    assert len(fake.requests) == 1
    with time_machine.travel(start + timedelta(seconds=7), tick=False):
        assert dispatch_due_jobs() == 1
    assert sorted(PartnerJob.objects.values_list("dispatch_state", flat=True)) == [
        DispatchState.SENT,
        DispatchState.SENT,
    ]
    assert len(fake.jobs) == 2


def test_a_refused_job_waits_for_a_manager_and_can_be_sent_again(
    installation: Installation, fake: FakePartner, django_capture_on_commit_callbacks: Any
) -> None:
    fake.script = deque(["400"])
    order = approved_order(installation, "5401")
    partner = http_partner(installation, fake.url)
    with time_machine.travel(timezone.now() + AFTER_GRACE):
        [job] = send_batch(installation, partner, [order], django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.dispatch_state == DispatchState.SEND_FAILED
    assert failures(job) == [(1, False)]
    assert dispatch_due_jobs() == 0

    # a fulfiller may not retry; a manager may
    with pytest.raises(FulfilmentError) as refused:
        dispatch.job_retry_send(job=job, person=FULFILLER_P)
    assert refused.value.code == FulfilmentErrorCode.ROLE_REQUIRED
    job.refresh_from_db()
    assert job.dispatch_state == DispatchState.SEND_FAILED

    with django_capture_on_commit_callbacks(execute=True):
        dispatch.job_retry_send(job=job, person=MANAGER_P)
    job.refresh_from_db()
    assert (job.dispatch_state, job.external_id) == (DispatchState.SENT, "pj-1")


def test_a_job_id_the_partner_already_gave_another_job_is_refused_not_a_crash(
    installation: Installation, fake: FakePartner, django_capture_on_commit_callbacks: Any
) -> None:
    # given a job the partner took as pj-1, and a partner that then forgot its jobs (pointed at a
    # new account, say) and numbers from 1 again. Found by the real check (e2e/real_saleor): the
    # worker crashed on the unique job id and the job stayed WAITING, resent in a loop, unseen.
    first, second = approved_order(installation, "5451"), approved_order(installation, "5452")
    partner = http_partner(installation, fake.url)
    with time_machine.travel(timezone.now() + AFTER_GRACE):
        [sent] = send_batch(installation, partner, [first], django_capture_on_commit_callbacks)
    fake.jobs.clear()

    # when the next job is answered with the same id
    with time_machine.travel(timezone.now() + AFTER_GRACE):
        [clash] = send_batch(installation, partner, [second], django_capture_on_commit_callbacks)

    # then it is not sent: it waits for a manager, with why on the timeline, and is not resent
    clash.refresh_from_db()
    assert (clash.dispatch_state, clash.external_id) == (DispatchState.SEND_FAILED, "")
    assert "pj-1" in clash.last_error
    assert failures(clash) == [(1, False)]
    assert dispatch_due_jobs() == 0
    # and the first job keeps its id (its status webhooks still find it)
    sent.refresh_from_db()
    assert (sent.dispatch_state, sent.external_id) == (DispatchState.SENT, "pj-1")
    assert [item.stage for item in items_of(second)] == [Stage.IN_PRODUCTION]


def test_a_partner_that_stays_down_loses_nothing(
    installation: Installation, django_capture_on_commit_callbacks: Any
) -> None:
    # given a partner nobody answers for
    order = approved_order(installation, "5501")
    partner = http_partner(installation, "http://127.0.0.1:9/v1/jobs")
    start = timezone.now() + AFTER_GRACE
    with time_machine.travel(start, tick=False):
        [job] = send_batch(installation, partner, [order], django_capture_on_commit_callbacks)

    # when every try fails until the last
    moment = start
    for _ in range(dispatch.MAX_ATTEMPTS - 1):
        moment += timedelta(hours=1, seconds=1)
        with time_machine.travel(moment, tick=False):
            dispatch_due_jobs()

    # then the job is kept, marked for a manager, every try on the timeline
    job.refresh_from_db()
    assert (job.dispatch_state, job.attempts) == (DispatchState.SEND_FAILED, dispatch.MAX_ATTEMPTS)
    assert len(failures(job)) == dispatch.MAX_ATTEMPTS
    assert failures(job)[-1] == (dispatch.MAX_ATTEMPTS, False)
    assert items_of(order)[0].stage == Stage.IN_PRODUCTION


def test_a_status_that_outruns_the_submit_answer_is_applied_once_the_id_is_known(
    installation: Installation, fake: FakePartner
) -> None:
    # given a job the partner made, whose QUEUED callback arrives before our submit returns
    from saleor_podops.fulfilment.events import partner_status_receive
    from saleor_podops.fulfilment.models import EventOutcome, PartnerStatusEvent
    from saleor_podops.partners.interface import PartnerStatus, StatusUpdate

    order = approved_order(installation, "5601")
    partner = http_partner(installation, fake.url)
    batch = batches.batch_create(
        installation=installation,
        partner=partner,
        item_ids=[item.pk for item in items_of(order)],
        person=FULFILLER_P,
    )
    [job] = dispatch.batch_send(batch=batch, person=FULFILLER_P, now=timezone.now() + AFTER_GRACE)
    early, _ = partner_status_receive(
        partner=partner,
        update=StatusUpdate(
            event_id="early-1",
            external_job_id="pj-1",
            status=PartnerStatus.QUEUED,
            occurred_at=timezone.now(),
        ),
    )
    assert early.outcome == EventOutcome.UNKNOWN_JOB

    # when the submit answer arrives
    with time_machine.travel(timezone.now() + AFTER_GRACE):
        assert dispatch.job_dispatch(job.pk) == DispatchState.SENT

    # then the early event is applied to the job
    job.refresh_from_db()
    assert (job.external_id, job.partner_status) == ("pj-1", "QUEUED")
    early = PartnerStatusEvent.objects.get(event_id="early-1")
    assert (early.job_id, early.outcome) == (job.pk, EventOutcome.APPLIED)
    assert TimelineEvent.objects.filter(type=EventType.PARTNER_STATUS, order=order).count() == 1


def test_a_manager_cancels_a_sent_job_at_the_partner(
    installation: Installation, fake: FakePartner, django_capture_on_commit_callbacks: Any
) -> None:
    # given a job at the partner, and the order cancelled in Saleor afterwards (flagged)
    from saleor_podops.production.actions import order_cancel
    from saleor_podops.production.timeline import SALEOR

    order = approved_order(installation, "5701")
    partner = http_partner(installation, fake.url)
    with time_machine.travel(timezone.now() + AFTER_GRACE):
        [job] = send_batch(installation, partner, [order], django_capture_on_commit_callbacks)
    assert order_cancel(order=order, actor=SALEOR, reason="Cancelled in Saleor") is False
    order.refresh_from_db()
    assert order.needs_attention is True

    # when the partner refuses the cancellation first: nothing changes
    fake.script = deque(["500"])
    with pytest.raises(FulfilmentError) as refused:
        dispatch.job_cancel(job=job, person=MANAGER_P, reason="Customer cancelled")
    assert refused.value.code == FulfilmentErrorCode.PARTNER_REFUSED
    job.refresh_from_db()
    assert job.dispatch_state == DispatchState.SENT
    assert items_of(order)[0].stage == Stage.IN_PRODUCTION

    # a fulfiller may not cancel
    with pytest.raises(FulfilmentError) as fulfiller:
        dispatch.job_cancel(job=job, person=FULFILLER_P, reason="Customer cancelled")
    assert fulfiller.value.code == FulfilmentErrorCode.ROLE_REQUIRED

    # when the partner accepts
    dispatch.job_cancel(job=job, person=MANAGER_P, reason="Customer cancelled")

    # then the partner was asked (signed), the job, its item and the order are cancelled
    assert fake.cancelled == [("pj-1", True), ("pj-1", True)]
    job.refresh_from_db()
    assert job.dispatch_state == DispatchState.CANCELLED
    assert items_of(order)[0].stage == Stage.CANCELLED
    order.refresh_from_db()
    assert (order.status, order.stage, order.needs_attention) == ("CANCELLED", "CANCELLED", False)
    with pytest.raises(FulfilmentError) as again:
        dispatch.job_cancel(job=job, person=MANAGER_P, reason="Twice")
    assert again.value.code == FulfilmentErrorCode.JOB_CANCELLED
