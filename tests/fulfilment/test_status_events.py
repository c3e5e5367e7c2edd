"""Partner status: monotonic and idempotent (shuffled, repeated and late events end in one state),
the webhook endpoint's answers, parcels with all their tracking numbers, items shipping, and the
Saleor fulfillment made with the tracking number (documents validated against both schemas)."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from graphql_relay import to_global_id
from hypothesis import given
from hypothesis import strategies as st

from saleor_podops.fulfilment import batches, dispatch
from saleor_podops.fulfilment.configuration import PartnerInput, print_partner_update
from saleor_podops.fulfilment.error_codes import FulfilmentError, FulfilmentErrorCode
from saleor_podops.fulfilment.events import partner_status_receive
from saleor_podops.fulfilment.models import (
    DispatchState,
    EventOutcome,
    Parcel,
    PartnerJob,
    PartnerStatusEvent,
)
from saleor_podops.fulfilment.status import apply_status, is_on_hold
from saleor_podops.notifications.events import NotificationEvent
from saleor_podops.notifications.models import ScheduledNotification
from saleor_podops.notifications.settings_actions import notification_settings_for
from saleor_podops.partners.interface import ParcelReport, PartnerStatus, StatusUpdate
from saleor_podops.partners.models import PartnerKind, PrintPartner
from saleor_podops.partners.signing import sign
from saleor_podops.production.models import EventType, OrderStatus, ProductionOrder, TimelineEvent
from saleor_podops.production.stages import Stage
from saleor_podops.saleor import outbox
from saleor_podops.saleor.models import Installation, OutboxKind, OutboxMessage, OutboxStatus

from ..saleor_stub import SaleorStub
from .builders import FULFILLER_P, MANAGER_P, PARTNER_SECRET, approved_order, http_partner, items_of

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


# The fold alone ---------------------------------------------------------------------------------


def fresh() -> Any:
    return SimpleNamespace(
        partner_status="", partner_rank=0, progress_at=None, hold_at=None, hold_reason=""
    )


def state_of(job: Any) -> tuple[object, ...]:
    return (
        job.partner_status,
        job.partner_rank,
        is_on_hold(job),
        job.hold_reason if is_on_hold(job) else "",
    )


events_strategy = st.lists(
    st.tuples(st.sampled_from(list(PartnerStatus)), st.integers(min_value=0, max_value=10_000)),
    min_size=1,
    max_size=12,
    unique_by=lambda event: event[1],
)


@given(events=events_strategy, seed=st.integers(), repeats=st.integers(min_value=0, max_value=5))
def test_any_delivery_order_with_repeats_ends_in_the_same_state(
    events: list[tuple[PartnerStatus, int]], seed: int, repeats: int
) -> None:
    # given the partner's events in the order they happened
    timed = [(status, T0 + timedelta(seconds=s), f"reason {s}") for status, s in events]
    in_order = fresh()
    for status, at, reason in sorted(timed, key=lambda e: e[1]):
        apply_status(in_order, status=status, occurred_at=at, reason=reason)

    # when they arrive shuffled, some of them several times
    rng = random.Random(seed)
    deliveries = timed + [rng.choice(timed) for _ in range(repeats)]
    rng.shuffle(deliveries)
    shuffled = fresh()
    for status, at, reason in deliveries:
        apply_status(shuffled, status=status, occurred_at=at, reason=reason)

    # then the state is the same, and never behind the most advanced status reported
    assert state_of(shuffled) == state_of(in_order)
    progress = [s for s, _, _ in timed if s != PartnerStatus.ON_HOLD]
    if progress:
        assert shuffled.partner_status == max(progress, key=lambda s: shuffled_rank(s))


def shuffled_rank(status: PartnerStatus) -> int:
    from saleor_podops.fulfilment.status import RANKS

    return RANKS[status]


def test_a_late_event_never_moves_a_job_back() -> None:
    job = fresh()
    apply_status(job, status=PartnerStatus.PRINTING, occurred_at=T0 + timedelta(hours=2))
    assert (
        apply_status(job, status=PartnerStatus.QUEUED, occurred_at=T0 + timedelta(hours=1)) is False
    )
    assert state_of(job) == ("PRINTING", 30, False, "")


def test_a_hold_holds_until_newer_progress() -> None:
    job = fresh()
    apply_status(job, status=PartnerStatus.QUEUED, occurred_at=T0)
    apply_status(
        job,
        status=PartnerStatus.ON_HOLD,
        occurred_at=T0 + timedelta(minutes=5),
        reason="file too small",
    )
    assert state_of(job) == ("QUEUED", 20, True, "file too small")
    # an older queued event (late) does not lift it; newer printing does
    apply_status(job, status=PartnerStatus.QUEUED, occurred_at=T0 + timedelta(minutes=1))
    assert is_on_hold(job) is True
    apply_status(job, status=PartnerStatus.PRINTING, occurred_at=T0 + timedelta(minutes=10))
    assert state_of(job) == ("PRINTING", 30, False, "")


# On the database ---------------------------------------------------------------------------------


pytestmark_db = pytest.mark.django_db


def sent_job(
    installation: Installation,
    order: ProductionOrder,
    partner: PrintPartner,
    external_id: str = "pj-1",
) -> PartnerJob:
    batch = batches.batch_create(
        installation=installation,
        partner=partner,
        item_ids=[item.pk for item in items_of(order)],
        person=FULFILLER_P,
    )
    [job] = dispatch.batch_send(
        batch=batch, person=FULFILLER_P, now=timezone.now() + timedelta(hours=3)
    )
    PartnerJob.objects.filter(pk=job.pk).update(
        dispatch_state=DispatchState.SENT, external_id=external_id
    )
    job.refresh_from_db()
    return job


def update(
    event_id: str,
    status: PartnerStatus,
    minutes: int,
    *parcels: ParcelReport,
    job_id: str = "pj-1",
    reason: str = "",
) -> StatusUpdate:
    return StatusUpdate(
        event_id=event_id,
        external_job_id=job_id,
        status=status,
        occurred_at=T0 + timedelta(minutes=minutes),
        reason=reason,
        parcels=tuple(parcels),
    )


def saleor_order_state(
    stub: SaleorStub, order: ProductionOrder, fulfilled: dict[str, int] | None = None
) -> None:
    """Saleor's view of the order: its lines allocated in warehouse W1, nothing fulfilled."""
    lines = [
        {
            "id": item.saleor_line_id,
            "quantityToFulfill": item.quantity - (fulfilled or {}).get(item.saleor_line_id, 0),
            "allocations": [{"quantity": item.quantity, "warehouse": {"id": "V2FyZWhvdXNlOjE="}}],
        }
        for item in items_of(order)
    ]
    made: list[dict[str, Any]] = []

    def fulfil(record: dict[str, Any]) -> dict[str, Any]:
        made.append(record["variables"])
        return {
            "orderFulfill": {
                "errors": [],
                "fulfillments": [
                    {
                        "id": to_global_id("Fulfillment", str(len(made))),
                        "trackingNumber": record["variables"]["input"]["trackingNumber"],
                    }
                ],
            }
        }

    stub.responders["OrderFulfilmentState"] = lambda _: {
        "order": {
            "id": order.saleor_order_id,
            "channel": {"warehouses": [{"id": "V2FyZWhvdXNlOjk="}]},
            "lines": lines,
            "fulfillments": [],
        }
    }
    stub.responders["OrderFulfill"] = fulfil
    stub.responders["FulfillmentUpdateTracking"] = lambda record: {
        "orderFulfillmentUpdateTracking": {
            "errors": [],
            "fulfillment": {
                "id": record["variables"]["id"],
                "trackingNumber": record["variables"]["input"]["trackingNumber"],
            },
        }
    }


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_shuffled_and_repeated_deliveries_on_the_database(
    installation: Installation, saleor: SaleorStub, seed: int
) -> None:
    # given a job at the partner and its events, with a parcel
    order = approved_order(installation, "6001")
    partner = http_partner(installation, "https://partner.example/jobs")
    job = sent_job(installation, order, partner)
    saleor_order_state(saleor, order)
    parcel = ParcelReport("DHL", "TN-1", "https://track.example/TN-1")
    events = [
        update("e1", PartnerStatus.QUEUED, 1),
        update("e2", PartnerStatus.ON_HOLD, 2, reason="address check"),
        update("e3", PartnerStatus.PRINTING, 3),
        update("e4", PartnerStatus.PRINTED, 4),
        update("e5", PartnerStatus.SHIPPED, 5, parcel),
    ]
    rng = random.Random(seed)
    deliveries = events + [rng.choice(events) for _ in range(4)]
    rng.shuffle(deliveries)

    # when they arrive in that order
    news = [partner_status_receive(partner=partner, update=u)[1] for u in deliveries]

    # then each event was taken once, and the job, item and order are where the partner is
    assert news.count(True) == 5
    assert PartnerStatusEvent.objects.filter(partner=partner).count() == 5
    job.refresh_from_db()
    assert (job.partner_status, job.on_hold) == ("SHIPPED", False)
    assert list(Parcel.objects.values_list("tracking_number", flat=True)) == ["TN-1"]
    assert items_of(order)[0].stage == Stage.SHIPPED
    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED
    assert order.shipped_at is not None
    assert OutboxMessage.objects.filter(kind=OutboxKind.FULFILL_ORDER_LINES).count() == 1


@pytest.mark.django_db
def test_several_parcels_make_partial_fulfillments_with_their_tracking(
    installation: Installation, saleor: SaleorStub
) -> None:
    # given one job for two items
    order = approved_order(installation, "6101", product_types=("portrait", "portrait"))
    partner = http_partner(installation, "https://partner.example/jobs")
    job = sent_job(installation, order, partner)
    first, second = job.lines.order_by("id")
    saleor_order_state(saleor, order)

    # when the first item leaves in one parcel
    partner_status_receive(
        partner=partner,
        update=update(
            "s1", PartnerStatus.SHIPPED, 10, ParcelReport("DHL", "TN-A", "", (first.reference,))
        ),
    )
    outbox.flush()

    # then only it has shipped, and Saleor fulfilled only its line, with the tracking number
    assert [item.stage for item in items_of(order)] == [Stage.SHIPPED, Stage.IN_PRODUCTION]
    order.refresh_from_db()
    assert (order.status, order.shipped_at) == (OrderStatus.OPEN, None)
    [fulfil] = saleor.operations("OrderFulfill")
    assert fulfil["variables"] == {
        "order": order.saleor_order_id,
        "input": {
            "lines": [
                {
                    "orderLineId": first.item.saleor_line_id,
                    "stocks": [{"quantity": 1, "warehouse": "V2FyZWhvdXNlOjE="}],
                }
            ],
            "notifyCustomer": False,
            "trackingNumber": "TN-A",
        },
    }

    # when the second leaves in another parcel (a later event, same status)
    partner_status_receive(
        partner=partner,
        update=update(
            "s2", PartnerStatus.SHIPPED, 20, ParcelReport("UPS", "TN-B", "", (second.reference,))
        ),
    )
    outbox.flush()

    # then both tracking numbers are kept, the order is complete, Saleor has two fulfillments
    assert list(Parcel.objects.filter(job=job).values_list("tracking_number", flat=True)) == [
        "TN-A",
        "TN-B",
    ]
    assert [item.stage for item in items_of(order)] == [Stage.SHIPPED, Stage.SHIPPED]
    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED
    assert [
        op["variables"]["input"]["trackingNumber"] for op in saleor.operations("OrderFulfill")
    ] == ["TN-A", "TN-B"]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
    assert TimelineEvent.objects.filter(type=EventType.PARCEL_SHIPPED, order=order).count() == 2
    # and the customer's shipped email is scheduled once per parcel, with its tracking
    assert sorted(
        (n.event, n.context["tracking_number"], n.context["carrier"])
        for n in ScheduledNotification.objects.filter(order=order)
        if n.event == "ORDER_SHIPPED"
    ) == [("ORDER_SHIPPED", "TN-A", "DHL"), ("ORDER_SHIPPED", "TN-B", "UPS")]


def saleor_public_metadata(saleor: SaleorStub, order: ProductionOrder) -> dict[str, str]:
    """The order's podops.* public metadata as Saleor holds it after every write it got."""
    held: dict[str, str] = {}
    for operation in saleor.operations("UpdatePublicMetadata"):
        if operation["variables"]["id"] == order.saleor_order_id:
            held.update({m["key"]: m["value"] for m in operation["variables"]["input"]})
    return held


@pytest.mark.django_db
def test_saleor_is_told_the_order_is_complete_when_its_last_item_ships(
    installation: Installation, saleor: SaleorStub
) -> None:
    # given a job at the partner (found by the real check: Saleor kept podops.status OPEN for a
    # shipped order, as the stage was sent before the order completed)
    order = approved_order(installation, "6201")
    partner = http_partner(installation, "https://partner.example/jobs")
    sent_job(installation, order, partner)
    saleor_order_state(saleor, order)

    # when its parcel ships
    partner_status_receive(
        partner=partner, update=update("s1", PartnerStatus.SHIPPED, 10, ParcelReport("DHL", "TN"))
    )
    outbox.flush()

    # then Saleor holds the shipped stage and the completed status
    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED
    assert saleor_public_metadata(saleor, order) == {
        "podops.stage": "SHIPPED",
        "podops.status": "COMPLETED",
    }


@pytest.mark.django_db
def test_a_changed_tracking_number_updates_the_saleor_fulfillment(
    installation: Installation, saleor: SaleorStub
) -> None:
    order = approved_order(installation, "6201")
    partner = http_partner(installation, "https://partner.example/jobs")
    sent_job(installation, order, partner)
    saleor_order_state(saleor, order)
    partner_status_receive(
        partner=partner,
        update=update(
            "t1", PartnerStatus.SHIPPED, 10, ParcelReport("DHL", "TN-OLD", parcel_id="P1")
        ),
    )
    outbox.flush()

    # when the partner corrects the parcel's tracking number (and an older event comes late)
    partner_status_receive(
        partner=partner,
        update=update(
            "t2", PartnerStatus.SHIPPED, 30, ParcelReport("DHL", "TN-NEW", parcel_id="P1")
        ),
    )
    partner_status_receive(
        partner=partner,
        update=update(
            "t0", PartnerStatus.SHIPPED, 5, ParcelReport("DHL", "TN-OLDEST", parcel_id="P1")
        ),
    )
    outbox.flush()

    # then the fulfillment Saleor made gets the new number, once; the late one changed nothing
    assert [op["variables"] for op in saleor.operations("FulfillmentUpdateTracking")] == [
        {
            "id": "RnVsZmlsbG1lbnQ6MQ==",
            "input": {"trackingNumber": "TN-NEW", "notifyCustomer": False},
        }
    ]
    assert list(Parcel.objects.values_list("tracking_number", flat=True)) == ["TN-NEW"]
    assert len(saleor.operations("OrderFulfill")) == 1
    assert PartnerStatusEvent.objects.get(event_id="t0").outcome == EventOutcome.STALE


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("shipped_email_on", "customer_email", "saleor_notifies"),
    [
        (True, "ann@example.com", False),  # PodOps' "on its way" email tells the customer
        (False, "ann@example.com", True),  # switched off: Saleor's own notification does
        (True, "", True),  # PodOps has nobody to write to
    ],
)
def test_the_customer_hears_of_a_shipment_once(
    installation: Installation,
    saleor: SaleorStub,
    shipped_email_on: bool,
    customer_email: str,
    saleor_notifies: bool,
) -> None:
    # given the shop's shipped email on or off, and an order with or without an email
    settings = notification_settings_for(installation.pk)
    settings.disabled_events = [] if shipped_email_on else [NotificationEvent.ORDER_SHIPPED.value]
    settings.save()
    order = approved_order(installation, "6301")
    ProductionOrder.objects.filter(pk=order.pk).update(customer_email=customer_email)
    order.refresh_from_db()
    partner = http_partner(installation, "https://partner.example/jobs")
    sent_job(installation, order, partner)
    saleor_order_state(saleor, order)

    # when the parcel ships, then its tracking number is corrected
    for event_id, at, tracking in (("n1", 10, "TN-1"), ("n2", 20, "TN-2")):
        partner_status_receive(
            partner=partner,
            update=update(
                event_id, PartnerStatus.SHIPPED, at, ParcelReport("DHL", tracking, parcel_id="P1")
            ),
        )
        outbox.flush()

    # then Saleor notifies the customer exactly when PodOps does not
    [fulfil] = saleor.operations("OrderFulfill")
    [retrack] = saleor.operations("FulfillmentUpdateTracking")
    assert fulfil["variables"]["input"]["notifyCustomer"] is saleor_notifies
    assert retrack["variables"]["input"]["notifyCustomer"] is saleor_notifies
    emails = ScheduledNotification.objects.filter(
        order=order, event=NotificationEvent.ORDER_SHIPPED.value
    )
    assert emails.exists() is not saleor_notifies


@pytest.mark.django_db
def test_a_resent_fulfilment_adopts_the_one_saleor_already_made(
    installation: Installation, saleor: SaleorStub
) -> None:
    # given Saleor made the fulfillment but PodOps never heard back
    order = approved_order(installation, "6301")
    item = items_of(order)[0]
    message = outbox.enqueue_order_fulfilment(
        installation=installation,
        order_id=order.saleor_order_id,
        lines={item.saleor_line_id: 1},
        tracking_number="TN-X",
    )
    saleor.responders["OrderFulfilmentState"] = lambda _: {
        "order": {
            "id": order.saleor_order_id,
            "channel": {"warehouses": []},
            "lines": [{"id": item.saleor_line_id, "quantityToFulfill": 0, "allocations": []}],
            "fulfillments": [
                {
                    "id": "RnVsZmlsbG1lbnQ6Nw==",
                    "trackingNumber": "TN-X",
                    "lines": [{"quantity": 1, "orderLine": {"id": item.saleor_line_id}}],
                }
            ],
        }
    }

    # when the outbox sends it
    outbox.flush()

    # then no second fulfillment is made; the existing one is remembered for tracking updates
    message.refresh_from_db()
    assert (message.status, message.result) == (
        OutboxStatus.SENT,
        {"fulfillment_id": "RnVsZmlsbG1lbnQ6Nw=="},
    )
    assert saleor.operations("OrderFulfill") == []


@pytest.mark.django_db
def test_an_event_for_an_unknown_job_is_kept_and_changes_nothing(
    installation: Installation,
) -> None:
    partner = http_partner(installation, "https://partner.example/jobs")
    event, created = partner_status_receive(
        partner=partner, update=update("u1", PartnerStatus.PRINTING, 1, job_id="nope")
    )
    assert (created, event.outcome, event.job_id) == (True, EventOutcome.UNKNOWN_JOB, None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [PartnerStatus.FAILED, PartnerStatus.RETURNED, PartnerStatus.ON_HOLD]
)
def test_trouble_at_the_partner_flags_the_order(
    installation: Installation, status: PartnerStatus
) -> None:
    order = approved_order(installation, "6401")
    partner = http_partner(installation, "https://partner.example/jobs")
    sent_job(installation, order, partner)

    partner_status_receive(partner=partner, update=update("f1", status, 1, reason="printer jam"))

    order.refresh_from_db()
    assert order.needs_attention is True
    event = TimelineEvent.objects.get(type=EventType.PARTNER_STATUS, order=order)
    assert (event.reason_code, event.actor_type) == (status.value, "PARTNER")
    assert "printer jam" in event.comment


# The endpoint ------------------------------------------------------------------------------------


def post(client: Client, partner: PrintPartner | str, body: bytes, signature: str | None) -> Any:
    public_id = partner if isinstance(partner, str) else partner.public_id
    headers = {} if signature is None else {"X-PodOps-Signature": signature}
    return client.post(
        f"/api/partners/{public_id}/webhook",
        data=body,
        content_type="application/json",
        headers=headers,
    )


def webhook_body(event_id: str = "w1", status: str = "PRINTING") -> bytes:
    return json.dumps(
        {
            "event_id": event_id,
            "job_id": "pj-1",
            "status": status,
            "occurred_at": "2026-11-23T10:00:00Z",
        }
    ).encode()


@pytest.mark.django_db
def test_the_webhook_endpoint_answers_like_the_saleor_intake(
    installation: Installation, client: Client
) -> None:
    order = approved_order(installation, "6501")
    partner = http_partner(installation, "https://partner.example/jobs")
    job = sent_job(installation, order, partner)
    body = webhook_body()

    # unknown partner, bad signature, malformed body: refused, nothing stored
    assert (
        post(
            client, "00000000-0000-0000-0000-000000000000", body, sign(PARTNER_SECRET, body)
        ).status_code
        == 401
    )
    bad = post(client, partner, body, sign("other-secret", body))
    assert (bad.status_code, bad.json()["error"]["code"]) == (401, "INVALID_SIGNATURE")
    malformed = b'{"job_id": "pj-1"}'
    assert post(client, partner, malformed, sign(PARTNER_SECRET, malformed)).status_code == 400
    assert client.get(f"/api/partners/{partner.public_id}/webhook").status_code == 405
    assert PartnerStatusEvent.objects.count() == 0

    # a good one is applied; its repeat is a 200 duplicate
    first = post(client, partner, body, sign(PARTNER_SECRET, body))
    again = post(client, partner, body, sign(PARTNER_SECRET, body))
    assert (first.status_code, first.json()["status"]) == (200, "accepted")
    assert (again.status_code, again.json()["status"]) == (200, "duplicate")
    job.refresh_from_db()
    assert job.partner_status == "PRINTING"
    assert PartnerStatusEvent.objects.count() == 1

    # a switched-off partner (no new jobs) still reports on the jobs it has
    PrintPartner.objects.filter(pk=partner.pk).update(is_active=False)
    later = webhook_body("w2", "PRINTED")
    assert post(client, partner, later, sign(PARTNER_SECRET, later)).status_code == 200
    assert PartnerStatusEvent.objects.count() == 2
    # a partner of an uninstalled installation is unknown
    Installation.objects.filter(pk=partner.installation_id).update(is_active=False)
    last = webhook_body("w3", "SHIPPED")
    assert post(client, partner, last, sign(PARTNER_SECRET, last)).status_code == 401


@pytest.mark.django_db
def test_a_partner_with_a_job_in_flight_keeps_its_kind_until_it_ships(
    installation: Installation, saleor: SaleorStub
) -> None:
    # given a generic HTTP partner with a job at the print shop
    order = approved_order(installation, "6401")
    partner = http_partner(installation, "https://partner.example/jobs")
    sent_job(installation, order, partner)
    saleor_order_state(saleor, order)
    manual = PartnerInput(name=partner.name, kind=PartnerKind.MANUAL)

    # when a manager makes it a manual partner, then it is refused and nothing changes
    with pytest.raises(FulfilmentError) as refused:
        print_partner_update(partner=partner, data=manual, person=MANAGER_P)
    assert refused.value.code == FulfilmentErrorCode.PARTNER_JOBS_IN_FLIGHT
    assert list(refused.value.message_dict) == ["kind"]
    assert PrintPartner.objects.get(pk=partner.pk).kind == PartnerKind.GENERIC_HTTP

    # when the job has shipped, the same change is taken
    partner_status_receive(
        partner=partner,
        update=update("k1", PartnerStatus.SHIPPED, 10, ParcelReport("DHL", "TN-K")),
    )
    print_partner_update(
        partner=PrintPartner.objects.get(pk=partner.pk), data=manual, person=MANAGER_P
    )
    assert PrintPartner.objects.get(pk=partner.pk).kind == PartnerKind.MANUAL
