from __future__ import annotations

from enum import StrEnum


class NotificationErrorCode(StrEnum):
    INVALID = "INVALID"
    TEMPLATE_INVALID = "TEMPLATE_INVALID"
    UNKNOWN_EVENT = "UNKNOWN_EVENT"
    INVALID_TIME_ZONE = "INVALID_TIME_ZONE"
