"""Order events turned into production orders: start triggers, cancellation, updates, isolation."""

from __future__ import annotations

from typing import Any

import pytest

from saleor_podops.artwork.models import CustomerUpload
from saleor_podops.intake.actions import order_event_received, settings_for
from saleor_podops.production.models import (
    EventType,
    OrderStatus,
    ProductionItem,
    ProductionOrder,
    StartTrigger,
)
from saleor_podops.production.stages import Stage
from saleor_podops.saleor import payloads as saleor_payloads
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.webhook_events import SaleorEvent

from ..payloads import event_payload, global_id, order, order_line, webhook_body

pytestmark = pytest.mark.django_db


def receive(
    installation: Installation, event: SaleorEvent, order_data: dict[str, Any] | None = None
) -> ProductionOrder | None:
    body = webhook_body(event, order_data=order_data)
    payload = saleor_payloads.OrderEvent.model_validate_json(body)
    return order_event_received(installation=installation, event=event, payload=payload)


def set_trigger(installation: Installation, trigger: StartTrigger) -> None:
    production_settings = settings_for(installation)
    production_settings.start_trigger = trigger
    production_settings.save()


@pytest.mark.parametrize(
    ("trigger", "event", "order_data", "starts"),
    [
        (StartTrigger.FULLY_PAID, SaleorEvent.ORDER_CREATED, order(charge_status="NONE"), False),
        (StartTrigger.FULLY_PAID, SaleorEvent.ORDER_FULLY_PAID, order(), True),
        (StartTrigger.FULLY_PAID, SaleorEvent.ORDER_CREATED, order(charge_status="FULL"), True),
        (
            StartTrigger.FULLY_PAID,
            SaleorEvent.ORDER_CONFIRMED,
            order(charge_status="PARTIAL"),
            False,
        ),
        (
            StartTrigger.CONFIRMED,
            SaleorEvent.ORDER_CREATED,
            order(status="UNCONFIRMED", charge_status="NONE"),
            False,
        ),
        (
            StartTrigger.CONFIRMED,
            SaleorEvent.ORDER_CONFIRMED,
            order(status="UNFULFILLED", charge_status="NONE"),
            True,
        ),
        (
            StartTrigger.CREATED,
            SaleorEvent.ORDER_CREATED,
            order(status="UNCONFIRMED", charge_status="NONE"),
            True,
        ),
        (StartTrigger.CREATED, SaleorEvent.ORDER_CREATED, order(status="DRAFT"), False),
    ],
)
def test_production_starts_at_the_configured_point(
    installation: Installation, trigger, event, order_data, starts: bool
) -> None:
    set_trigger(installation, trigger)

    result = receive(installation, event, order_data)

    assert (result is not None) is starts
    assert ProductionOrder.objects.count() == (1 if starts else 0)


def test_production_order_snapshots_the_saleor_order(installation: Installation) -> None:
    lines = [order_line(1), order_line(2, product_type="mug", quantity=2)]

    production_order = receive(
        installation, SaleorEvent.ORDER_FULLY_PAID, order(lines=lines, language="PT_BR")
    )

    assert production_order is not None
    production_order.refresh_from_db()
    assert production_order.number == "1023"
    assert production_order.saleor_order_id == global_id(
        "Order", "00000000-0000-0000-0000-000000001023"
    )
    assert production_order.channel_slug == "default-channel"
    assert production_order.customer_user_id == "VXNlcjo2"  # User:6
    assert production_order.customer_email == "ashley.cook@example.com"
    assert production_order.shipping_method_name == "DHL Express"
    assert production_order.shipping_address["city"] == "Berlin"
    assert production_order.shipping_address["country"] == "DE"
    assert str(production_order.total_gross_amount) == "59.9000"
    assert production_order.currency == "EUR"
    assert production_order.language_code == "pt-BR"
    assert production_order.paid_at is not None
    assert production_order.stage == Stage.IMAGE_REVIEW
    items = list(production_order.items.order_by("line_index"))
    assert [(i.line_index, i.product_type_slug, i.quantity) for i in items] == [
        (1, "portrait", 1),
        (2, "mug", 2),
    ]
    assert list(production_order.events.filter(item=None).values_list("type", flat=True)) == [
        EventType.ORDER_RECEIVED,
        EventType.STAGE_CHANGED,
    ]


@pytest.mark.parametrize(
    ("slugs", "flag_key", "expected_lines"),
    [
        ([], "", [1, 2, 3]),
        (["portrait"], "", [1]),
        ([], "podops.production", [3]),
        (["portrait"], "podops.production", [1, 3]),
    ],
)
def test_settings_narrow_which_lines_need_production(
    installation: Installation, slugs, flag_key, expected_lines
) -> None:
    production_settings = settings_for(installation)
    production_settings.product_type_slugs = slugs
    production_settings.line_flag_key = flag_key
    production_settings.save()
    lines = [
        order_line(1, product_type="portrait"),
        order_line(2, product_type="gift-card"),
        order_line(3, product_type="mug", metadata={"podops.production": "true"}),
    ]

    receive(installation, SaleorEvent.ORDER_FULLY_PAID, order(lines=lines))

    assert list(ProductionItem.objects.values_list("line_index", flat=True)) == expected_lines


def test_an_order_with_no_production_line_creates_nothing(installation: Installation) -> None:
    production_settings = settings_for(installation)
    production_settings.product_type_slugs = ["portrait"]
    production_settings.save()

    result = receive(
        installation,
        SaleorEvent.ORDER_FULLY_PAID,
        order(lines=[order_line(1, product_type="gift-card")]),
    )

    assert result is None
    assert ProductionOrder.objects.count() == 0


def test_customer_inputs_are_read_and_problems_recorded_without_failing_the_order(
    installation: Installation, other_installation: Installation
) -> None:
    production_settings = settings_for(installation)
    production_settings.max_text_length = 20
    production_settings.prohibited_words = ["darn"]
    production_settings.save()
    mine = CustomerUpload.objects.create(installation=installation)
    foreign = CustomerUpload.objects.create(installation=other_installation)
    metadata = {
        "podops.uploads": f'["{mine.reference}", "{foreign.reference}", "upl_doesnotexist00"]',
        "podops.text": "Darn good dog, our best friend",
        "podops.options": '{"background": "LivingRoom", "size": "Full"}',
    }

    receive(
        installation,
        SaleorEvent.ORDER_FULLY_PAID,
        order(lines=[order_line(1, metadata=metadata)]),
    )

    item = ProductionItem.objects.get()
    assert item.options == {"background": "LivingRoom", "size": "Full"}
    assert item.custom_text == "Darn good dog, our best friend"
    assert [p["code"] for p in item.input_problems] == [
        "TEXT_TOO_LONG",
        "PROHIBITED_WORDS",
        "UPLOAD_NOT_FOUND",
        "UPLOAD_NOT_FOUND",
    ]
    mine.refresh_from_db()
    foreign.refresh_from_db()
    assert mine.item == item
    assert foreign.item is None
    assert item.events.filter(type=EventType.INPUT_PROBLEM).count() == 4


def test_an_upload_used_by_another_order_is_refused(installation: Installation) -> None:
    upload = CustomerUpload.objects.create(installation=installation)
    metadata = {"podops.uploads": upload.reference}
    receive(
        installation,
        SaleorEvent.ORDER_FULLY_PAID,
        order("1023", lines=[order_line(1, metadata=metadata)]),
    )

    receive(
        installation,
        SaleorEvent.ORDER_FULLY_PAID,
        order("1024", lines=[order_line(1, metadata=metadata)]),
    )

    second = ProductionItem.objects.get(order__number="1024")
    assert [p["code"] for p in second.input_problems] == ["UPLOAD_USED_BY_ANOTHER_ORDER"]
    upload.refresh_from_db()
    assert upload.item.order.number == "1023"


def test_repeated_events_for_one_order_create_one_production_order(
    installation: Installation,
) -> None:
    set_trigger(installation, StartTrigger.CREATED)

    receive(installation, SaleorEvent.ORDER_CREATED)
    receive(installation, SaleorEvent.ORDER_CONFIRMED)
    receive(installation, SaleorEvent.ORDER_FULLY_PAID)

    assert ProductionOrder.objects.count() == 1
    assert ProductionItem.objects.count() == 1


@pytest.mark.parametrize("event", [SaleorEvent.ORDER_CANCELLED, SaleorEvent.ORDER_FULLY_REFUNDED])
def test_cancel_before_the_partner_has_it_cancels_production(
    installation: Installation, event: SaleorEvent
) -> None:
    receive(installation, SaleorEvent.ORDER_FULLY_PAID)

    receive(installation, event, order(status="CANCELED"))

    production_order = ProductionOrder.objects.get()
    assert production_order.status == OrderStatus.CANCELLED
    assert production_order.stage == Stage.CANCELLED
    assert production_order.needs_attention is False
    assert set(production_order.items.values_list("stage", flat=True)) == {Stage.CANCELLED}
    assert production_order.events.filter(type=EventType.ORDER_CANCELLED).count() == 1


def test_cancel_after_the_partner_has_it_flags_the_order_for_a_person(
    installation: Installation,
) -> None:
    receive(installation, SaleorEvent.ORDER_FULLY_PAID)
    ProductionItem.objects.update(stage=Stage.IN_PRODUCTION)

    receive(installation, SaleorEvent.ORDER_CANCELLED, order(status="CANCELED"))
    receive(installation, SaleorEvent.ORDER_FULLY_REFUNDED, order(status="CANCELED"))

    production_order = ProductionOrder.objects.get()
    assert production_order.status == OrderStatus.OPEN
    assert production_order.needs_attention is True
    assert production_order.attention_reason == (
        "Cancelled in Saleor after production started at the partner"
    )
    assert list(production_order.items.values_list("stage", flat=True)) == [Stage.IN_PRODUCTION]
    assert production_order.events.filter(type=EventType.CANCEL_NEEDS_ATTENTION).count() == 1


def test_cancel_of_an_unknown_order_creates_no_production_order(installation: Installation) -> None:
    result = receive(installation, SaleorEvent.ORDER_CANCELLED, order(status="CANCELED"))

    assert result is None
    assert ProductionOrder.objects.count() == 0


@pytest.mark.parametrize("event", [SaleorEvent.ORDER_CANCELLED, SaleorEvent.ORDER_FULLY_REFUNDED])
def test_a_late_paid_event_after_a_cancellation_does_not_start_production(
    installation: Installation, event: SaleorEvent
) -> None:
    receive(installation, event, order(status="CANCELED"))

    result = receive(installation, SaleorEvent.ORDER_FULLY_PAID, order())

    assert result is None
    assert ProductionOrder.objects.count() == 0


def test_a_cancellation_of_one_shops_order_does_not_block_another_shop(
    installation: Installation, other_installation: Installation
) -> None:
    receive(other_installation, SaleorEvent.ORDER_CANCELLED, order(status="CANCELED"))

    assert receive(installation, SaleorEvent.ORDER_FULLY_PAID, order()) is not None


def test_order_updated_refreshes_the_shipping_snapshot_until_shipped(
    installation: Installation,
) -> None:
    receive(installation, SaleorEvent.ORDER_FULLY_PAID)

    receive(installation, SaleorEvent.ORDER_UPDATED, order(city="Hamburg"))
    production_order = ProductionOrder.objects.get()
    assert production_order.shipping_address["city"] == "Hamburg"
    assert production_order.events.filter(type=EventType.SHIPPING_UPDATED).count() == 1

    receive(installation, SaleorEvent.ORDER_UPDATED, order(city="Hamburg"))
    assert production_order.events.filter(type=EventType.SHIPPING_UPDATED).count() == 1

    ProductionOrder.objects.update(shipped_at="2026-11-21T10:00:00Z")
    receive(installation, SaleorEvent.ORDER_UPDATED, order(city="Munich"))
    production_order.refresh_from_db()
    assert production_order.shipping_address["city"] == "Hamburg"


def test_two_installations_never_share_production_data(
    installation: Installation, other_installation: Installation
) -> None:
    receive(installation, SaleorEvent.ORDER_FULLY_PAID, order("1023"))
    receive(other_installation, SaleorEvent.ORDER_FULLY_PAID, order("1023"))

    receive(other_installation, SaleorEvent.ORDER_CANCELLED, order("1023", status="CANCELED"))

    mine = ProductionOrder.objects.get(installation=installation)
    theirs = ProductionOrder.objects.get(installation=other_installation)
    assert mine.saleor_order_id == theirs.saleor_order_id
    assert (mine.status, theirs.status) == (OrderStatus.OPEN, OrderStatus.CANCELLED)
    assert set(mine.items.values_list("installation", flat=True)) == {installation.pk}
    assert set(mine.events.values_list("installation", flat=True)) == {installation.pk}


def test_event_payload_fixture_matches_every_subscription_document() -> None:
    for event in SaleorEvent:
        body = webhook_body(event, event_payload(event))
        assert body.startswith(b"{")
