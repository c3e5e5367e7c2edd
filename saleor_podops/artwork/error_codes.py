"""Why the artwork domain refuses something, and what it warns about."""

from __future__ import annotations

from enum import StrEnum


class ArtworkErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    # The file itself
    EMPTY_FILE = "EMPTY_FILE"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    UNSUPPORTED_TYPE = "UNSUPPORTED_TYPE"
    TRUNCATED = "TRUNCATED"
    UNREADABLE = "UNREADABLE"
    TOO_MANY_PIXELS = "TOO_MANY_PIXELS"
    IMAGE_TOO_SMALL = "IMAGE_TOO_SMALL"
    # Storefront uploads
    SESSION_INVALID = "SESSION_INVALID"
    SESSION_EXPIRED = "SESSION_EXPIRED"
    SESSION_BUDGET_EXCEEDED = "SESSION_BUDGET_EXCEEDED"
    SESSION_FILE_LIMIT = "SESSION_FILE_LIMIT"
    UPLOAD_NOT_FOUND = "UPLOAD_NOT_FOUND"
    UPLOAD_ALREADY_REPLACED = "UPLOAD_ALREADY_REPLACED"
    # Artwork uploads (per file of a batch)
    NO_MATCH = "NO_MATCH"
    AMBIGUOUS = "AMBIGUOUS"
    NOT_ASSIGNED_TO_YOU = "NOT_ASSIGNED_TO_YOU"
    NOT_IN_ARTWORK_STAGE = "NOT_IN_ARTWORK_STAGE"
    FILE_INVALID = "FILE_INVALID"
    # Downloads
    DOWNLOAD_NOT_ALLOWED = "DOWNLOAD_NOT_ALLOWED"
    DOWNLOAD_LINK_INVALID = "DOWNLOAD_LINK_INVALID"
    DOWNLOAD_LINK_EXPIRED = "DOWNLOAD_LINK_EXPIRED"


class PrintSpecErrorCode(StrEnum):
    """Why a print spec change is refused (the staff settings)."""

    INVALID_PRODUCT_TYPE = "INVALID_PRODUCT_TYPE"
    INVALID_SIZE = "INVALID_SIZE"
    INVALID_DPI = "INVALID_DPI"
    NOT_FOUND = "NOT_FOUND"


class ArtworkWarningCode(StrEnum):
    LOW_RESOLUTION = "LOW_RESOLUTION"
    EXTENSION_MISMATCH = "EXTENSION_MISMATCH"


class ArtworkError(Exception):
    """A refusal with a code the caller (HTTP view, GraphQL mutation) shows as it is."""

    def __init__(self, code: ArtworkErrorCode, message: str, *, field: str = "file") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
