"""Reads of fulfilment state for the staff API and metrics, in SQL so lists stay one query."""

from __future__ import annotations

from django.db.models import F, OuterRef, Q, QuerySet

from .models import DispatchState, PartnerJob
from .status import SHIPPED_RANK


def on_hold_q() -> Q:
    """``status.is_on_hold`` in SQL: a hold newer than the newest progress, before shipping."""
    return (
        Q(hold_at__isnull=False, partner_rank__lt=SHIPPED_RANK)
        & (Q(progress_at__isnull=True) | Q(hold_at__gt=F("progress_at")))
        & ~Q(dispatch_state=DispatchState.CANCELLED)
    )


def needs_attention_q() -> Q:
    """``PartnerJob.needs_attention`` in SQL."""
    return (
        Q(dispatch_state=DispatchState.SEND_FAILED)
        | (~Q(attention="") & Q(resolved_at__isnull=True))
        | on_hold_q()
    )


def jobs_in_flight(partner: int | OuterRef) -> QuerySet[PartnerJob]:
    """A partner's jobs it still reports on: not cancelled, with a line that has neither shipped
    nor failed (``partner``: its id, or ``OuterRef`` in a subquery; a job appears once per such
    line)."""
    return (
        PartnerJob.objects.filter(partner=partner)
        .exclude(dispatch_state=DispatchState.CANCELLED)
        .filter(lines__shipped_at__isnull=True, lines__failed_at__isnull=True)
    )
