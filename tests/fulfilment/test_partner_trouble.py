"""When things go wrong at the partner: a failed job sends its items back to the fulfilment queue;
a returned parcel waits for a manager who reprints or resolves it; a Saleor cancellation after the
job was sent is cancelled at the partner when the partner can, else left to a person. All of it
on the timeline, in the managers' list of jobs that need attention, and never backwards."""

from __future__ import annotations

from collections import deque
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from graphql_relay import to_global_id
from pytest_httpserver import HTTPServer

from saleor_podops.fulfilment import batches, dispatch, qa
from saleor_podops.fulfilment.error_codes import FulfilmentError, FulfilmentErrorCode
from saleor_podops.fulfilment.events import job_record_status, job_resolve, partner_status_receive
from saleor_podops.fulfilment.models import (
    DefectReason,
    DispatchState,
    EventOutcome,
    JobAttention,
    JobLine,
    PartnerJob,
    PartnerStatusEvent,
)
from saleor_podops.fulfilment.queue import fulfilment_queue, fulfilment_settings_for
from saleor_podops.fulfilment.tasks import dispatch_due_jobs
from saleor_podops.intake.actions import order_event_received
from saleor_podops.notifications.models import ScheduledNotification
from saleor_podops.partners.interface import ParcelReport, PartnerStatus, StatusUpdate
from saleor_podops.partners.models import PrintPartner
from saleor_podops.production.models import EventType, OrderStatus, ProductionOrder, TimelineEvent
from saleor_podops.production.stages import Stage
from saleor_podops.saleor import outbox
from saleor_podops.saleor import payloads as saleor_payloads
from saleor_podops.saleor.models import Installation, OutboxKind, OutboxMessage
from saleor_podops.saleor.webhook_events import SaleorEvent
from saleor_podops.staff.models import Assignment, StaffMember

from ..partners.fake_partner import FakePartner
from ..payloads import order as payload_order
from ..payloads import webhook_body
from ..saleor_stub import SaleorStub
from ..staff_api import FULFILLER, MANAGER, StaffApi, team
from .builders import (
    FULFILLER_P,
    MANAGER_P,
    PARTNER_SECRET,
    approved_order,
    http_partner,
    items_of,
    manual_partner,
)
from .test_status_events import saleor_order_state

pytestmark = pytest.mark.django_db

AFTER_GRACE = timedelta(hours=2, minutes=1)
SHIPPED, RETURNED = PartnerStatus.SHIPPED, PartnerStatus.RETURNED
FULFILLMENT_1 = to_global_id("Fulfillment", "1")  # the first one Saleor makes
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakePartner:
    partner = FakePartner(httpserver, PARTNER_SECRET)
    partner.mount()
    return partner


def send(
    installation: Installation,
    partner: PrintPartner,
    order: ProductionOrder,
    capture: Any,
    *,
    person: Any = FULFILLER_P,
) -> PartnerJob:
    """Batch and send the order's queued items; HTTP partners' jobs go out through the worker."""
    batch = batches.batch_create(
        installation=installation,
        partner=partner,
        item_ids=[item.pk for item in items_of(order) if item.stage == Stage.FULFILMENT_QUEUE],
        person=person,
    )
    with time_machine.travel(timezone.now() + AFTER_GRACE), capture(execute=True):
        [job] = dispatch.batch_send(batch=batch, person=person)
    job.refresh_from_db()
    return job


def event(
    event_id: str,
    status: PartnerStatus,
    minutes: int,
    *parcels: ParcelReport,
    job: PartnerJob,
    reason: str = "",
    lines: tuple[str, ...] = (),
) -> StatusUpdate:
    return StatusUpdate(
        event_id=event_id,
        external_job_id=job.external_id,
        status=status,
        occurred_at=T0 + timedelta(minutes=minutes),
        reason=reason,
        parcels=tuple(parcels),
        line_references=lines,
    )


def cancel_in_saleor(installation: Installation, order: ProductionOrder, capture: Any) -> None:
    for kind in (SaleorEvent.ORDER_CANCELLED, SaleorEvent.ORDER_FULLY_REFUNDED):  # both come
        body = webhook_body(kind, order_data=payload_order(order.number, status="CANCELED"))
        with capture(execute=True):
            order_event_received(
                installation=installation,
                event=kind,
                payload=saleor_payloads.OrderEvent.model_validate_json(body),
            )


def holder(item_pk: int) -> str | None:
    assignment = (
        Assignment.objects.select_related("staff")
        .filter(item_id=item_pk, released_at__isnull=True)
        .first()
    )
    return assignment.staff.saleor_user_id if assignment else None


ATTENTION = """
{ partnerJobs(needsAttention: true) {
    id attention attentionReason needsAttention dispatchState partnerStatus
    lines { failedAt returnedAt item { id stage } }
} }
"""


# FAILED ------------------------------------------------------------------------------------------


def test_a_failed_job_sends_its_items_back_to_the_queue_for_a_manager_to_see(
    installation: Installation,
    fake: FakePartner,
    staff_api: StaffApi,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a job of two items at the HTTP partner
    team(installation)
    order = approved_order(installation, "7001", product_types=("portrait", "portrait"))
    partner = http_partner(installation, fake.url)
    job = send(installation, partner, order, django_capture_on_commit_callbacks)
    assert [item.stage for item in items_of(order)] == [Stage.IN_PRODUCTION] * 2
    assert [holder(item.pk) for item in items_of(order)] == [None, None]

    # when the partner reports the job failed
    partner_status_receive(
        partner=partner,
        update=event("f1", PartnerStatus.FAILED, 5, job=job, reason="Print file unreadable"),
    )

    # then the job is failed and waits for a manager with the partner's reason
    job.refresh_from_db()
    assert (job.partner_status, job.attention, job.attention_reason) == (
        "FAILED",
        JobAttention.PARTNER_FAILED,
        "Print file unreadable",
    )
    assert all(line.failed_at is not None for line in job.lines.all())
    # and its items are back in the fulfilment queue, with their fulfiller again
    assert [item.stage for item in items_of(order)] == [Stage.FULFILMENT_QUEUE] * 2
    assert [holder(item.pk) for item in items_of(order)] == [FULFILLER, FULFILLER]
    requeued = TimelineEvent.objects.filter(
        order=order,
        item__isnull=False,
        type=EventType.STAGE_CHANGED,
        from_stage=Stage.IN_PRODUCTION,
        to_stage=Stage.FULFILMENT_QUEUE,
    )
    assert [(e.actor_type, "Print file unreadable" in e.comment) for e in requeued] == [
        ("SYSTEM", True),
        ("SYSTEM", True),
    ]
    order.refresh_from_db()
    assert order.needs_attention is True
    assert "Print file unreadable" in order.attention_reason
    # and a manager sees it in the list of jobs that need attention
    listed = staff_api.as_user(installation, MANAGER, ATTENTION)["data"]["partnerJobs"]
    assert [(j["id"], j["attention"], j["attentionReason"]) for j in listed] == [
        (to_global_id("PartnerJob", str(job.pk)), "PARTNER_FAILED", "Print file unreadable")
    ]
    assert [line["item"]["stage"] for line in listed[0]["lines"]] == ["FULFILMENT_QUEUE"] * 2

    # when the same event comes again, and a late QUEUED: nothing moves
    before = list(TimelineEvent.objects.values_list("pk", flat=True))
    _, new = partner_status_receive(
        partner=partner,
        update=event("f1", PartnerStatus.FAILED, 5, job=job, reason="Print file unreadable"),
    )
    late, _ = partner_status_receive(
        partner=partner, update=event("q1", PartnerStatus.QUEUED, 1, job=job)
    )
    assert (new, late.outcome) == (False, EventOutcome.STALE)
    assert list(TimelineEvent.objects.values_list("pk", flat=True)) == before

    # then the items can be sent again at once (their grace window was had) in a new job
    rows = fulfilment_queue(installation_id=installation.pk)
    assert [row.in_grace for row in rows] == [False, False]
    batch = batches.batch_create(
        installation=installation,
        partner=partner,
        item_ids=[row.item.pk for row in rows],
        person=FULFILLER_P,
    )
    with django_capture_on_commit_callbacks(execute=True):
        [again] = dispatch.batch_send(batch=batch, person=FULFILLER_P)
    again.refresh_from_db()
    assert (again.dispatch_state, again.external_id) == (DispatchState.SENT, "pj-2")
    assert len(fake.jobs) == 2

    # and the manager resolves the failed job: it leaves the list, the order's flag lifts
    job_resolve(job=job, person=MANAGER_P, comment="Sent again with a fixed file")
    assert staff_api.as_user(installation, MANAGER, ATTENTION)["data"]["partnerJobs"] == []
    order.refresh_from_db()
    assert (order.needs_attention, order.attention_reason) == (False, "")


def test_a_failure_for_some_lines_sends_only_those_back(
    installation: Installation, fake: FakePartner, django_capture_on_commit_callbacks: Any
) -> None:
    order = approved_order(installation, "7101", product_types=("portrait", "portrait"))
    partner = http_partner(installation, fake.url)
    job = send(installation, partner, order, django_capture_on_commit_callbacks)
    first, second = job.lines.order_by("id")

    partner_status_receive(
        partner=partner,
        update=event(
            "f1", PartnerStatus.FAILED, 5, job=job, reason="Out of stock", lines=(second.reference,)
        ),
    )

    assert [item.stage for item in items_of(order)] == [Stage.IN_PRODUCTION, Stage.FULFILMENT_QUEUE]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.failed_at, second.failed_at is not None) == (None, True)


def test_a_failed_line_never_ships_and_a_failure_after_shipping_changes_nothing(
    installation: Installation,
    saleor: SaleorStub,
    fake: FakePartner,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given one job failed, and another that shipped
    failed_order = approved_order(installation, "7201")
    shipped_order = approved_order(installation, "7202")
    partner = http_partner(installation, fake.url)
    failed = send(installation, partner, failed_order, django_capture_on_commit_callbacks)
    shipped = send(installation, partner, shipped_order, django_capture_on_commit_callbacks)
    saleor_order_state(saleor, shipped_order)
    partner_status_receive(partner=partner, update=event("f", PartnerStatus.FAILED, 5, job=failed))
    partner_status_receive(
        partner=partner,
        update=event("s", PartnerStatus.SHIPPED, 5, ParcelReport("DHL", "TN-S"), job=shipped),
    )

    # when a parcel is reported for the failed job, and a failure for the shipped one
    partner_status_receive(
        partner=partner,
        update=event("s2", PartnerStatus.SHIPPED, 9, ParcelReport("DHL", "TN-F"), job=failed),
    )
    late, _ = partner_status_receive(
        partner=partner, update=event("f2", PartnerStatus.FAILED, 9, job=shipped)
    )

    # then the failed item stays in the queue (nothing fulfilled in Saleor for it) and the
    # shipped item stays shipped, its job not failed
    assert items_of(failed_order)[0].stage == Stage.FULFILMENT_QUEUE
    assert failed.lines.get().shipped_at is None
    assert items_of(shipped_order)[0].stage == Stage.SHIPPED
    shipped.refresh_from_db()
    assert (shipped.partner_status, shipped.attention, late.outcome) == (
        "SHIPPED",
        "",
        EventOutcome.STALE,
    )
    assert [m.payload["tracking_number"] for m in outbox_fulfilments()] == ["TN-S"]


def outbox_fulfilments() -> list[Any]:
    from saleor_podops.saleor.models import OutboxKind, OutboxMessage

    return list(OutboxMessage.objects.filter(kind=OutboxKind.FULFILL_ORDER_LINES).order_by("id"))


# RETURNED ----------------------------------------------------------------------------------------


def test_a_returned_parcel_is_reprinted_and_reshipped_with_saleors_fulfillment_retracked(
    installation: Installation,
    saleor: SaleorStub,
    fake: FakePartner,
    staff_api: StaffApi,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a shipped job (Saleor fulfilled its line)
    team(installation)
    order = approved_order(installation, "7301")
    partner = http_partner(installation, fake.url)
    job = send(installation, partner, order, django_capture_on_commit_callbacks)
    saleor_order_state(saleor, order)
    [line] = job.lines.all()
    partner_status_receive(
        partner=partner,
        update=event("s1", PartnerStatus.SHIPPED, 10, ParcelReport("DHL", "TN-1"), job=job),
    )
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        outbox.flush()
    assert len(saleor.operations("OrderFulfill")) == 1

    # when the parcel comes back to the partner
    partner_status_receive(
        partner=partner,
        update=event("r1", PartnerStatus.RETURNED, 60, job=job, reason="Address unknown"),
    )

    # then the line is returned, the item stays shipped, the job waits for a manager
    line.refresh_from_db()
    job.refresh_from_db()
    assert line.returned_at is not None
    assert items_of(order)[0].stage == Stage.SHIPPED
    assert (job.attention, job.attention_reason) == (JobAttention.RETURNED, "Address unknown")
    listed = staff_api.as_user(installation, MANAGER, ATTENTION)["data"]["partnerJobs"]
    assert [(j["attention"], j["lines"][0]["returnedAt"] is not None) for j in listed] == [
        ("RETURNED", True)
    ]
    returned_note = TimelineEvent.objects.get(
        item=items_of(order)[0], type=EventType.PARTNER_STATUS, reason_code="RETURNED"
    )
    assert "Address unknown" in returned_note.comment

    # when the manager reprints it: the job no longer waits
    with django_capture_on_commit_callbacks(execute=True):
        reprint = qa.line_reprint(line=line, person=MANAGER_P, reason=DefectReason.DAMAGED)
    job.refresh_from_db()
    assert job.needs_attention is False
    assert staff_api.as_user(installation, MANAGER, ATTENTION)["data"]["partnerJobs"] == []
    reprint_job = PartnerJob.objects.get(pk=reprint.job_id)
    assert (reprint_job.external_id, reprint_job.reprint_of_id) == ("pj-2", job.pk)

    # when the reprint ships
    partner_status_receive(
        partner=partner,
        update=event(
            "s2", PartnerStatus.SHIPPED, 120, ParcelReport("UPS", "TN-2"), job=reprint_job
        ),
    )
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        outbox.flush()

    # then no second Saleor fulfillment is made: the first one takes the reprint's tracking, on
    # the timeline; the customer hears of the new parcel
    assert len(saleor.operations("OrderFulfill")) == 1
    assert [op["variables"] for op in saleor.operations("FulfillmentUpdateTracking")] == [
        {"id": FULFILLMENT_1, "input": {"trackingNumber": "TN-2", "notifyCustomer": False}}
    ]
    assert reprint_job.lines.get().shipped_at is not None
    shipped = TimelineEvent.objects.filter(order=order, type=EventType.PARCEL_SHIPPED).last()
    assert shipped is not None
    assert (shipped.comment, shipped.data["saleor_tracking_replaced"]) == (
        "Parcel shipped: UPS TN-2; Saleor's fulfillment tracking TN-1 -> TN-2",
        ["TN-1"],
    )
    assert sorted(
        n.context["tracking_number"]
        for n in ScheduledNotification.objects.filter(order=order, event="ORDER_SHIPPED")
    ) == ["TN-1", "TN-2"]


def test_saleors_fulfillment_shows_the_newest_shipment_of_a_reshipped_line(
    installation: Installation,
    saleor: SaleorStub,
    fake: FakePartner,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a line that shipped in parcel P1, came back, and whose reprint shipped in P2
    order = approved_order(installation, "7311")
    partner = http_partner(installation, fake.url)
    job = send(installation, partner, order, django_capture_on_commit_callbacks)
    saleor_order_state(saleor, order)
    [line] = job.lines.all()
    first = ParcelReport("DHL", "TN-1", parcel_id="P1")
    partner_status_receive(partner=partner, update=event("s1", SHIPPED, 10, first, job=job))
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        outbox.flush()
    partner_status_receive(partner=partner, update=event("r1", RETURNED, 60, job=job))
    with django_capture_on_commit_callbacks(execute=True):
        reprint = qa.line_reprint(line=line, person=MANAGER_P, reason=DefectReason.DAMAGED)
    reprint_job = PartnerJob.objects.get(pk=reprint.job_id)
    second = ParcelReport("UPS", "TN-2", parcel_id="P2")
    partner_status_receive(
        partner=partner, update=event("s2", SHIPPED, 120, second, job=reprint_job)
    )
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        outbox.flush()

    # when the partner corrects the reprint's tracking, then (late) the first parcel's
    corrected = ParcelReport("UPS", "TN-2B", parcel_id="P2")
    partner_status_receive(
        partner=partner, update=event("s3", SHIPPED, 130, corrected, job=reprint_job)
    )
    late = ParcelReport("DHL", "TN-1B", parcel_id="P1")
    partner_status_receive(partner=partner, update=event("s4", SHIPPED, 140, late, job=job))
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        outbox.flush()

    # then Saleor's one fulfillment follows the reprint's parcel and keeps its newest number;
    # the first parcel's correction is on the timeline only
    assert len(saleor.operations("OrderFulfill")) == 1
    assert [
        op["variables"]["input"]["trackingNumber"]
        for op in saleor.operations("FulfillmentUpdateTracking")
    ] == ["TN-2", "TN-2B"]
    assert {op["variables"]["id"] for op in saleor.operations("FulfillmentUpdateTracking")} == {
        FULFILLMENT_1
    }
    changes = TimelineEvent.objects.filter(
        order=order, type=EventType.PARCEL_SHIPPED, comment__startswith="Tracking changed"
    ).order_by("id")
    assert [(e.comment, e.data.get("saleor_tracking_replaced")) for e in changes] == [
        ("Tracking changed: TN-2 -> TN-2B; Saleor's fulfillment tracking TN-2 -> TN-2B", ["TN-2"]),
        ("Tracking changed: TN-1 -> TN-1B", None),
    ]


def test_a_reship_of_a_line_fulfilled_in_saleor_by_hand_has_no_fulfillment_of_ours_to_update(
    installation: Installation,
    saleor: SaleorStub,
    fake: FakePartner,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a shipped line that someone had fulfilled in Saleor by hand (PodOps made none)
    order = approved_order(installation, "7331")
    partner = http_partner(installation, fake.url)
    job = send(installation, partner, order, django_capture_on_commit_callbacks)
    [line] = job.lines.all()
    saleor_order_state(saleor, order, fulfilled={line.item.saleor_line_id: line.quantity})
    partner_status_receive(
        partner=partner, update=event("s1", SHIPPED, 10, ParcelReport("DHL", "TN-1"), job=job)
    )
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        outbox.flush()
    assert saleor.operations("OrderFulfill") == []

    # when it comes back and its reprint ships
    partner_status_receive(partner=partner, update=event("r1", RETURNED, 60, job=job))
    with django_capture_on_commit_callbacks(execute=True):
        reprint = qa.line_reprint(line=line, person=MANAGER_P, reason=DefectReason.DAMAGED)
    partner_status_receive(
        partner=partner,
        update=event(
            "s2",
            SHIPPED,
            120,
            ParcelReport("UPS", "TN-2"),
            job=PartnerJob.objects.get(pk=reprint.job_id),
        ),
    )
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        outbox.flush()

    # then nothing is asked of Saleor, and the timeline does not claim it
    assert saleor.operations("FulfillmentUpdateTracking") == []
    assert not OutboxMessage.objects.filter(kind=OutboxKind.UPDATE_FULFILLMENT_TRACKING).exists()
    shipped = TimelineEvent.objects.filter(order=order, type=EventType.PARCEL_SHIPPED).last()
    assert shipped is not None
    assert (shipped.comment, "saleor_tracking_replaced" in shipped.data) == (
        "Parcel shipped: UPS TN-2",
        False,
    )


def test_a_reship_waiting_for_the_first_fulfilment_corrects_it_before_it_is_sent(
    installation: Installation,
    saleor: SaleorStub,
    fake: FakePartner,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a shipped line whose Saleor fulfillment has not been sent yet (Saleor is down)
    order = approved_order(installation, "7321")
    partner = http_partner(installation, fake.url)
    job = send(installation, partner, order, django_capture_on_commit_callbacks)
    [line] = job.lines.all()
    partner_status_receive(
        partner=partner, update=event("s1", SHIPPED, 10, ParcelReport("DHL", "TN-1"), job=job)
    )
    partner_status_receive(partner=partner, update=event("r1", RETURNED, 60, job=job))
    with django_capture_on_commit_callbacks(execute=True):
        reprint = qa.line_reprint(line=line, person=MANAGER_P, reason=DefectReason.DAMAGED)

    # when the reprint ships, and Saleor is back
    reprint_job = PartnerJob.objects.get(pk=reprint.job_id)
    partner_status_receive(
        partner=partner,
        update=event("s2", SHIPPED, 120, ParcelReport("UPS", "TN-2"), job=reprint_job),
    )
    saleor_order_state(saleor, order)
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        outbox.flush()

    # then the one fulfillment is made with the reprint's tracking, and nothing else is sent
    [fulfil] = saleor.operations("OrderFulfill")
    assert fulfil["variables"]["input"]["trackingNumber"] == "TN-2"
    assert saleor.operations("FulfillmentUpdateTracking") == []


def test_a_manager_resolves_a_returned_parcel_without_a_reprint(
    installation: Installation, saleor: SaleorStub, fake: FakePartner
) -> None:
    # given a manual partner's shipped job whose parcel came back (recorded by the fulfiller; no
    # spot check, which would make the fulfiller check it first, 2 % of the time)
    settings = fulfilment_settings_for(installation)
    settings.spot_check_percent = Decimal(0)
    settings.save()
    order = approved_order(installation, "7401")
    partner = manual_partner(installation)
    batch = batches.batch_create(
        installation=installation,
        partner=partner,
        item_ids=[i.pk for i in items_of(order)],
        person=FULFILLER_P,
    )
    [job] = dispatch.batch_send(
        batch=batch, person=FULFILLER_P, now=timezone.now() + timedelta(hours=3)
    )
    saleor_order_state(saleor, order)
    job_record_status(
        job=job,
        person=FULFILLER_P,
        status=PartnerStatus.SHIPPED,
        parcels=[ParcelReport("DHL", "TN-9")],
    )
    job = job_record_status(
        job=job, person=FULFILLER_P, status=PartnerStatus.RETURNED, reason="Refused"
    )
    assert job.attention == JobAttention.RETURNED
    order.refresh_from_db()
    assert order.needs_attention is True

    # a fulfiller may not resolve it; a comment is needed
    with pytest.raises(FulfilmentError) as refused:
        job_resolve(job=job, person=FULFILLER_P, comment="Refunded")
    assert refused.value.code == FulfilmentErrorCode.ROLE_REQUIRED
    with pytest.raises(FulfilmentError) as empty:
        job_resolve(job=job, person=MANAGER_P, comment="  ")
    assert empty.value.code == FulfilmentErrorCode.INVALID

    # when a manager resolves it
    job = job_resolve(job=job, person=MANAGER_P, comment="Refunded in Saleor")

    # then it is resolved with who and how; the order's flag lifts; once is enough
    assert (job.needs_attention, job.resolved_by, job.resolution) == (
        False,
        MANAGER_P.user_id,
        "Refunded in Saleor",
    )
    order.refresh_from_db()
    assert order.needs_attention is False
    note = TimelineEvent.objects.get(order=order, type=EventType.COMMENT, reason_code="RETURNED")
    assert (note.is_internal, note.actor_id) == (True, MANAGER_P.user_id)
    with pytest.raises(FulfilmentError) as again:
        job_resolve(job=job, person=MANAGER_P, comment="Twice")
    assert again.value.code == FulfilmentErrorCode.NOTHING_TO_RESOLVE


# Cancelled in Saleor after the job was sent ------------------------------------------------------


def test_a_cancellation_is_sent_to_a_partner_that_can_cancel(
    installation: Installation, fake: FakePartner, django_capture_on_commit_callbacks: Any
) -> None:
    # given one item at the partner and one still in the queue, held by the fulfiller
    order = approved_order(installation, "7501", product_types=("portrait", "mug"))
    partner = http_partner(installation, fake.url)
    portrait, mug = items_of(order)
    batch = batches.batch_create(
        installation=installation, partner=partner, item_ids=[portrait.pk], person=FULFILLER_P
    )
    with (
        time_machine.travel(timezone.now() + AFTER_GRACE),
        django_capture_on_commit_callbacks(execute=True),
    ):
        [job] = dispatch.batch_send(batch=batch, person=FULFILLER_P)
    fulfiller = StaffMember.objects.get(saleor_user_id=FULFILLER)
    assert (holder(mug.pk), fulfiller.load) == (FULFILLER, 1)

    # when Saleor cancels the order (ORDER_CANCELLED, then ORDER_FULLY_REFUNDED)
    cancel_in_saleor(installation, order, django_capture_on_commit_callbacks)

    # then the queued item is cancelled at once and its fulfiller has the room back
    fulfiller.refresh_from_db()
    assert (items_of(order)[1].stage, holder(mug.pk), fulfiller.load) == (
        Stage.CANCELLED,
        None,
        0,
    )
    # and the partner was asked once, signed; the job, its item and the order are cancelled
    assert fake.cancelled == [("pj-1", True)]
    job.refresh_from_db()
    assert (job.dispatch_state, job.cancel_requested_at, job.needs_attention) == (
        DispatchState.CANCELLED,
        None,
        False,
    )
    assert items_of(order)[0].stage == Stage.CANCELLED
    order.refresh_from_db()
    assert (order.status, order.needs_attention) == (OrderStatus.CANCELLED, False)
    asked = TimelineEvent.objects.filter(order=order, reason_code="CANCEL_REQUESTED")
    assert asked.count() == 1
    # and Saleor is told the status too, not only the stage (it kept podops.status OPEN)
    assert saleor_public_metadata(order) == {
        "podops.stage": "CANCELLED",
        "podops.status": "CANCELLED",
    }


def saleor_public_metadata(order: ProductionOrder) -> dict[str, str]:
    """The podops.* keys Saleor ends with once every metadata write in the outbox is sent."""
    held: dict[str, str] = {}
    for message in OutboxMessage.objects.filter(
        kind=OutboxKind.UPDATE_METADATA, saleor_object_id=order.saleor_order_id
    ).order_by("pk"):
        held.update(message.payload["items"])
    return held


def test_a_cancellation_the_partner_fails_to_take_is_retried_then_left_to_a_manager(
    installation: Installation, fake: FakePartner, django_capture_on_commit_callbacks: Any
) -> None:
    # given a job at the partner, whose cancel endpoint fails once, then refuses
    order = approved_order(installation, "7601")
    partner = http_partner(installation, fake.url)
    job = send(installation, partner, order, django_capture_on_commit_callbacks)
    fake.script = deque(["500", "400"])
    start = timezone.now()

    # when Saleor cancels the order: the first try fails and is retried after the backoff
    with time_machine.travel(start, tick=False):
        cancel_in_saleor(installation, order, django_capture_on_commit_callbacks)
        job.refresh_from_db()
        assert (job.dispatch_state, job.attempts) == (DispatchState.SENT, 1)
        assert job.cancel_requested_at is not None
        assert job.next_attempt_at == start + timedelta(seconds=30)
    with time_machine.travel(start + timedelta(seconds=31), tick=False):
        assert dispatch_due_jobs() == 1

    # then the refusal leaves the job to a manager; the order is flagged, nothing cancelled
    job.refresh_from_db()
    assert (job.dispatch_state, job.cancel_requested_at, job.attention) == (
        DispatchState.SENT,
        None,
        JobAttention.CANCEL_FAILED,
    )
    assert "did not cancel it" in job.attention_reason
    assert items_of(order)[0].stage == Stage.IN_PRODUCTION
    order.refresh_from_db()
    assert (order.status, order.needs_attention) == (OrderStatus.OPEN, True)
    tries = TimelineEvent.objects.filter(type=EventType.PARTNER_SEND_FAILED, data__call="cancel")
    assert [(e.data["attempt"], e.data["will_retry"]) for e in tries.order_by("id")] == [
        (1, True),
        (2, False),
    ]
    assert dispatch_due_jobs() == 0


def test_a_cancellation_for_a_manual_partner_waits_for_a_person(
    installation: Installation, django_capture_on_commit_callbacks: Any
) -> None:
    # given a job handed to the print shop
    order = approved_order(installation, "7701")
    partner = manual_partner(installation)
    job = send(installation, partner, order, django_capture_on_commit_callbacks)
    assert job.dispatch_state == DispatchState.SENT

    # when Saleor cancels the order
    cancel_in_saleor(installation, order, django_capture_on_commit_callbacks)

    # then a person must stop it at the print shop: the job and the order say so, once
    job.refresh_from_db()
    assert (job.attention, job.dispatch_state) == (JobAttention.CANCEL_BY_HAND, DispatchState.SENT)
    order.refresh_from_db()
    assert (order.status, order.needs_attention) == (OrderStatus.OPEN, True)
    assert order.events.filter(type=EventType.CANCEL_NEEDS_ATTENTION).count() == 1

    # when the manager has told the print shop and cancels the job in PodOps
    dispatch.job_cancel(job=job, person=MANAGER_P, reason="Print shop stopped it")

    # then the job is cancelled (no longer waiting), and the order with it
    job.refresh_from_db()
    assert (job.dispatch_state, job.needs_attention) == (DispatchState.CANCELLED, False)
    order.refresh_from_db()
    assert (order.status, order.needs_attention) == (OrderStatus.CANCELLED, False)


def test_a_job_not_yet_sent_is_never_sent_after_a_cancellation(
    installation: Installation, fake: FakePartner, django_capture_on_commit_callbacks: Any
) -> None:
    # given a job waiting for its first try (the partner was down)
    fake.script = deque(["500"])
    order = approved_order(installation, "7801")
    partner = http_partner(installation, fake.url)
    job = send(installation, partner, order, django_capture_on_commit_callbacks)
    assert job.dispatch_state == DispatchState.WAITING

    # when Saleor cancels the order, and the retry clock comes round
    cancel_in_saleor(installation, order, django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert dispatch_due_jobs() == 0

    # then it is cancelled here, the partner never got it nor a cancellation
    job.refresh_from_db()
    assert job.dispatch_state == DispatchState.CANCELLED
    assert (len(fake.jobs), fake.cancelled) == (0, [])
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_a_cancellation_after_shipping_is_left_to_a_person(
    installation: Installation,
    saleor: SaleorStub,
    fake: FakePartner,
    django_capture_on_commit_callbacks: Any,
) -> None:
    order = approved_order(installation, "7901")
    partner = http_partner(installation, fake.url)
    job = send(installation, partner, order, django_capture_on_commit_callbacks)
    saleor_order_state(saleor, order)
    partner_status_receive(
        partner=partner,
        update=event("s", PartnerStatus.SHIPPED, 5, ParcelReport("DHL", "TN-1"), job=job),
    )

    cancel_in_saleor(installation, order, django_capture_on_commit_callbacks)

    assert fake.cancelled == []
    order.refresh_from_db()
    assert (order.status, order.needs_attention) == (OrderStatus.COMPLETED, True)
    assert order.attention_reason == "Cancelled in Saleor after items shipped"


def test_a_cancellation_in_the_grace_window_gives_the_fulfiller_the_room_back(
    installation: Installation, django_capture_on_commit_callbacks: Any
) -> None:
    order = approved_order(installation, "7951", product_types=("portrait", "portrait"))
    fulfiller = StaffMember.objects.get(saleor_user_id=FULFILLER)
    assert fulfiller.load == 2
    batch = batches.batch_create(
        installation=installation,
        partner=manual_partner(installation),
        item_ids=[i.pk for i in items_of(order)],
        person=FULFILLER_P,
    )

    cancel_in_saleor(installation, order, django_capture_on_commit_callbacks)

    fulfiller.refresh_from_db()
    assert fulfiller.load == 0
    assert [item.stage for item in items_of(order)] == [Stage.CANCELLED] * 2
    assert not batch.entries.filter(removed_at__isnull=True).exists()
    assert PartnerStatusEvent.objects.count() == JobLine.objects.count() == 0
