from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import ValidationError


class ApprovalErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    ALREADY_DECIDED = "ALREADY_DECIDED"
    OUTDATED_VERSION = "OUTDATED_VERSION"
    NOT_AWAITING_CUSTOMER = "NOT_AWAITING_CUSTOMER"
    COMMENT_REQUIRED = "COMMENT_REQUIRED"
    INVALID_MARK = "INVALID_MARK"
    UPLOAD_NOT_USABLE = "UPLOAD_NOT_USABLE"
    INVALID = "INVALID"


class AccessErrorCode(StrEnum):
    """Why a customer may not use the API at all (top-level errors in the adapters)."""

    UNAUTHENTICATED = "UNAUTHENTICATED"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    TOKEN_INVALID = "TOKEN_INVALID"
    LINK_INVALID = "LINK_INVALID"
    LINK_EXPIRED = "LINK_EXPIRED"
    LINK_USED_UP = "LINK_USED_UP"
    SALEOR_UNAVAILABLE = "SALEOR_UNAVAILABLE"
    RATE_LIMITED = "RATE_LIMITED"


class AccessDenied(Exception):
    def __init__(self, code: AccessErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def approval_error(code: ApprovalErrorCode, message: str, field: str = "id") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})
