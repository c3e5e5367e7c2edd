"""The generic HTTP partner against a real local server: signed JSON jobs with idempotency keys,
failures mapped to transient/permanent, and status webhooks verified and parsed."""

from __future__ import annotations

import hashlib
import json
from collections import deque
from datetime import UTC, datetime, timedelta

import pytest
from pytest_httpserver import HTTPServer

from saleor_podops.partners.generic_http import GenericHttpPartner
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
from saleor_podops.partners.signing import sign

from .fake_partner import FakePartner

SECRET = "s3cret"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def job(key: str = "key-1") -> JobRequest:
    return JobRequest(
        idempotency_key=key,
        reference="podops-job-1",
        order_number="1001",
        recipient={"firstName": "Ashley", "country": "DE"},
        shipping_method="DHL",
        lines=(
            JobLine(
                reference="line-1",
                quantity=2,
                product_name="Yellow Portrait",
                variant_name="Full",
                sku="SKU-1",
                product_type="portrait",
                files=(
                    JobFile(
                        url="https://podops.example.com/api/files/abc",
                        file_name="1001-1-v1.png",
                        sha256="ab" * 32,
                        expires_at=NOW + timedelta(days=3),
                    ),
                ),
                print_metadata={"artwork": {"version": 1}},
            ),
        ),
    )


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakePartner:
    partner = FakePartner(httpserver, SECRET)
    partner.mount()
    return partner


def adapter(fake: FakePartner, read_timeout: float = 3.0) -> GenericHttpPartner:
    return GenericHttpPartner(
        endpoint_url=fake.url, secret=SECRET, connect_timeout=1.0, read_timeout=read_timeout
    )


def test_a_job_is_posted_signed_with_its_idempotency_key(fake: FakePartner) -> None:
    result = adapter(fake).submit_job(job())

    assert (result.external_id, result.duplicate) == ("pj-1", False)
    assert len(fake.requests) == 1
    sent = fake.requests[0]
    assert (sent["key"], sent["signed"]) == ("key-1", True)
    assert sent["json"]["items"][0]["files"][0]["url"] == "https://podops.example.com/api/files/abc"
    assert sent["json"]["items"][0]["files"][0]["expires_at"] == "2026-11-26T12:00:00+00:00"
    assert sent["json"]["items"][0]["quantity"] == 2


def test_a_resend_never_makes_a_second_job(fake: FakePartner) -> None:
    first = adapter(fake).submit_job(job())
    again = adapter(fake).submit_job(job())

    assert (again.external_id, again.duplicate) == (first.external_id, True)
    assert len(fake.jobs) == 1
    assert [r["key"] for r in fake.requests] == ["key-1", "key-1"]


@pytest.mark.parametrize("answer", ["500", "429", "lose"])
def test_server_trouble_is_transient(fake: FakePartner, answer: str) -> None:
    fake.script = deque([answer])

    with pytest.raises(PartnerTransientError) as failed:
        adapter(fake).submit_job(job())

    assert failed.value.retry_after_seconds == (7.0 if answer == "429" else None)


def test_a_timeout_is_transient(fake: FakePartner) -> None:
    fake.script = deque(["sleep"])
    fake.sleep_seconds = 1.0

    with pytest.raises(PartnerTransientError) as failed:
        adapter(fake, read_timeout=0.2).submit_job(job())

    assert str(failed.value).startswith("timeout")


def test_a_refusal_is_permanent(fake: FakePartner) -> None:
    fake.script = deque(["400"])

    with pytest.raises(PartnerPermanentError):
        adapter(fake).submit_job(job())

    assert fake.jobs == {}


def test_a_partner_that_is_down_is_transient() -> None:
    down = GenericHttpPartner(
        endpoint_url="http://127.0.0.1:9/v1/jobs", secret=SECRET, connect_timeout=0.5
    )
    with pytest.raises(PartnerTransientError):
        down.submit_job(job())


def status_body(**overrides: object) -> bytes:
    body = {
        "event_id": "evt-1",
        "job_id": "pj-1",
        "status": "SHIPPED",
        "occurred_at": "2026-11-23T12:00:00+00:00",
        "parcels": [
            {"id": "p1", "carrier": "DHL", "tracking_number": "TN1", "items": ["line-1"]},
            {"carrier": "UPS", "tracking_number": "TN2"},
        ],
    }
    body.update(overrides)
    return json.dumps(body).encode()


def parse(body: bytes, signature: str | None) -> list[StatusUpdate]:
    partner = GenericHttpPartner(endpoint_url="http://unused", secret=SECRET)
    headers = {} if signature is None else {"x-podops-signature": signature}
    return partner.parse_status_webhook(headers, body)


def test_a_signed_status_webhook_is_parsed() -> None:
    body = status_body()

    [update] = parse(body, sign(SECRET, body))

    assert update == StatusUpdate(
        event_id="evt-1",
        external_job_id="pj-1",
        status=PartnerStatus.SHIPPED,
        occurred_at=NOW,
        parcels=(
            ParcelReport("DHL", "TN1", "", ("line-1",), "p1"),
            ParcelReport("UPS", "TN2", "", (), ""),
        ),
    )


def test_an_event_without_id_is_known_by_its_body_hash() -> None:
    body = status_body(event_id="")

    [update] = parse(body, sign(SECRET, body))

    assert update.event_id == f"sha256:{hashlib.sha256(body).hexdigest()}"


@pytest.mark.parametrize(
    ("signature", "status", "code"),
    [
        (None, 401, "MISSING_SIGNATURE"),
        ("sha256=" + "0" * 64, 401, "INVALID_SIGNATURE"),
        ("tampered", 401, "INVALID_SIGNATURE"),
    ],
)
def test_unsigned_or_forged_webhooks_are_rejected(
    signature: str | None, status: int, code: str
) -> None:
    with pytest.raises(WebhookRejected) as rejected:
        parse(status_body(), signature)
    assert (rejected.value.status, rejected.value.code) == (status, code)


def test_a_tampered_byte_fails_the_signature() -> None:
    body = status_body()
    signature = sign(SECRET, body)
    with pytest.raises(WebhookRejected) as rejected:
        parse(body.replace(b"TN1", b"TN9"), signature)
    assert rejected.value.code == "INVALID_SIGNATURE"


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        json.dumps(
            {"job_id": "pj-1", "status": "TELEPORTED", "occurred_at": "2026-11-23T12:00:00Z"}
        ).encode(),
        json.dumps(
            {"job_id": "pj-1", "status": "QUEUED", "occurred_at": "2026-11-23T12:00:00"}
        ).encode(),
    ],
    ids=["not-json", "unknown-status", "naive-time"],
)
def test_malformed_webhooks_are_400(body: bytes) -> None:
    with pytest.raises(WebhookRejected) as rejected:
        parse(body, sign(SECRET, body))
    assert (rejected.value.status, rejected.value.code) == (400, "MALFORMED_PAYLOAD")


def test_a_failure_may_name_the_lines_it_concerns() -> None:
    body = status_body(status="FAILED", reason="Out of stock", items=["line-2"], parcels=[])

    [update] = parse(body, sign(SECRET, body))

    assert (update.status, update.reason, update.line_references) == (
        PartnerStatus.FAILED,
        "Out of stock",
        ("line-2",),
    )
