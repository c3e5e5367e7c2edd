"""A token bucket per partner, kept on its row: ``rate_per_minute`` tokens a minute up to ``burst``.
The row is locked while a token is taken, so concurrent workers share one budget."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import PrintPartner


def partner_take_token(*, partner_id: int) -> float:
    """Take one call's token: 0 when taken, otherwise how many seconds until one is free."""
    with transaction.atomic():
        partner = PrintPartner.objects.select_for_update().get(pk=partner_id)
        now = timezone.now()
        elapsed = max((now - partner.tokens_updated_at).total_seconds(), 0.0)
        per_second = partner.rate_per_minute / 60.0
        tokens = min(float(partner.burst), partner.tokens + elapsed * per_second)
        wait = 0.0
        if tokens >= 1.0:
            tokens -= 1.0
        else:
            wait = (1.0 - tokens) / per_second
        partner.tokens = tokens
        partner.tokens_updated_at = now
        partner.save(update_fields=["tokens", "tokens_updated_at"])
        return wait
