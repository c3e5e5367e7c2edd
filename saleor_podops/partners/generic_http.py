"""The generic HTTP partner: a JSON job POSTed to the partner's endpoint, signed with HMAC-SHA256 over
the raw body, with an ``Idempotency-Key`` header; status webhooks signed the same way.

Answers: 2xx ``{"id": "..."}`` is the partner's job id; 409 with an id means "already have it" (a
re-send); 429, 5xx, timeouts and connection errors are transient; any other 4xx is permanent.
Webhook body: ``{"event_id", "job_id", "status", "reason", "occurred_at", "items": [line references
a FAILED or RETURNED concerns; none: all], "parcels": [{"id", "carrier", "tracking_number",
"tracking_url", "items": [line references]}]}``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime

import httpx
import pydantic

from .http import partner_http_client
from .interface import (
    JobRequest,
    ParcelReport,
    PartnerPermanentError,
    PartnerStatus,
    PartnerTransientError,
    StatusUpdate,
    SubmitResult,
    WebhookRejected,
)
from .signing import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, sign, signature_matches

USER_AGENT = "PodOps-for-Saleor"


class _ParcelBody(pydantic.BaseModel):
    id: str = pydantic.Field(default="", max_length=255)
    carrier: str = ""
    tracking_number: str = pydantic.Field(min_length=1, max_length=255)
    tracking_url: str = pydantic.Field(default="", max_length=500)
    items: list[str] = []


class _StatusBody(pydantic.BaseModel):
    event_id: str = pydantic.Field(default="", max_length=255)
    job_id: str = pydantic.Field(min_length=1, max_length=255)
    status: PartnerStatus
    reason: str = pydantic.Field(default="", max_length=1000)
    occurred_at: datetime
    items: list[str] = []
    parcels: list[_ParcelBody] = []

    @pydantic.field_validator("occurred_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("occurred_at needs a time zone")
        return value


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return max(float(response.headers.get("Retry-After", "")), 0.0)
    except ValueError:
        return None


class GenericHttpPartner:
    can_cancel = True

    def __init__(
        self,
        *,
        endpoint_url: str,
        secret: str,
        connect_timeout: float = 5.0,
        read_timeout: float = 20.0,
    ) -> None:
        self.endpoint_url = endpoint_url
        self.secret = secret
        self.timeout = httpx.Timeout(read_timeout, connect=connect_timeout)

    def _post(self, url: str, body: bytes, idempotency_key: str) -> httpx.Response:
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            SIGNATURE_HEADER: sign(self.secret, body),
            IDEMPOTENCY_HEADER: idempotency_key,
        }
        try:
            with partner_http_client(self.timeout) as client:
                return client.post(url, content=body, headers=headers)
        except httpx.TimeoutException as exc:
            raise PartnerTransientError(f"timeout: {exc.__class__.__name__}") from exc
        except httpx.TransportError as exc:
            raise PartnerTransientError(f"{exc.__class__.__name__}: {exc}") from exc

    @staticmethod
    def _raise_for_status(response: httpx.Response, what: str) -> None:
        status = response.status_code
        if status == 429 or status >= 500:
            raise PartnerTransientError(f"{what}: HTTP {status}", _retry_after(response))
        if status >= 300 and status != 409:
            raise PartnerPermanentError(f"{what}: HTTP {status} {response.text[:300]}")

    def submit_job(self, job: JobRequest) -> SubmitResult:
        body = json.dumps(job.as_json(), sort_keys=True, separators=(",", ":")).encode()
        response = self._post(self.endpoint_url, body, job.idempotency_key)
        self._raise_for_status(response, "submit")
        try:
            external_id = str(response.json()["id"])
        except (ValueError, KeyError, TypeError) as exc:
            if response.status_code == 409:
                raise PartnerPermanentError("submit: duplicate without the job id") from exc
            raise PartnerTransientError("submit: the answer has no job id") from exc
        if not external_id:
            raise PartnerTransientError("submit: the answer has an empty job id")
        return SubmitResult(external_id=external_id, duplicate=response.status_code == 409)

    def cancel_job(self, external_id: str) -> None:
        url = f"{self.endpoint_url.rstrip('/')}/{external_id}/cancel"
        response = self._post(url, b"{}", f"cancel-{external_id}")
        self._raise_for_status(response, "cancel")

    def parse_status_webhook(
        self, headers: Mapping[str, str], body: bytes, *, path_token: str = ""
    ) -> list[StatusUpdate]:
        signature = next(
            (v for k, v in headers.items() if k.lower() == SIGNATURE_HEADER.lower()), ""
        )
        if not signature:
            raise WebhookRejected(401, "MISSING_SIGNATURE", f"{SIGNATURE_HEADER} is required")
        if not signature_matches(self.secret, body, signature):
            raise WebhookRejected(401, "INVALID_SIGNATURE", "The signature does not match")
        try:
            parsed = _StatusBody.model_validate_json(body)
        except pydantic.ValidationError as exc:
            raise WebhookRejected(400, "MALFORMED_PAYLOAD", f"Not a status event: {exc}") from exc
        return [
            StatusUpdate(
                event_id=parsed.event_id or f"sha256:{hashlib.sha256(body).hexdigest()}",
                external_job_id=parsed.job_id,
                status=parsed.status,
                occurred_at=parsed.occurred_at,
                reason=parsed.reason,
                line_references=tuple(parsed.items),
                parcels=tuple(
                    ParcelReport(
                        carrier=p.carrier,
                        tracking_number=p.tracking_number,
                        tracking_url=p.tracking_url,
                        line_references=tuple(p.items),
                        parcel_id=p.id,
                    )
                    for p in parsed.parcels
                ),
            )
        ]
