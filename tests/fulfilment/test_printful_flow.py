"""Printful as a PodOps partner end to end, against a local server that behaves like Printful: a
manager sets it up (the API key encrypted, never shown), jobs become Printful orders through the
dispatch worker (Printful's 429 hint respected), webhooks at the tokened URL ship, fail and hold
items through the monotonic handler, and a Saleor cancellation cancels the order at Printful."""

from __future__ import annotations

import json
from collections import deque
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from saleor_podops.fulfilment import batches, dispatch
from saleor_podops.fulfilment.models import (
    DispatchState,
    JobAttention,
    PartnerJob,
    PartnerStatusEvent,
)
from saleor_podops.fulfilment.tasks import dispatch_due_jobs
from saleor_podops.partners.models import PrintPartner
from saleor_podops.production.models import EventType, OrderStatus, ProductionOrder, TimelineEvent
from saleor_podops.production.stages import Stage
from saleor_podops.saleor import outbox
from saleor_podops.saleor.models import Installation

from ..partners.fake_printful import API_KEY, FakePrintful
from ..saleor_stub import SaleorStub
from ..staff_api import FULFILLER, MANAGER, StaffApi, team
from .builders import (
    FULFILLER_P,
    PRINTFUL_TOKEN,
    approved_order,
    items_of,
    printful_partner,
)
from .test_partner_trouble import cancel_in_saleor
from .test_status_events import saleor_order_state

pytestmark = pytest.mark.django_db

AFTER_GRACE = timedelta(hours=2, minutes=1)


def webhook(client: Client, partner: PrintPartner, body: bytes, token: str = PRINTFUL_TOKEN) -> Any:
    return client.post(
        f"/api/partners/{partner.public_id}/webhook/{token}",
        data=body,
        content_type="application/json",
    )


def sent(
    installation: Installation,
    partner: PrintPartner,
    number: str,
    capture: Any,
    at: Any = None,
) -> tuple[ProductionOrder, PartnerJob]:
    order = approved_order(installation, number)
    batch = batches.batch_create(
        installation=installation,
        partner=partner,
        item_ids=[item.pk for item in items_of(order)],
        person=FULFILLER_P,
    )
    with (
        time_machine.travel(at or timezone.now() + AFTER_GRACE, tick=at is None),
        capture(execute=True),
    ):
        [job] = dispatch.batch_send(batch=batch, person=FULFILLER_P)
    job.refresh_from_db()
    return order, job


# Setting it up -----------------------------------------------------------------------------------

CREATE = """
mutation($in: PrintPartnerInput!) {
  printPartnerCreate(input: $in) {
    partner { id kind hasApiKey hasSecret webhookUrl printful { storeId variantIds } }
    errors { field code message }
  }
}
"""
UPDATE = """
mutation($id: ID!, $in: PrintPartnerInput!) {
  printPartnerUpdate(id: $id, input: $in) {
    partner { hasApiKey webhookUrl printful { storeId variantIds } } errors { field code }
  }
}
"""


def test_a_manager_sets_up_printful_and_its_key_never_comes_back(
    installation: Installation, staff_api: StaffApi, client: Client
) -> None:
    team(installation)
    good = {
        "name": "Printful",
        "kind": "PRINTFUL",
        "apiKey": API_KEY,
        "printful": {"storeId": "4321", "variantIds": json.dumps({"POSTER-A3": 1})},
    }

    # bad settings are refused field by field, nothing saved
    for changes, field in (
        ({"apiKey": None}, "apiKey"),
        ({"apiKey": "short"}, "apiKey"),
        ({"printful": {"variantIds": json.dumps({"POSTER-A3": "one"})}}, "printful"),
        ({"printful": {"variantIds": json.dumps([1])}}, "printful"),
        ({"printful": {"storeId": "my-store"}}, "printful"),
        ({"endpointUrl": "ftp://printful"}, "endpointUrl"),
    ):
        answer = staff_api.as_user(installation, MANAGER, CREATE, {"in": {**good, **changes}})
        errors = answer["data"]["printPartnerCreate"]["errors"]
        assert [e["field"] for e in errors] == [field], (changes, answer)
    assert PrintPartner.objects.count() == 0

    # a good one is made; its key is stored encrypted and never answered
    answer = staff_api.as_user(installation, MANAGER, CREATE, {"in": good})
    partner_view = answer["data"]["printPartnerCreate"]["partner"]
    assert API_KEY not in json.dumps(answer)
    partner = PrintPartner.objects.get()
    assert (partner.kind, partner.api_key, partner.encrypted_api_key != API_KEY) == (
        "PRINTFUL",
        API_KEY,
        True,
    )
    assert API_KEY not in partner.encrypted_api_key
    assert partner_view["hasApiKey"] is True and partner_view["hasSecret"] is False
    assert partner_view["printful"] == {"storeId": "4321", "variantIds": '{"POSTER-A3": 1}'}
    # the manager sees the webhook URL with its secret token; a fulfiller without it
    token = partner.webhook_token
    assert len(token) >= 32
    assert partner_view["webhookUrl"] == (
        f"http://localhost:8000/api/partners/{partner.public_id}/webhook/{token}"
    )
    seen = staff_api.as_user(installation, FULFILLER, "{ printPartners { webhookUrl } }")
    assert seen["data"]["printPartners"] == [
        {"webhookUrl": f"http://localhost:8000/api/partners/{partner.public_id}/webhook/"}
    ]

    # an update without the key keeps it; a new token retires the old URL
    update = {"name": "Printful", "kind": "PRINTFUL", "rotateWebhookToken": True}
    answer = staff_api.as_user(
        installation, MANAGER, UPDATE, {"id": partner_view["id"], "in": update}
    )
    updated = answer["data"]["printPartnerUpdate"]
    assert (updated["errors"], updated["partner"]["hasApiKey"]) == ([], True)
    assert updated["partner"]["printful"]["storeId"] == "4321"
    partner.refresh_from_db()
    assert partner.api_key == API_KEY
    assert partner.webhook_token != token
    body = json.dumps({"type": "order_updated", "created": 1, "data": {"order": {"id": 1}}})
    assert webhook(client, partner, body.encode(), token).status_code == 401


# Sending and webhooks ----------------------------------------------------------------------------


def test_a_job_becomes_a_printful_order_and_its_webhooks_ship_it(
    installation: Installation,
    saleor: SaleorStub,
    printful: FakePrintful,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given Printful answers the first create with 429 ("try again after 45 seconds")
    printful.script = deque(["", "429"])
    partner = printful_partner(installation, printful.url, api_key=API_KEY)
    start = timezone.now() + AFTER_GRACE
    order, job = sent(installation, partner, "8101", django_capture_on_commit_callbacks, start)

    # then the job waits as long as Printful asked, the try on the timeline
    assert (job.dispatch_state, job.attempts) == (DispatchState.WAITING, 1)
    assert job.next_attempt_at == start + timedelta(seconds=45)
    failure = TimelineEvent.objects.get(type=EventType.PARTNER_SEND_FAILED, order=order)
    assert "HTTP 429" in failure.comment
    assert printful.orders == {}

    # when it is due again: one Printful order, confirmed, named by the job's idempotency key
    with time_machine.travel(start + timedelta(seconds=46), tick=False):
        assert dispatch_due_jobs() == 1
    job.refresh_from_db()
    printful_order = printful.only_order()
    assert (job.dispatch_state, job.external_id) == (DispatchState.SENT, str(printful_order["id"]))
    assert (printful_order["external_id"], printful_order["status"]) == (
        job.idempotency_key,
        "pending",
    )
    [item] = printful_order["items"]
    assert item["external_id"] == job.lines.get().reference
    assert item["files"][0]["url"].startswith("http://localhost:8000/api/files/")

    # when Printful ships it and posts package_shipped (and retries the delivery)
    saleor_order_state(saleor, order)
    shipment = printful.ship(printful_order["id"], "TN-PF")
    body = printful.webhook("package_shipped", printful_order["id"], shipment_id=shipment)
    with time_machine.travel(start + timedelta(minutes=5)):
        first = webhook(client, partner, body)
        again = webhook(
            client,
            partner,
            printful.webhook(
                "package_shipped", printful_order["id"], shipment_id=shipment, retries=1
            ),
        )
        outbox.flush()

    # then the item shipped with the tracking, once; Saleor fulfilled the line with it
    assert (first.status_code, first.json()["status"]) == (200, "accepted")
    assert (again.status_code, again.json()["status"]) == (200, "duplicate")
    assert items_of(order)[0].stage == Stage.SHIPPED
    assert ProductionOrder.objects.get(pk=order.pk).status == OrderStatus.COMPLETED
    [fulfil] = saleor.operations("OrderFulfill")
    assert fulfil["variables"]["input"]["trackingNumber"] == "TN-PF"
    job.refresh_from_db()
    assert job.partner_status == "SHIPPED"
    assert PartnerStatusEvent.objects.filter(job=job).count() == 1


def test_a_wrong_token_is_refused_without_asking_printful(
    installation: Installation, printful: FakePrintful, client: Client
) -> None:
    partner = printful_partner(installation, printful.url, api_key=API_KEY)
    body = printful.webhook("order_failed", 1)

    answer = webhook(client, partner, body, token="guessed")

    assert (answer.status_code, answer.json()["error"]["code"]) == (401, "INVALID_TOKEN")
    assert printful.requests == []
    assert PartnerStatusEvent.objects.count() == 0


def test_printful_down_while_confirming_a_webhook_answers_503_to_retry(
    installation: Installation, printful: FakePrintful, client: Client
) -> None:
    partner = printful_partner(installation, printful.url, api_key=API_KEY)
    printful.script = deque(["500"])

    answer = webhook(client, partner, printful.webhook("order_failed", 1))

    assert (answer.status_code, answer.json()["error"]["code"]) == (503, "PARTNER_UNAVAILABLE")
    assert PartnerStatusEvent.objects.count() == 0


def test_printful_holds_then_fails_an_order_and_its_item_goes_back_to_the_queue(
    installation: Installation,
    printful: FakePrintful,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    partner = printful_partner(installation, printful.url, api_key=API_KEY)
    order, job = sent(installation, partner, "8201", django_capture_on_commit_callbacks)
    printful_order = printful.only_order()

    # a hold with its reason, then a failure
    printful_order["status"] = "onhold"
    held = webhook(
        client,
        partner,
        printful.webhook("order_put_hold", printful_order["id"], reason="Image too small"),
    )
    job.refresh_from_db()
    assert (held.status_code, job.on_hold, job.hold_reason) == (200, True, "Image too small")

    printful_order["status"] = "failed"
    failed = webhook(
        client,
        partner,
        printful.webhook(
            "order_failed", printful_order["id"], reason="Charge failed", created=1795000300
        ),
    )

    assert failed.status_code == 200
    job.refresh_from_db()
    assert (job.partner_status, job.attention, job.attention_reason) == (
        "FAILED",
        JobAttention.PARTNER_FAILED,
        "Charge failed",
    )
    assert items_of(order)[0].stage == Stage.FULFILMENT_QUEUE


def test_a_saleor_cancellation_cancels_the_order_at_printful_or_leaves_it_to_a_manager(
    installation: Installation, printful: FakePrintful, django_capture_on_commit_callbacks: Any
) -> None:
    partner = printful_partner(installation, printful.url, api_key=API_KEY)
    pending_order, pending = sent(installation, partner, "8301", django_capture_on_commit_callbacks)
    started_order, started = sent(installation, partner, "8302", django_capture_on_commit_callbacks)
    printful.orders[int(started.external_id)]["status"] = "inprocess"

    cancel_in_saleor(installation, pending_order, django_capture_on_commit_callbacks)
    cancel_in_saleor(installation, started_order, django_capture_on_commit_callbacks)

    # the pending order is cancelled at Printful, and in PodOps
    assert printful.orders[int(pending.external_id)]["status"] == "canceled"
    pending.refresh_from_db()
    assert pending.dispatch_state == DispatchState.CANCELLED
    assert ProductionOrder.objects.get(pk=pending_order.pk).status == OrderStatus.CANCELLED
    # Printful refuses for the one in process: a manager must deal with it
    started.refresh_from_db()
    assert (started.dispatch_state, started.attention) == (
        DispatchState.SENT,
        JobAttention.CANCEL_FAILED,
    )
    assert "cannot be cancelled" in started.attention_reason
    assert items_of(started_order)[0].stage == Stage.IN_PRODUCTION
    assert ("DELETE", f"/orders/{started.external_id}") in printful.api_calls()
