"""Background assignment: hand out waiting items after intake commits, and periodically as a
safety net. Idempotent: running twice only finds less to do."""

from __future__ import annotations

from functools import partial

from celery import shared_task
from django.db import transaction

from saleor_podops.saleor.models import Installation

from .assignment import queue_fill


@shared_task(name="saleor_podops.staff.tasks.assign_waiting_items", ignore_result=True)
def assign_waiting_items(installation_id: int) -> int:
    return queue_fill(installation_id=installation_id)


@shared_task(name="saleor_podops.staff.tasks.assign_waiting_items_everywhere", ignore_result=True)
def assign_waiting_items_everywhere() -> int:
    return sum(
        queue_fill(installation_id=pk)
        for pk in Installation.objects.filter(is_active=True).values_list("pk", flat=True)
    )


def schedule_assignment(*, installation_id: int) -> None:
    """Hand out waiting items once the current transaction commits."""
    transaction.on_commit(partial(assign_waiting_items.delay, installation_id))
