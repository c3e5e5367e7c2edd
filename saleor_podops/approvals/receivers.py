"""Approvals follow the workflow's moves: an item entering CUSTOMER_APPROVAL gets its proof (and the
proof-ready email), one entering AWAITING_CUSTOMER its photo request, as soon as the move commits.
The beat task ``open_customer_requests`` stays the safety net (a worker down at commit time)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction

from saleor_podops.production.models import ProductionItem
from saleor_podops.production.stages import Stage

CUSTOMER_STAGES = frozenset({Stage.CUSTOMER_APPROVAL, Stage.AWAITING_CUSTOMER})


def open_customer_request_on_commit(
    sender: type, *, item: ProductionItem, to_stage: Stage, **kwargs: Any
) -> None:
    if to_stage not in CUSTOMER_STAGES:
        return
    from .tasks import open_customer_request

    transaction.on_commit(partial(open_customer_request.delay, item.pk))
