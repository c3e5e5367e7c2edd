from __future__ import annotations

from enum import StrEnum


class WorkflowErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    INVALID_STAGE = "INVALID_STAGE"
    ROLE_REQUIRED = "ROLE_REQUIRED"
    NOT_ASSIGNED_TO_YOU = "NOT_ASSIGNED_TO_YOU"
    STAGE_NOT_SKIPPABLE = "STAGE_NOT_SKIPPABLE"
    SKIP_NOT_ALLOWED = "SKIP_NOT_ALLOWED"
    NOT_ON_HOLD = "NOT_ON_HOLD"
    INVALID_REASON_CODE = "INVALID_REASON_CODE"
    COMMENT_REQUIRED = "COMMENT_REQUIRED"
    NOT_A_WORKED_STAGE = "NOT_A_WORKED_STAGE"
    ASSIGNEE_NOT_ELIGIBLE = "ASSIGNEE_NOT_ELIGIBLE"
    INVALID = "INVALID"


# Refusals that mean "not yours to do": adapters report them as permission errors.
PERMISSION_CODES = frozenset(
    {
        WorkflowErrorCode.ROLE_REQUIRED,
        WorkflowErrorCode.NOT_ASSIGNED_TO_YOU,
        WorkflowErrorCode.SKIP_NOT_ALLOWED,
    }
)
