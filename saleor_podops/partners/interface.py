"""What PodOps needs from a print partner, whatever its API.

A partner takes a job (one recipient's items, each with signed, expiring URLs to its approved artwork
and its print metadata), answers with its own id for it, may cancel it (``can_cancel``), and reports
progress through status webhooks. The shapes follow what real print APIs need (Printful's order API:
files by URL, external ids, holds with a reason, shipments with several tracking numbers): the
Printful adapter (``printful.py``) is one more class with these methods.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol


class PartnerStatus(StrEnum):
    """What a partner can say about a job."""

    QUEUED = "QUEUED"
    PRINTING = "PRINTING"
    ON_HOLD = "ON_HOLD"
    PRINTED = "PRINTED"
    SHIPPED = "SHIPPED"
    FAILED = "FAILED"
    RETURNED = "RETURNED"


@dataclass(frozen=True)
class JobFile:
    url: str
    file_name: str
    sha256: str
    expires_at: datetime


@dataclass(frozen=True)
class JobLine:
    """One production item in a job. ``reference`` is how the partner names it back to us."""

    reference: str
    quantity: int
    product_name: str
    variant_name: str
    sku: str
    product_type: str
    files: tuple[JobFile, ...]
    print_metadata: Mapping[str, Any]


@dataclass(frozen=True)
class JobRequest:
    """One job for one recipient. The same ``idempotency_key`` is sent on every try of the same job,
    so a partner that saw it already answers with the job it made instead of making another."""

    idempotency_key: str
    reference: str
    order_number: str
    recipient: Mapping[str, Any]
    shipping_method: str
    lines: tuple[JobLine, ...]
    reprint_of: str = ""
    callback_url: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "idempotency_key": self.idempotency_key,
            "reference": self.reference,
            "order_number": self.order_number,
            "recipient": dict(self.recipient),
            "shipping_method": self.shipping_method,
            "reprint_of": self.reprint_of or None,
            "callback_url": self.callback_url or None,
            "items": [
                {
                    "reference": line.reference,
                    "quantity": line.quantity,
                    "product_name": line.product_name,
                    "variant_name": line.variant_name,
                    "sku": line.sku,
                    "product_type": line.product_type,
                    "files": [
                        {
                            "url": f.url,
                            "file_name": f.file_name,
                            "sha256": f.sha256,
                            "expires_at": f.expires_at.isoformat(),
                        }
                        for f in line.files
                    ],
                    "print_metadata": dict(line.print_metadata),
                }
                for line in self.lines
            ],
        }


@dataclass(frozen=True)
class SubmitResult:
    external_id: str
    duplicate: bool = False


@dataclass(frozen=True)
class ParcelReport:
    carrier: str
    tracking_number: str
    tracking_url: str = ""
    line_references: tuple[str, ...] = ()  # empty: every line of the job
    parcel_id: str = ""  # the partner's id of the parcel: its tracking number may change


@dataclass(frozen=True)
class StatusUpdate:
    """One status event. ``event_id`` is the partner's id for the event, or a hash of its body."""

    event_id: str
    external_job_id: str
    status: PartnerStatus
    occurred_at: datetime
    reason: str = ""
    parcels: tuple[ParcelReport, ...] = field(default=())
    # The lines a FAILED or RETURNED status concerns; empty: every line of the job.
    line_references: tuple[str, ...] = field(default=())


class PartnerError(Exception):
    """The partner did not take the request."""


class PartnerTransientError(PartnerError):
    """Worth trying again: timeouts, connection errors, 5xx, 429."""

    def __init__(self, message: str, retry_after_seconds: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


class PartnerPermanentError(PartnerError):
    """Trying again will not help (the partner refused the job)."""


class WebhookRejected(Exception):
    """A status webhook that is not acceptable; ``status`` is the HTTP answer (401 or 400; 503 when
    it could not be confirmed now and the partner should deliver it again)."""

    def __init__(
        self, status: int, code: str, message: str, retry_after_seconds: float | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.retry_after_seconds = retry_after_seconds


class PrintPartnerAdapter(Protocol):
    """How PodOps talks to one kind of partner.

    ``can_cancel``: ``cancel_job`` really stops the job at the partner (an API call); when False a
    person must tell the partner (the manual partner). ``parse_status_webhook`` authenticates the
    delivery (signature, or the token in its URL path, ``path_token``) and answers the updates it
    carries, or raises ``WebhookRejected``."""

    @property
    def can_cancel(self) -> bool: ...

    def submit_job(self, job: JobRequest) -> SubmitResult: ...

    def cancel_job(self, external_id: str) -> None: ...

    def parse_status_webhook(
        self, headers: Mapping[str, str], body: bytes, *, path_token: str = ""
    ) -> list[StatusUpdate]: ...
