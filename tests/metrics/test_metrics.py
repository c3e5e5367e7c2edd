"""Metrics computed on a known set of items and timeline events, and the protected Prometheus
endpoint."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client

from saleor_podops.fulfilment.models import DispatchState, JobAttention, PartnerJob
from saleor_podops.metrics.compute import (
    ArtistFirstPass,
    ReasonCount,
    StageLoad,
    Turnaround,
    installation_metrics,
    percentile,
)
from saleor_podops.production.models import (
    ActorType,
    EventType,
    ProductionItem,
    ProductionOrder,
    TimelineEvent,
)
from saleor_podops.saleor.models import Installation

from ..fulfilment.builders import manual_partner

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
NOW = T0 + timedelta(hours=48)
H = 3600.0


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def item(
    installation: Installation,
    number: str,
    *,
    created: float,
    stage: str,
    entered: float,
    artist: str = "",
    shipped: float | None = None,
) -> ProductionItem:
    order = ProductionOrder.objects.create(
        installation=installation,
        saleor_order_id=f"order-{number}",
        number=number,
        shipped_at=at(shipped) if shipped is not None else None,
    )
    made = ProductionItem.objects.create(
        installation=installation,
        order=order,
        saleor_line_id=f"line-{number}",
        line_index=1,
        product_name="Portrait",
        stage=stage,
        stage_entered_at=at(entered),
        artist_user_id=artist,
    )
    ProductionOrder.objects.filter(pk=order.pk).update(created_at=at(created))
    ProductionItem.objects.filter(pk=made.pk).update(created_at=at(created))
    return made


def event(
    target: ProductionItem,
    hours: float,
    type_: EventType,
    from_stage: str = "",
    to_stage: str = "",
    reason: str = "",
) -> None:
    row = TimelineEvent.objects.create(
        installation_id=target.installation_id,
        order_id=target.order_id,
        item=target,
        type=type_,
        actor_type=ActorType.STAFF,
        from_stage=from_stage,
        to_stage=to_stage,
        reason_code=reason,
    )
    TimelineEvent.objects.filter(pk=row.pk).update(created_at=at(hours))


def moves(target: ProductionItem, *steps: tuple[float, str, str]) -> None:
    for hours, from_stage, to_stage in steps:
        event(target, hours, EventType.STAGE_CHANGED, from_stage, to_stage)


@pytest.fixture
def known_set(installation: Installation) -> Installation:
    one = item(installation, "1", created=0, stage="SHIPPED", entered=20, artist="A", shipped=20)
    moves(one, (1, "IMAGE_REVIEW", "ARTWORK"), (3, "ARTWORK", "ARTWORK_QC"))
    event(one, 4, EventType.REJECTED, "ARTWORK_QC", "ARTWORK", "COLOURS")
    moves(
        one,
        (6, "ARTWORK", "ARTWORK_QC"),
        (7, "ARTWORK_QC", "FULFILMENT_QUEUE"),
        (8, "FULFILMENT_QUEUE", "IN_PRODUCTION"),
    )
    event(one, 15, EventType.QA_FAILED, reason="MISPRINT")
    event(one, 15, EventType.REPRINT_CREATED, reason="MISPRINT")
    moves(one, (20, "IN_PRODUCTION", "SHIPPED"))

    two = item(installation, "2", created=1, stage="FULFILMENT_QUEUE", entered=8, artist="A")
    moves(
        two,
        (2, "IMAGE_REVIEW", "ARTWORK"),
        (6, "ARTWORK", "ARTWORK_QC"),
        (8, "ARTWORK_QC", "FULFILMENT_QUEUE"),
    )

    three = item(installation, "3", created=2, stage="ARTWORK", entered=30, artist="B")
    moves(
        three,
        (3, "IMAGE_REVIEW", "ARTWORK"),
        (5, "ARTWORK", "ARTWORK_QC"),
        (6, "ARTWORK_QC", "CUSTOMER_APPROVAL"),
    )
    event(three, 30, EventType.REJECTED, "CUSTOMER_APPROVAL", "ARTWORK", "TYPO")

    four = item(installation, "4", created=0, stage="ARTWORK", entered=26, artist="B")
    moves(four, (26, "IMAGE_REVIEW", "ARTWORK"))

    five = item(installation, "5", created=0, stage="FULFILMENT_QUEUE", entered=3, artist="B")
    moves(
        five,
        (1, "IMAGE_REVIEW", "ARTWORK"),
        (2, "ARTWORK", "ARTWORK_QC"),
        (3, "ARTWORK_QC", "FULFILMENT_QUEUE"),
    )
    return installation


def test_percentiles_are_nearest_rank() -> None:
    assert percentile([], 50) is None
    assert percentile([5.0], 90) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 10.0], 50) == 3.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 10.0], 90) == 10.0


def test_metrics_of_a_known_set(known_set: Installation) -> None:
    m = installation_metrics(installation_id=known_set.pk, now=NOW, since=T0 - timedelta(days=1))

    assert m.items_per_stage == (
        StageLoad("ARTWORK", 2, 22 * H, 20 * H),
        StageLoad("FULFILMENT_QUEUE", 2, 45 * H, 42.5 * H),
    )
    assert m.turnaround_per_stage == {
        "ARTWORK": Turnaround(5, 2 * H, 4 * H),
        "ARTWORK_QC": Turnaround(5, 1 * H, 2 * H),
        "CUSTOMER_APPROVAL": Turnaround(1, 24 * H, 24 * H),
        "FULFILMENT_QUEUE": Turnaround(1, 1 * H, 1 * H),
        "IMAGE_REVIEW": Turnaround(5, 1 * H, 26 * H),
        "IN_PRODUCTION": Turnaround(1, 12 * H, 12 * H),
    }
    assert m.end_to_end == Turnaround(1, 20 * H, 20 * H)
    assert m.sla_breaches == {"FULFILMENT_QUEUE": 2, "IMAGE_REVIEW": 1}
    assert m.rejections == (
        ReasonCount("ARTWORK_QC", "COLOURS", 1),
        ReasonCount("CUSTOMER_APPROVAL", "TYPO", 1),
        ReasonCount("QA", "MISPRINT", 1),
    )
    assert m.first_pass == (ArtistFirstPass("A", 2, 1), ArtistFirstPass("B", 3, 2))
    assert [round(a.rate, 3) for a in m.first_pass] == [0.5, 0.667]
    assert m.reprints_per_reason == {"MISPRINT": 1}
    assert m.fulfilment_queue_depth == 2


def test_other_installations_do_not_count(
    known_set: Installation, other_installation: Installation
) -> None:
    m = installation_metrics(installation_id=other_installation.pk, now=NOW, since=T0)
    assert (m.items_per_stage, m.turnaround_per_stage, m.rejections) == ((), {}, ())


def test_prometheus_endpoint_needs_the_token(
    known_set: Installation, client: Client, settings: Any
) -> None:
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404

    settings.METRICS_TOKEN = "metrics-token"
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401

    with time_machine.travel(NOW, tick=False):
        response = client.get("/metrics", headers={"Authorization": "Bearer metrics-token"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    text = response.content.decode()
    shop = known_set.saleor_api_url
    assert f'podops_items{{installation="{shop}",stage="FULFILMENT_QUEUE"}} 2.0' in text
    assert (
        f'podops_rejections_total{{installation="{shop}",reason="MISPRINT",stage="QA"}} 1.0' in text
    )
    assert f'podops_reprints_total{{installation="{shop}",reason="MISPRINT"}} 1.0' in text
    assert f'podops_queue_depth{{installation="{shop}",queue="fulfilment"}} 2.0' in text
    assert f'podops_first_pass_rate{{artist="A",installation="{shop}"}} 0.5' in text
    assert (
        f'podops_stage_turnaround_seconds{{installation="{shop}",quantile="0.9",stage="ARTWORK"}} '
        "14400.0" in text
    )
    assert f'podops_end_to_end_seconds{{installation="{shop}",quantile="0.5"}} 72000.0' in text
    assert f'podops_sla_breaches{{installation="{shop}",stage="FULFILMENT_QUEUE"}} 2.0' in text


def test_partner_jobs_that_need_a_person_are_counted_whatever_went_wrong(
    installation: Installation,
) -> None:
    partner = manual_partner(installation)
    order = ProductionOrder.objects.create(
        installation=installation, saleor_order_id="order-9", number="9"
    )

    def job(**fields: Any) -> PartnerJob:
        return PartnerJob.objects.create(
            installation=installation, partner=partner, order=order, **fields
        )

    job(dispatch_state=DispatchState.WAITING)
    job(dispatch_state=DispatchState.SEND_FAILED, last_error="503 from the partner")
    job(dispatch_state=DispatchState.SENT, attention=JobAttention.PARTNER_FAILED)
    job(dispatch_state=DispatchState.SENT, attention=JobAttention.RETURNED, resolved_at=NOW)
    job(dispatch_state=DispatchState.SENT, hold_at=at(1), hold_reason="Address check")

    m = installation_metrics(installation_id=installation.pk, now=NOW, since=T0)

    assert (m.partner_jobs_waiting, m.partner_jobs_failed) == (1, 1)
    assert m.partner_jobs_needing_attention == 3
