from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import ValidationError


class FulfilmentErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    INVALID = "INVALID"
    ENDPOINT_NOT_PUBLIC = "ENDPOINT_NOT_PUBLIC"
    ENDPOINT_LOOKUP_TIMEOUT = "ENDPOINT_LOOKUP_TIMEOUT"
    ROLE_REQUIRED = "ROLE_REQUIRED"
    NOT_ASSIGNED_TO_YOU = "NOT_ASSIGNED_TO_YOU"
    NOT_IN_QUEUE = "NOT_IN_QUEUE"
    ALREADY_BATCHED = "ALREADY_BATCHED"
    BATCH_NOT_OPEN = "BATCH_NOT_OPEN"
    BATCH_FULL = "BATCH_FULL"
    BATCH_GROUP_MISMATCH = "BATCH_GROUP_MISMATCH"
    BATCH_EMPTY = "BATCH_EMPTY"
    GRACE_PERIOD_ACTIVE = "GRACE_PERIOD_ACTIVE"
    NO_ARTWORK = "NO_ARTWORK"
    PARTNER_INACTIVE = "PARTNER_INACTIVE"
    NOT_A_MANUAL_PARTNER = "NOT_A_MANUAL_PARTNER"
    JOB_NOT_WAITING = "JOB_NOT_WAITING"
    JOB_NOT_SENT = "JOB_NOT_SENT"
    QA_NOT_REQUIRED = "QA_NOT_REQUIRED"
    QA_NOT_READY = "QA_NOT_READY"
    QA_PENDING = "QA_PENDING"
    ALREADY_SHIPPED = "ALREADY_SHIPPED"
    ALREADY_REPRINTED = "ALREADY_REPRINTED"
    TRACKING_REQUIRED = "TRACKING_REQUIRED"
    JOB_CANCELLED = "JOB_CANCELLED"
    PARTNER_REFUSED = "PARTNER_REFUSED"
    NOTHING_TO_RESOLVE = "NOTHING_TO_RESOLVE"
    LINE_FAILED = "LINE_FAILED"
    PARTNER_JOBS_IN_FLIGHT = "PARTNER_JOBS_IN_FLIGHT"
    PRINTFUL_STORE_IN_USE = "PRINTFUL_STORE_IN_USE"


# Codes that mean "not yours to do": adapters answer them as permission errors.
PERMISSION_CODES = frozenset(
    {FulfilmentErrorCode.ROLE_REQUIRED, FulfilmentErrorCode.NOT_ASSIGNED_TO_YOU}
)


class FulfilmentError(ValidationError):
    """A refused fulfilment action: ``ValidationError({field: [code + message]})``."""

    def __init__(self, code: FulfilmentErrorCode, message: str, field: str = "id") -> None:
        super().__init__({field: ValidationError(message, code=code.value)})
        self.code = code
        self.message_text = message
