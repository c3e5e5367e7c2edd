"""The events PodOps emails about: who receives each, and the placeholders its template may use."""

from __future__ import annotations

from enum import StrEnum


class NotificationEvent(StrEnum):
    # To the customer
    PHOTO_REJECTED = "PHOTO_REJECTED"
    PROOF_READY = "PROOF_READY"
    PROOF_REMINDER = "PROOF_REMINDER"
    PROOF_AUTO_APPROVED = "PROOF_AUTO_APPROVED"
    ORDER_SHIPPED = "ORDER_SHIPPED"
    # To staff
    WORK_ASSIGNED = "WORK_ASSIGNED"
    PROOF_REJECTED = "PROOF_REJECTED"
    CHANGES_OVER_LIMIT = "CHANGES_OVER_LIMIT"


CUSTOMER_EVENTS = frozenset(
    {
        NotificationEvent.PHOTO_REJECTED,
        NotificationEvent.PROOF_READY,
        NotificationEvent.PROOF_REMINDER,
        NotificationEvent.PROOF_AUTO_APPROVED,
        NotificationEvent.ORDER_SHIPPED,
    }
)
STAFF_EVENTS = frozenset(set(NotificationEvent) - CUSTOMER_EVENTS)

# Every template may use these; each event adds its own.
COMMON_PLACEHOLDERS = ("shop_name", "order_number", "customer_name", "item_name", "language")
EVENT_PLACEHOLDERS: dict[NotificationEvent, tuple[str, ...]] = {
    NotificationEvent.PHOTO_REJECTED: ("reason", "comment", "approval_link"),
    NotificationEvent.PROOF_READY: ("approval_link", "version"),
    NotificationEvent.PROOF_REMINDER: ("approval_link", "version", "reminder_number"),
    NotificationEvent.PROOF_AUTO_APPROVED: ("version",),
    NotificationEvent.ORDER_SHIPPED: ("tracking_number", "tracking_url", "carrier"),
    NotificationEvent.WORK_ASSIGNED: ("staff_name", "stage"),
    NotificationEvent.PROOF_REJECTED: ("comment", "version", "revision_number"),
    NotificationEvent.CHANGES_OVER_LIMIT: ("comment", "revision_number", "free_revisions"),
}


def placeholders_for(event: NotificationEvent) -> tuple[str, ...]:
    return COMMON_PLACEHOLDERS + EVENT_PLACEHOLDERS[event]
