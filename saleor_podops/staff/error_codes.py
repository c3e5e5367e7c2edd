from __future__ import annotations

from enum import StrEnum


class StaffErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    INVALID = "INVALID"
    LAST_ADMIN = "LAST_ADMIN"
    PERMISSION_DENIED = "PERMISSION_DENIED"
