"""Partner status, monotonic. A job's status is the most advanced status any event reported; a hold
is on while the newest hold happened after the newest progress report. Both are functions of the
set of events received, so late, repeated and shuffled deliveries end in the same state.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from saleor_podops.partners.interface import PartnerStatus

RANKS: dict[PartnerStatus, int] = {
    PartnerStatus.QUEUED: 20,
    PartnerStatus.PRINTING: 30,
    PartnerStatus.PRINTED: 40,
    PartnerStatus.FAILED: 45,
    PartnerStatus.SHIPPED: 50,
    PartnerStatus.RETURNED: 60,
}
SHIPPED_RANK = RANKS[PartnerStatus.SHIPPED]
PRINTED_RANK = RANKS[PartnerStatus.PRINTED]


class HasPartnerState(Protocol):
    partner_status: str
    partner_rank: int
    progress_at: datetime | None
    hold_at: datetime | None
    hold_reason: str


def is_on_hold(state: HasPartnerState) -> bool:
    if state.hold_at is None or state.partner_rank >= SHIPPED_RANK:
        return False
    return state.progress_at is None or state.hold_at > state.progress_at


def apply_status(
    state: HasPartnerState, *, status: PartnerStatus, occurred_at: datetime, reason: str = ""
) -> bool:
    """Fold one event into ``state``; True when anything visible changed."""
    before = (state.partner_status, state.partner_rank, is_on_hold(state), state.hold_reason)
    if status == PartnerStatus.ON_HOLD:
        if state.hold_at is None or occurred_at > state.hold_at:
            state.hold_at = occurred_at
            state.hold_reason = reason
    else:
        rank = RANKS[status]
        if rank > state.partner_rank:
            state.partner_rank = rank
            state.partner_status = status.value
        if state.progress_at is None or occurred_at > state.progress_at:
            state.progress_at = occurred_at
    after = (state.partner_status, state.partner_rank, is_on_hold(state), state.hold_reason)
    return before != after
