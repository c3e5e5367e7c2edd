"""The Printful adapter against a local server that behaves like Printful's order API: idempotent
orders by external id, the recipient and files by URL, confirm, cancel, 429 with Printful's retry
hints, 5xx, timeouts, lost answers; and webhooks authenticated by the URL's token and confirmed by
fetching the order."""

from __future__ import annotations

import json
from collections import deque
from datetime import UTC, datetime, timedelta

import pytest
from pytest_httpserver import HTTPServer

from saleor_podops.partners.interface import (
    JobFile,
    JobLine,
    JobRequest,
    ParcelReport,
    PartnerPermanentError,
    PartnerStatus,
    PartnerTransientError,
    StatusUpdate,
    WebhookRejected,
)
from saleor_podops.partners.printful import PrintfulPartner

from .fake_printful import API_KEY, STORE_ID, FakePrintful

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
TOKEN = "webhook-token-abcdefghijklmnopqrstuvwxyz"
SNAPSHOT = {
    "first_name": "Ashley",
    "last_name": "Cook",
    "company_name": "",
    "street_address_1": "Torstrasse 1",
    "street_address_2": "",
    "city": "Berlin",
    "city_area": "",
    "postal_code": "10119",
    "country": "DE",
    "country_area": "",
    "phone": "+4930123456",
}
OPTIONS = {
    "store_id": STORE_ID,
    "variant_ids": {"POSTER-A3": 1, "mug": 4012},
    "file_placements": {"mug": "front"},
    "shipping_methods": {"Express": "PRINTFUL_FAST"},
}


def line(reference: str, sku: str, product_type: str) -> JobLine:
    return JobLine(
        reference=reference,
        quantity=1,
        product_name="Yellow Portrait",
        variant_name="A3",
        sku=sku,
        product_type=product_type,
        files=(
            JobFile(
                url=f"https://podops.example.com/api/files/{reference}",
                file_name=f"1001-{reference}.png",
                sha256="ab" * 32,
                expires_at=NOW + timedelta(days=3),
            ),
        ),
        print_metadata={},
    )


def job(key: str = "0123456789abcdef0123456789abcdef", **overrides: object) -> JobRequest:
    values: dict[str, object] = {
        "idempotency_key": key,
        "reference": "podops-job-1",
        "order_number": "1001",
        "recipient": SNAPSHOT,
        "shipping_method": "Express",
        "lines": (line("line-1", "POSTER-A3", "poster"), line("line-2", "", "mug")),
    }
    values.update(overrides)
    return JobRequest(**values)  # type: ignore[arg-type]


@pytest.fixture
def printful(httpserver: HTTPServer) -> FakePrintful:
    fake = FakePrintful(httpserver)
    fake.mount()
    return fake


def adapter(
    printful: FakePrintful, *, read_timeout: float = 3.0, wait: float = 0.0
) -> PrintfulPartner:
    return PrintfulPartner(
        api_url=printful.url,
        api_key=API_KEY,
        options=OPTIONS,
        webhook_token=TOKEN,
        connect_timeout=1.0,
        read_timeout=read_timeout,
        take_token=lambda: wait,
    )


# Orders ------------------------------------------------------------------------------------------


def test_a_job_becomes_one_confirmed_printful_order(printful: FakePrintful) -> None:
    result = adapter(printful).submit_job(job())

    order = printful.only_order()
    assert (result.external_id, result.duplicate) == (str(order["id"]), False)
    assert order["status"] == "pending"
    look_up, create = printful.requests
    assert (look_up["method"], look_up["path"]) == (
        "GET",
        "/orders/@0123456789abcdef0123456789abcdef",
    )
    assert (create["method"], create["path"], create["query"]) == (
        "POST",
        "/orders",
        {"confirm": "true"},
    )
    assert {(r["auth"], r["store"]) for r in printful.requests} == {(f"Bearer {API_KEY}", STORE_ID)}
    body = create["json"]
    assert body["external_id"] == "0123456789abcdef0123456789abcdef"
    assert body["shipping"] == "PRINTFUL_FAST"
    assert body["recipient"] == {
        "name": "Ashley Cook",
        "address1": "Torstrasse 1",
        "city": "Berlin",
        "country_code": "DE",
        "zip": "10119",
        "phone": "+4930123456",
    }
    assert [(item["external_id"], item["variant_id"], item["files"]) for item in body["items"]] == [
        (
            "line-1",
            1,
            [
                {
                    "type": "default",
                    "url": "https://podops.example.com/api/files/line-1",
                    "filename": "1001-line-1.png",
                }
            ],
        ),
        (
            "line-2",
            4012,
            [
                {
                    "type": "front",
                    "url": "https://podops.example.com/api/files/line-2",
                    "filename": "1001-line-2.png",
                }
            ],
        ),
    ]


def test_a_resend_adopts_the_order_printful_has(printful: FakePrintful) -> None:
    first = adapter(printful).submit_job(job())
    again = adapter(printful).submit_job(job())

    assert (again.external_id, again.duplicate) == (first.external_id, True)
    assert len(printful.orders) == 1
    assert printful.api_calls()[-1] == ("GET", "/orders/@0123456789abcdef0123456789abcdef")


def test_a_lost_answer_then_a_resend_make_one_order(printful: FakePrintful) -> None:
    printful.script = deque(["", "lose"])  # the look-up is fine; the create's answer is lost

    with pytest.raises(PartnerTransientError):
        adapter(printful).submit_job(job())
    result = adapter(printful).submit_job(job())

    assert len(printful.orders) == 1
    assert (result.external_id, result.duplicate) == (str(printful.only_order()["id"]), True)


def test_a_draft_left_behind_is_confirmed(printful: FakePrintful) -> None:
    adapter(printful).submit_job(job())
    printful.only_order()["status"] = "draft"

    result = adapter(printful).submit_job(job())

    assert result.duplicate is True
    assert printful.only_order()["status"] == "pending"
    assert printful.api_calls()[-1] == ("POST", f"/orders/{result.external_id}/confirm")


@pytest.mark.parametrize(
    ("answer", "retry_after"), [("429", 45.0), ("429-header", 12.0), ("500", None)]
)
def test_rate_limits_and_server_trouble_are_transient_with_printfuls_hint(
    printful: FakePrintful, answer: str, retry_after: float | None
) -> None:
    printful.script = deque([answer])

    with pytest.raises(PartnerTransientError) as failed:
        adapter(printful).submit_job(job())

    assert failed.value.retry_after_seconds == retry_after
    assert printful.orders == {}


def test_a_timeout_and_a_partner_that_is_down_are_transient(printful: FakePrintful) -> None:
    printful.script = deque(["sleep"])
    printful.sleep_seconds = 1.0
    with pytest.raises(PartnerTransientError) as slow:
        adapter(printful, read_timeout=0.2).submit_job(job())
    assert "timeout" in str(slow.value)

    down = PrintfulPartner(
        api_url="http://127.0.0.1:9", api_key=API_KEY, options=OPTIONS, connect_timeout=0.5
    )
    with pytest.raises(PartnerTransientError):
        down.submit_job(job())


def test_a_refusal_is_permanent_with_printfuls_message(printful: FakePrintful) -> None:
    bad = dict(SNAPSHOT, street_address_1="x")
    printful.script = deque(["", "400"])

    with pytest.raises(PartnerPermanentError) as refused:
        adapter(printful).submit_job(job(recipient=bad))

    assert "HTTP 400 Something went wrong" in str(refused.value)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"lines": (line("line-1", "UNKNOWN", "frame"),)}, "No Printful variant for SKU UNKNOWN"),
        ({"recipient": dict(SNAPSHOT, city="")}, "lacks what Printful needs: city"),
    ],
)
def test_a_job_printful_cannot_take_is_refused_before_any_call(
    printful: FakePrintful, overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(PartnerPermanentError) as refused:
        adapter(printful).submit_job(job(**overrides))

    assert message in str(refused.value)
    assert printful.requests == []


def test_cancel_stops_an_order_printful_has_not_started(printful: FakePrintful) -> None:
    started = adapter(printful).submit_job(job("a" * 32))
    pending = adapter(printful).submit_job(job("b" * 32))
    printful.orders[int(started.external_id)]["status"] = "inprocess"

    adapter(printful).cancel_job(pending.external_id)
    with pytest.raises(PartnerPermanentError) as refused:
        adapter(printful).cancel_job(started.external_id)

    assert printful.orders[int(pending.external_id)]["status"] == "canceled"
    assert "cannot be cancelled" in str(refused.value)
    assert printful.api_calls()[-2:] == [
        ("DELETE", f"/orders/{pending.external_id}"),
        ("DELETE", f"/orders/{started.external_id}"),
    ]


# Webhooks ----------------------------------------------------------------------------------------


def parse(printful: FakePrintful, body: bytes, token: str = TOKEN) -> list[StatusUpdate]:
    return adapter(printful).parse_status_webhook({}, body, path_token=token)


def submitted(printful: FakePrintful) -> int:
    return int(adapter(printful).submit_job(job()).external_id)


def test_a_shipment_is_confirmed_by_the_api_and_maps_to_its_lines(printful: FakePrintful) -> None:
    order_id = submitted(printful)
    order = printful.orders[order_id]
    first_item = order["items"][0]["id"]
    shipment = printful.ship(order_id, "TN-1", items=[first_item])
    body = printful.webhook("package_shipped", order_id, shipment_id=shipment)
    calls = len(printful.requests)

    [update] = parse(printful, body)

    assert printful.api_calls()[calls:] == [("GET", f"/orders/{order_id}")]
    assert update == StatusUpdate(
        event_id=f"printful:package_shipped:{order_id}:{shipment}:1795000200:partial",
        external_job_id=str(order_id),
        status=PartnerStatus.SHIPPED,
        occurred_at=datetime.fromtimestamp(1795000200, tz=UTC),
        parcels=(
            ParcelReport(
                carrier="USPS",
                tracking_number="TN-1",
                tracking_url="https://track.example/TN-1",
                line_references=("line-1",),
                parcel_id=str(shipment),
            ),
        ),
    )
    # Printful's retry of the same event (its retries count differs) has the same event id
    [retry] = parse(
        printful, printful.webhook("package_shipped", order_id, shipment_id=shipment, retries=2)
    )
    assert retry.event_id == update.event_id


@pytest.mark.parametrize(
    ("event_type", "printful_status", "status", "reason"),
    [
        ("order_put_hold", "onhold", PartnerStatus.ON_HOLD, "Image too small"),
        ("order_remove_hold", "pending", PartnerStatus.QUEUED, ""),
        ("order_failed", "failed", PartnerStatus.FAILED, "Image too small"),
        (
            "order_canceled",
            "canceled",
            PartnerStatus.FAILED,
            "Cancelled at Printful: Image too small",
        ),
        ("order_updated", "inprocess", PartnerStatus.PRINTING, ""),
    ],
)
def test_status_events_take_the_status_from_the_api_and_the_reason_from_the_event(
    printful: FakePrintful,
    event_type: str,
    printful_status: str,
    status: PartnerStatus,
    reason: str,
) -> None:
    order_id = submitted(printful)
    printful.orders[order_id]["status"] = printful_status

    [update] = parse(printful, printful.webhook(event_type, order_id, reason="Image too small"))

    assert (update.status, update.reason, update.external_job_id) == (status, reason, str(order_id))


def test_an_event_the_api_contradicts_reports_what_the_api_says(printful: FakePrintful) -> None:
    # a forged (or stale) "failed" for an order Printful shows pending
    order_id = submitted(printful)

    [update] = parse(printful, printful.webhook("order_failed", order_id, reason="forged"))

    assert (update.status, update.reason) == (PartnerStatus.QUEUED, "")


def test_a_returned_package_marks_its_lines(printful: FakePrintful) -> None:
    order_id = submitted(printful)
    shipment = printful.ship(order_id, "TN-1")

    shipped, returned = parse(
        printful,
        printful.webhook(
            "package_returned", order_id, shipment_id=shipment, reason="Unknown address"
        ),
    )

    assert shipped.status == PartnerStatus.SHIPPED
    assert (returned.status, returned.reason, returned.line_references) == (
        PartnerStatus.RETURNED,
        "Unknown address",
        ("line-1", "line-2"),
    )
    assert returned.event_id != shipped.event_id


def test_other_events_are_accepted_and_ignored_without_a_call(printful: FakePrintful) -> None:
    body = json.dumps({"type": "stock_updated", "created": 1, "retries": 0, "data": {}}).encode()

    assert parse(printful, body) == []
    assert printful.requests == []


@pytest.mark.parametrize(
    ("token", "body", "status", "code"),
    [
        ("wrong", None, 401, "INVALID_TOKEN"),
        ("", None, 401, "INVALID_TOKEN"),
        (TOKEN, b"not json", 400, "MALFORMED_PAYLOAD"),
        (TOKEN, b'{"type": "order_failed", "created": 1, "data": {}}', 400, "MALFORMED_PAYLOAD"),
    ],
)
def test_a_bad_token_or_body_is_refused_without_a_call(
    printful: FakePrintful, token: str, body: bytes | None, status: int, code: str
) -> None:
    body = body or printful.webhook("order_failed", 1)

    with pytest.raises(WebhookRejected) as rejected:
        parse(printful, body, token)

    assert (rejected.value.status, rejected.value.code) == (status, code)
    assert printful.requests == []


def test_an_event_printful_cannot_confirm_is_refused_or_retried(printful: FakePrintful) -> None:
    order_id = submitted(printful)

    # an order Printful does not have: not from Printful
    with pytest.raises(WebhookRejected) as unknown:
        parse(printful, printful.webhook("order_failed", 999))
    assert (unknown.value.status, unknown.value.code) == (401, "NOT_CONFIRMED")

    # Printful's API in trouble: Printful should deliver it again later
    printful.script = deque(["500"])
    with pytest.raises(WebhookRejected) as trouble:
        parse(printful, printful.webhook("order_failed", order_id))
    assert (trouble.value.status, trouble.value.code) == (503, "PARTNER_UNAVAILABLE")

    # the partner's own rate limit is spent: later too, with when
    with pytest.raises(WebhookRejected) as limited:
        adapter(printful, wait=4.5).parse_status_webhook(
            {}, printful.webhook("order_failed", order_id), path_token=TOKEN
        )
    assert (limited.value.status, limited.value.retry_after_seconds) == (503, 4.5)

    # an event for another store
    other = json.loads(printful.webhook("order_failed", order_id))
    other["store"] = 1
    with pytest.raises(WebhookRejected) as elsewhere:
        parse(printful, json.dumps(other).encode())
    assert elsewhere.value.code == "OTHER_STORE"
