"""Writes to Saleor through the outbox: delivered, coalesced, retried, never lost."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
import time_machine
from django.utils import timezone

from saleor_podops.saleor import outbox
from saleor_podops.saleor.models import Installation, OutboxMessage, OutboxStatus

from ..saleor_stub import SaleorStub

pytestmark = pytest.mark.django_db

ORDER_ID = "T3JkZXI6MQ=="


def test_metadata_and_notes_reach_saleor_in_order(
    installation: Installation, saleor: SaleorStub
) -> None:
    outbox.enqueue_public_metadata(
        installation=installation, object_id=ORDER_ID, items={"podops.stage": "ARTWORK"}
    )
    outbox.enqueue_order_note(installation=installation, order_id=ORDER_ID, message="Hello")

    assert outbox.flush() == 2

    assert [(r["operation"], r["variables"]) for r in saleor.requests] == [
        (
            "UpdatePublicMetadata",
            {"id": ORDER_ID, "input": [{"key": "podops.stage", "value": "ARTWORK"}]},
        ),
        ("OrderNoteAdd", {"order": ORDER_ID, "message": "Hello"}),
    ]
    assert saleor.requests[0]["authorization"] == "Bearer app-token-1"
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}


def test_pending_metadata_writes_to_one_object_coalesce(
    installation: Installation, saleor: SaleorStub
) -> None:
    outbox.enqueue_public_metadata(
        installation=installation,
        object_id=ORDER_ID,
        items={"podops.stage": "IMAGE_REVIEW", "podops.status": "OPEN"},
    )
    outbox.enqueue_public_metadata(
        installation=installation, object_id=ORDER_ID, items={"podops.stage": "ARTWORK"}
    )

    outbox.flush()

    assert OutboxMessage.objects.count() == 1
    assert saleor.operations("UpdatePublicMetadata")[0]["variables"]["input"] == [
        {"key": "podops.stage", "value": "ARTWORK"},
        {"key": "podops.status", "value": "OPEN"},
    ]


def test_metadata_keys_must_be_namespaced_strings(installation: Installation) -> None:
    with pytest.raises(ValueError, match="namespaced"):
        outbox.enqueue_public_metadata(
            installation=installation, object_id=ORDER_ID, items={"stage": "X"}
        )
    assert OutboxMessage.objects.count() == 0


def test_a_saleor_outage_delays_the_write_with_backoff_and_loses_nothing(
    installation: Installation, saleor: SaleorStub
) -> None:
    saleor.responders["OrderNoteAdd"] = lambda _: httpx.Response(503)
    message = outbox.enqueue_order_note(installation=installation, order_id=ORDER_ID, message="Hi")

    outbox.flush()

    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert message.attempts == 1
    assert message.last_error == "order_note_add: HTTP 503"
    assert message.next_attempt_at > timezone.now() + timedelta(seconds=25)
    assert len(saleor.operations("OrderNoteAdd")) == 3  # the client's own quick retries
    assert outbox.flush() == 0  # not due yet

    del saleor.responders["OrderNoteAdd"]
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        assert outbox.flush() == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (OutboxStatus.SENT, 2, "")


def test_a_permanent_refusal_is_recorded_and_not_retried(
    installation: Installation, saleor: SaleorStub
) -> None:
    saleor.responders["UpdatePublicMetadata"] = lambda _: {
        "updateMetadata": {"errors": [{"field": "id", "code": "NOT_FOUND", "message": "No order"}]}
    }
    message = outbox.enqueue_public_metadata(
        installation=installation, object_id=ORDER_ID, items={"podops.stage": "ARTWORK"}
    )

    outbox.flush()

    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert message.last_error == "update_public_metadata: id: NOT_FOUND No order"
    assert outbox.flush() == 0


def test_a_message_held_by_another_worker_is_not_sent_twice(
    installation: Installation, saleor: SaleorStub
) -> None:
    message = outbox.enqueue_order_note(installation=installation, order_id=ORDER_ID, message="Hi")
    OutboxMessage.objects.filter(pk=message.pk).update(
        claimed_until=timezone.now() + timedelta(minutes=1)
    )

    assert outbox.deliver(message.pk) is None

    assert saleor.requests == []


def test_inactive_installations_are_not_written_to(
    installation: Installation, saleor: SaleorStub
) -> None:
    outbox.enqueue_order_note(installation=installation, order_id=ORDER_ID, message="Hi")
    Installation.objects.update(is_active=False)

    assert outbox.flush() == 0
    assert saleor.requests == []
