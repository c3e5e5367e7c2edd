"""The fulfilment queue (priority, due dates, lateness), batches (grouping, limits, split,
dissolve), the grace window, and sending a batch to the manual partner."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from saleor_podops.fulfilment import archives, batches, dispatch
from saleor_podops.fulfilment.error_codes import FulfilmentError, FulfilmentErrorCode
from saleor_podops.fulfilment.models import (
    Batch,
    BatchEntry,
    BatchStatus,
    DispatchState,
    PartnerJob,
)
from saleor_podops.fulfilment.queue import fulfilment_queue, fulfilment_settings_for
from saleor_podops.intake.actions import order_event_received
from saleor_podops.production.models import EventType, ProductionOrder, TimelineEvent
from saleor_podops.production.stages import Stage
from saleor_podops.saleor import payloads as saleor_payloads
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.webhook_events import SaleorEvent

from ..payloads import order as payload_order
from ..payloads import webhook_body
from ..staff_api import FULFILLER
from .builders import ARTIST_P, FULFILLER_P, MANAGER_P, approved_order, items_of, manual_partner

pytestmark = pytest.mark.django_db

AFTER_GRACE = timedelta(hours=2, minutes=1)


def batch_state() -> tuple[object, ...]:
    return (
        list(Batch.objects.order_by("pk").values_list("pk", "status")),
        list(BatchEntry.objects.order_by("pk").values_list("batch_id", "item_id", "removed_at")),
        PartnerJob.objects.count(),
        TimelineEvent.objects.count(),
    )


def test_queue_orders_by_priority_rules_then_due_date(installation: Installation) -> None:
    # given four approved orders: plain, express, high value, and a manager's bump
    settings = fulfilment_settings_for(installation)
    settings.express_shipping_methods = ["Overnight"]
    settings.high_value_threshold = Decimal("100")
    settings.save()
    approved_order(installation, "3001")
    express = approved_order(installation, "3002")
    valuable = approved_order(installation, "3003")
    bumped = approved_order(installation, "3004")
    ProductionOrder.objects.filter(pk=express.pk).update(shipping_method_name="Overnight")
    ProductionOrder.objects.filter(pk=valuable.pk).update(total_gross_amount=Decimal("250"))
    ProductionOrder.objects.filter(pk=bumped.pk).update(priority=3)

    # when the queue is read
    rows = fulfilment_queue(installation_id=installation.pk)

    # then the rules order it, every row has a due date from the SLA (24 h in the queue)
    assert [row.item.order.number for row in rows] == ["3002", "3003", "3004", "3001"]
    assert [row.priority_reasons for row in rows] == [
        ("EXPRESS",),
        ("HIGH_VALUE",),
        ("MANUAL",),
        (),
    ]
    plain_row = rows[-1]
    assert plain_row.due_at == plain_row.item.stage_entered_at + timedelta(hours=24)
    assert plain_row.is_late is False
    assert plain_row.in_grace is True


def test_late_items_stand_out_and_move_up(installation: Installation) -> None:
    # given an order queued 25 hours ago (SLA 24 h) and a fresh one
    with time_machine.travel(timezone.now() - timedelta(hours=25)):
        old = approved_order(installation, "3101")
    approved_order(installation, "3102")

    # when the queue is read
    rows = fulfilment_queue(installation_id=installation.pk)

    # then the late one comes first and says why
    assert [(row.item.order.number, row.is_late) for row in rows] == [
        (old.number, True),
        ("3102", False),
    ]
    assert rows[0].priority_reasons == ("LATE",)


def test_queue_reads_in_constant_queries(
    installation: Installation, django_assert_num_queries: object
) -> None:
    for number in ("3201", "3202", "3203"):
        approved_order(installation, number)
    fulfilment_settings_for(installation)
    # settings, items, their assignees, their batches, which were sent before
    with django_assert_num_queries(5):  # type: ignore[operator]
        rows = fulfilment_queue(installation_id=installation.pk)
    assert len(rows) == 3
    assert {row.item.open_assignments[0].staff.saleor_user_id for row in rows} == {FULFILLER}


def test_batch_groups_one_product_type_and_refuses_others(installation: Installation) -> None:
    # given portraits and a mug in the queue
    order = approved_order(installation, "3301", product_types=("portrait", "portrait", "mug"))
    portrait_1, portrait_2, mug = items_of(order)
    partner = manual_partner(installation)

    # when a fulfiller batches the portraits
    batch = batches.batch_create(
        installation=installation,
        partner=partner,
        item_ids=[portrait_1.pk, portrait_2.pk],
        person=FULFILLER_P,
    )

    # then the batch holds them with their group, and the timeline says so
    assert (batch.product_type_slug, batch.destination_country) == ("portrait", "DE")
    assert sorted(batch.entries.values_list("item_id", flat=True)) == [portrait_1.pk, portrait_2.pk]
    assert TimelineEvent.objects.filter(type=EventType.BATCH_UPDATED).count() == 2

    # and the mug cannot join it, nor can a batched item join another batch
    before = batch_state()
    with pytest.raises(FulfilmentError) as mismatch:
        batches.batch_add_items(batch=batch, item_ids=[mug.pk], person=FULFILLER_P)
    assert mismatch.value.code == FulfilmentErrorCode.BATCH_GROUP_MISMATCH
    with pytest.raises(FulfilmentError) as taken:
        batches.batch_create(
            installation=installation, partner=partner, item_ids=[portrait_1.pk], person=FULFILLER_P
        )
    assert taken.value.code == FulfilmentErrorCode.ALREADY_BATCHED
    assert batch_state() == before


def test_batch_size_limit(installation: Installation) -> None:
    settings = fulfilment_settings_for(installation)
    settings.batch_max_items = 2
    settings.save()
    order = approved_order(installation, "3401", product_types=("portrait",) * 3)
    partner = manual_partner(installation)
    before = batch_state()

    with pytest.raises(FulfilmentError) as refused:
        batches.batch_create(
            installation=installation,
            partner=partner,
            item_ids=[item.pk for item in items_of(order)],
            person=FULFILLER_P,
        )

    assert refused.value.code == FulfilmentErrorCode.BATCH_FULL
    assert batch_state() == before


def test_automatic_batches_respect_groups_and_size(installation: Installation) -> None:
    settings = fulfilment_settings_for(installation)
    settings.batch_max_items = 2
    settings.save()
    approved_order(installation, "3501", product_types=("portrait",) * 3 + ("mug",))
    partner = manual_partner(installation)

    made = batches.batches_auto_create(
        installation=installation, partner=partner, person=FULFILLER_P
    )

    assert sorted(
        (b.product_type_slug, b.entries.filter(removed_at__isnull=True).count()) for b in made
    ) == [("mug", 1), ("portrait", 1), ("portrait", 2)]


def test_split_and_dissolve(installation: Installation) -> None:
    order = approved_order(installation, "3601", product_types=("portrait",) * 3)
    first, second, third = items_of(order)
    partner = manual_partner(installation)
    batch = batches.batch_create(
        installation=installation,
        partner=partner,
        item_ids=[first.pk, second.pk, third.pk],
        person=FULFILLER_P,
    )

    new = batches.batch_split(batch=batch, item_ids=[third.pk], person=FULFILLER_P)

    assert list(
        batch.entries.filter(removed_at__isnull=True).values_list("item_id", flat=True)
    ) == [
        first.pk,
        second.pk,
    ]
    assert list(new.entries.filter(removed_at__isnull=True).values_list("item_id", flat=True)) == [
        third.pk
    ]

    batches.batch_dissolve(batch=batch, person=FULFILLER_P)

    batch.refresh_from_db()
    assert batch.status == BatchStatus.DISSOLVED
    assert [
        row.item.pk
        for row in fulfilment_queue(installation_id=installation.pk, unbatched_only=True)
    ] == [
        first.pk,
        second.pk,
    ]


def test_only_fulfillers_and_managers_batch(installation: Installation) -> None:
    order = approved_order(installation, "3701")
    partner = manual_partner(installation)
    before = batch_state()

    with pytest.raises(FulfilmentError) as refused:
        batches.batch_create(
            installation=installation,
            partner=partner,
            item_ids=[items_of(order)[0].pk],
            person=ARTIST_P,
        )

    assert refused.value.code == FulfilmentErrorCode.ROLE_REQUIRED
    assert batch_state() == before
    assert batches.batch_create(
        installation=installation,
        partner=partner,
        item_ids=[items_of(order)[0].pk],
        person=MANAGER_P,
    )


def test_nothing_is_sent_inside_the_grace_window(installation: Installation) -> None:
    # given a batch of items approved just now
    order = approved_order(installation, "3801")
    partner = manual_partner(installation)
    batch = batches.batch_create(
        installation=installation,
        partner=partner,
        item_ids=[item.pk for item in items_of(order)],
        person=FULFILLER_P,
    )
    before = batch_state()

    # when a fulfiller sends it at once
    with pytest.raises(FulfilmentError) as refused:
        dispatch.batch_send(batch=batch, person=FULFILLER_P)

    # then it is refused and nothing changed
    assert refused.value.code == FulfilmentErrorCode.GRACE_PERIOD_ACTIVE
    assert batch_state() == before
    assert items_of(order)[0].stage == Stage.FULFILMENT_QUEUE


def test_a_cancellation_in_the_grace_window_stops_the_item(installation: Installation) -> None:
    # given a batch with two orders' items
    cancelled = approved_order(installation, "3901")
    kept = approved_order(installation, "3902")
    partner = manual_partner(installation)
    batch = batches.batch_create(
        installation=installation,
        partner=partner,
        item_ids=[items_of(cancelled)[0].pk, items_of(kept)[0].pk],
        person=FULFILLER_P,
    )

    # when Saleor's ORDER_CANCELLED event for one order arrives inside the grace window
    body = webhook_body(
        SaleorEvent.ORDER_CANCELLED, order_data=payload_order("3901", status="CANCELED")
    )
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        order_event_received(
            installation=installation,
            event=SaleorEvent.ORDER_CANCELLED,
            payload=saleor_payloads.OrderEvent.model_validate_json(body),
        )

    # then after the window only the other order is sent; the cancelled item never leaves
    with time_machine.travel(timezone.now() + AFTER_GRACE):
        jobs = dispatch.batch_send(batch=batch, person=FULFILLER_P)
    assert [job.order_id for job in jobs] == [kept.pk]
    assert items_of(cancelled)[0].stage == Stage.CANCELLED
    assert ProductionOrder.objects.get(pk=cancelled.pk).status == "CANCELLED"
    assert items_of(kept)[0].stage == Stage.IN_PRODUCTION
    assert not BatchEntry.objects.filter(
        item=items_of(cancelled)[0], removed_at__isnull=True
    ).exists()


def test_sending_to_the_manual_partner(installation: Installation) -> None:
    # given a batch past its grace window
    order = approved_order(installation, "4001", product_types=("portrait", "portrait"))
    partner = manual_partner(installation)
    batch = batches.batch_create(
        installation=installation,
        partner=partner,
        item_ids=[item.pk for item in items_of(order)],
        person=FULFILLER_P,
    )

    # when the fulfiller downloads the archive and marks the batch sent
    archive = archives.batch_archive(batch)
    content = b"".join(archive.chunks)
    with time_machine.travel(timezone.now() + AFTER_GRACE):
        jobs = dispatch.batch_send(batch=batch, person=FULFILLER_P)

    # then the archive holds both artworks and their print metadata
    with zipfile.ZipFile(io.BytesIO(content)) as zipped:
        names = sorted(zipped.namelist())
        metadata = json.loads(zipped.read("print-metadata.json"))
        assert zipped.testzip() is None
    assert names == ["artwork/4001-1-v1.png", "artwork/4001-2-v1.png", "print-metadata.json"]
    assert [i["artwork"]["version"] for i in metadata["items"]] == [1, 1]
    # and one job for the order is at the partner, its items in production
    assert len(jobs) == 1
    job = jobs[0]
    assert job.dispatch_state == DispatchState.SENT
    assert job.external_id == f"manual-{job.idempotency_key}"
    assert [item.stage for item in items_of(order)] == [Stage.IN_PRODUCTION] * 2
    batch.refresh_from_db()
    assert batch.status == BatchStatus.SENT
    assert TimelineEvent.objects.filter(type=EventType.PARTNER_JOB_SENT, order=order).count() == 1


def test_the_default_partner_is_used_when_none_is_chosen(installation: Installation) -> None:
    order = approved_order(installation, "4101")
    item_ids = [item.pk for item in items_of(order)]
    before = batch_state()

    # without a default partner the fulfiller must choose one
    with pytest.raises(FulfilmentError) as refused:
        batches.batch_create(
            installation=installation, partner=None, item_ids=item_ids, person=FULFILLER_P
        )
    assert refused.value.code == FulfilmentErrorCode.PARTNER_INACTIVE
    assert batch_state() == before

    # with one, it is used
    settings = fulfilment_settings_for(installation)
    settings.default_partner = manual_partner(installation)
    settings.save()
    batch = batches.batch_create(
        installation=installation, partner=None, item_ids=item_ids, person=FULFILLER_P
    )
    assert batch.partner_id == settings.default_partner.pk
